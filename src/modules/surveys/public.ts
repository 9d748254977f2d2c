// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to surveys.
export { eventSurveyLinks } from './service/event-links';
// What follow-up and before/after surveys measured, read by the impact figures (handed on at composition).
export { surveyOutcomes } from './service/outcomes';
