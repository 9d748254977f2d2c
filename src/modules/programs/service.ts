// The programs domain, split by topic; import from here.
export * from './service/input';
export * from './service/programs';
export * from './service/applications';
export * from './service/drafts';
export * from './service/bookings';
export * from './service/sessions';
export * from './service/deliverables';
export * from './service/worksheets';
export * from './service/progress';
export * from './service/invites';
export * from './service/mail';
export * from './service/person-data';
export * from './service/start-program';
