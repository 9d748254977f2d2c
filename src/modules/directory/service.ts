export * from './service/input';
export * from './service/taxonomy';
export * from './service/organizations';
export * from './service/initiatives';
export * from './service/convenings';
export * from './service/recommendations';
export * from './service/person-data';
export * from './service/suggestions';
