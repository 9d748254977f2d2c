/** The jobs domain: agencies and guides, postings, imports, search, alerts and counts. */
export * from './service/agencies';
export * from './service/jobs';
export * from './service/import';
export * from './service/search';
export * from './lib/search-params';
export * from './service/alerts';
export * from './service/stats';
export { classify, activeRules } from './service/classify';
export { parseSalaryText } from './service/normalize';
export * from './service/feeds';
