// What other modules, the composition root, the benchmark and tests outside this folder may use: they
// import the module's index, which re-exports this file. Anything not listed here is internal.
export { solve } from './lib/solver';
export { instances, mentorshipInstance } from './lib/instances';
export { optimalMatching, stableMatching } from './lib/mentorship';
export { yourTableLinks } from './service/hooks';
