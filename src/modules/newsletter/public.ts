// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to the newsletter.
export {
  beginSending,
  confirmSubscriber,
  createIssue,
  getSubscriber,
  manageToken,
  messageFor,
  opensAndDeliveries,
  prepare,
  requestSubscription,
  saveSettings,
  sendSlice,
  subscribe,
  subscribersAt,
} from './service';
export { listHeaders } from './service/transport';
// The organizer home's box (site reads it through a hook).
export { newsletterOrganizePanels } from './pages/organize-panel';
