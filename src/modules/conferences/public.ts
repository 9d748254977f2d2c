// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to conferences.
export { getConference, createConference, createSession, addRoom, addTrack, signUp } from './service';
export { conferencesMessages } from './messages';
/** For foreign keys in other modules' schemas only (the call-for-proposals work hangs off these). */
export { conferences, conferenceSessions, conferenceTracks } from './schema';
export type { Conference, Session } from './schema';
