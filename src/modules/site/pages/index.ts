export { sitePages } from './public';
