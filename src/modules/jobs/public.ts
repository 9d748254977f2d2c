// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to jobs.
export {
  agenciesForEmails,
  agencyChoices,
  createJob,
  getAgency,
  getAgencyBySlug,
  importFile,
  jobInput,
  jobsPostedOrPromoted,
  listAgencies,
  searchJobs,
  searchSql,
  setTechOverride,
  upsertAgency,
  type JobListRow,
  type Sort,
} from './service';
export { parseUsajobs } from './importers/usajobs';
// The classifier's hand-labelled sample, measured by bench/jobs-classifier.
export { activeRules } from './service/classify';
export { classifierSample } from './service/sample';
export { partnerScopes } from './permissions';
export { jobsAccountLinks } from './messages';
export type { Agency, SearchFilters } from './schema';
/** For foreign keys in other modules' schemas only. */
export { agencies } from './schema';
// The organizer home's box (site reads it through a hook).
export { jobsOrganizePanels } from './pages/organize-panel';
// The home page's featured jobs and hiring guides (site reads them through a hook).
export { jobsHomeSections } from './pages/home';
