export { peoplePages } from './account';
