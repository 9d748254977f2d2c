// The events domain, split by topic; import from here.
export * from './lib/text';
export * from './service/input';
export * from './service/events';
export * from './service/rsvp';
export * from './service/rsvp-changes';
export * from './service/checkin';
export * from './service/import';
export * from './service/export';
export * from './lib/calendar';
export * from './service/notify';
export * from './service/participants';
export * from './service/mail';
export * from './service/chapter';
export * from './service/report';
export * from './service/impact';
export * from './service/start-series';
export * from './service/images';
