// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to the career fair.
export { attendeeFor, boothFor, eventFairLinks, isFair, makeFair, passToken, register } from './service';
