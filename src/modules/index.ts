import type { PathwaysModule } from '../platform/module';
import { platformModule } from '../platform';
import { chapterOrganizers, createPeopleModule, listChapters } from './people';
import { createSiteModule } from './site';
import {
  attendeeEmailsSince,
  chapterEventIds,
  createEventsModule,
  eventActivity,
  eventsHomeSections,
  eventsOrganizePanels,
  lastEventByChapter,
  startSeries,
  recentRecordings,
  upcomingEvents,
} from './events';
import {
  agenciesForEmails,
  agencyChoices,
  jobsAccountLinks,
  jobsHomeSections,
  jobsModule,
  jobsOrganizePanels,
  jobsPostedOrPromoted,
  promotedJobs,
  recordJobPromotion,
} from './jobs';
import { createNewsletterModule, newsletterOrganizePanels, opensAndDeliveries, subscribersAt, subscribersModule } from './newsletter';
import { careerfairModule, eventFairLinks, isFair } from './careerfair';
import { applicationOnlyRefusal, applicationSeatReleased, conferencesModule } from './conferences';
import { groupsModule, yourTableLinks } from './groups';
import { createSurveysModule, eventSurveyLinks, surveyOutcomes } from './surveys';
import { getProgram, getProgramById, programsAccountLinks, programsModule, startProgram } from './programs';
import { directoryModule, directoryOrganizePanels, latestPosts, recommendationCountsByStatus } from './directory';
import { createPlaybookModule } from './playbook';
import { createMetricsModule } from './metrics';

// What one module reads from another is handed to it here, as hooks (docs/decisions/0013): every
// arrow between modules is visible in this file. Leave a hook out and the module runs without it.
const peopleModule = createPeopleModule({
  agencies: { agencyChoices },
  account: { links: [...jobsAccountLinks, ...programsAccountLinks] },
});
const eventsModule = createEventsModule({
  agencies: { agenciesForEmails },
  jobs: { promotedJobs, recordJobPromotion },
  groups: { yourTableLinks },
  surveys: { eventSurveyLinks },
  careerFair: { isFair, eventFairLinks },
  registration: { refusal: applicationOnlyRefusal, released: applicationSeatReleased },
});
const siteModule = createSiteModule({
  organize: [eventsOrganizePanels, jobsOrganizePanels, newsletterOrganizePanels, directoryOrganizePanels],
  home: [eventsHomeSections, jobsHomeSections],
});
const newsletterModule = createNewsletterModule({
  events: { upcomingEvents, recentRecordings, attendeeEmailsSince },
  jobs: { promotedJobs, recordJobPromotion },
  posts: { latestPosts },
});
const surveysModule = createSurveysModule({ programs: { getProgram, getProgramById } });
const playbookModule = createPlaybookModule({
  events: { startSeries },
  programs: { startProgram },
});
const metricsModule = createMetricsModule({
  chapters: { listChapters, chapterOrganizers },
  events: { eventActivity, chapterEventIds, lastEventByChapter },
  agencies: { agenciesForEmails },
  newsletter: { subscribersAt, opensAndDeliveries },
  jobs: { jobsPostedOrPromoted },
  directory: { recommendationCountsByStatus },
  surveys: { surveyOutcomes },
});

/**
 * Every capability, in dependency order: migrations apply in this order, pages and APIs mount in it,
 * and the menu is built from it. Adding a module is one line here (and its hooks above).
 */
export const modules: PathwaysModule[] = [
  { name: 'core', migrations: 'db/migrations' },
  peopleModule,
  platformModule,
  siteModule,
  eventsModule,
  conferencesModule,
  groupsModule,
  surveysModule,
  programsModule,
  jobsModule,
  directoryModule,
  newsletterModule,
  subscribersModule,
  careerfairModule,
  playbookModule,
  metricsModule,
];
