// The conferences domain, split by topic; import from here.
export * from './service/input';
export * from './service/conference';
export * from './service/sessions';
export * from './service/signups';
export * from './service/schedule';
export * from './service/tokens';
export * from './service/copy';
