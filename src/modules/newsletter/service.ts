/** The newsletter's domain functions, split by concern under service/. */
export * from './service/common';
export * from './service/subscribers';
export * from './service/issues';
export * from './service/sender';
export * from './service/tracking';
export * from './service/bounces';
export * from './service/import';
export * from './service/reports';
export * from './lib/markdown';
export { requestSubscription, sendSubscriptionEmail } from './service/emails';
export { archiveHtml, collectLinks, fillBlocks } from './service/render';
export * from './service/impact';
