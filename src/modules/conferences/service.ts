// The conferences domain, split by topic; import from here.
export * from './service/input';
export * from './service/conference';
export * from './service/sessions';
export * from './service/places';
export * from './service/signups';
export * from './service/schedule';
export * from './service/tokens';
export * from './service/copy';
export * from './service/cfp-input';
export * from './service/proposals';
export * from './service/topics';
export * from './service/applications';
export * from './service/proposal-session';
export * from './service/cfp-questions';
