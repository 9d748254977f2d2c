// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to conferences.
export { cancelSignup, getConference } from './service';
// Events asks this before any public RSVP (handed over as a hook by the composition root).
export { applicationOnlyRefusal, applicationSeatReleased } from './service/registration';
