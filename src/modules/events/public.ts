// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to events.
export {
  createEvent,
  createRsvp,
  doorCounts,
  eventInput,
  eventParticipants,
  eventTasks,
  getEvent,
  getEventById,
  pickText,
} from './service';
// The conferences module changes its event and checks registration through these.
export { findRsvpFor, updateEvent } from './service';
// A symposium's confirmed applicants hold going RSVPs, seated and released through these.
export { admitToEvent, withdrawAdmission } from './service';
export type { RsvpRefusal } from './service/hooks';
export { canManageEvent, canSeeEvent, chapterFor, rsvpRateLimit } from './permissions';
// The event body's fields, for modules whose events carry more (convenings).
export { eventFields } from './service';
export { eventsMessages } from './messages';
export { manageUrl } from './service/mail';
// The one form builder's answer check, time-zone reading and invite building, shared with programs.
export { buildInviteIcs, checkAnswers, isTimeZone, localText, slugify, utcToZoned, zonedToUtc, type FormQuestion } from './service';
// What the impact figures read of events, handed to the metrics module by the composition root.
export { chapterEventIds, eventActivity, lastEventByChapter } from './service';
export type { EventRow } from './schema';
// Demo data: the working day other modules' seeds hold their events on.
export { demoWorkingDay } from './seed';
/** For foreign keys in other modules' schemas only. */
export { events, rsvps } from './schema';
// The reader's own zone (the `tz` cookie events.js keeps), for pages that show times beside the event's.
export { viewerZone } from './pages/viewer';
// One organizer text in English and Spanish side by side, for other modules' organizer forms.
export { Pair } from './views/series-form';
// The organizer home's boxes for events (site reads them through a hook).
export { eventsOrganizePanels } from './pages/organize-events';
// A chapter's new series with a first draft event, started by the playbook (handed on at composition).
export { startSeries } from './service';
// The home page's "Next events" (site reads it through a hook).
export { eventsHomeSections } from './pages/home';
