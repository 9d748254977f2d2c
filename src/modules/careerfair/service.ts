// The career-fair domain, split by topic; import from here.
export * from './service/fair';
export * from './service/attendees';
export * from './service/connections';
export * from './service/pass-mail';
