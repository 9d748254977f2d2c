// What other modules, the composition root and tests outside this folder may use: they import the
// module's index, which re-exports this file. Anything not listed here is internal to the directory.
// For the impact dashboard: recommendations made in a period, counted by status (not wired yet).
export { recommendationCountsByStatus } from './service';
// For the newsletter's "latest posts" block, handed to it in src/modules/index.ts.
export { latestPosts } from './service';
// The organizer home's box for the directory (site reads it through a hook).
export { directoryOrganizePanels } from './pages/organize-panel';
// The search the directory's pages and API use, and its query, measured by bench/directory-search.
export { nearMisses, organizationsQuery, searchOrganizations } from './service';
