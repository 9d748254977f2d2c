// The events domain, split by topic; import from here.
export * from './service/text';
export * from './service/input';
export * from './service/events';
export * from './service/rsvp';
export * from './service/checkin';
export * from './service/import';
export * from './service/export';
export * from './service/calendar';
export * from './service/notify';
export * from './service/mail';
