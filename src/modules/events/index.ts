import type { PathwaysModule } from '../../platform/module';
import type { Deps } from '../../platform/http/context';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { addNavItem } from '../../platform/ui/registry';
import { hasRole } from '../../platform/auth/roles';
import { registerPersonData } from '../people';
import { createEventsPages } from './pages';
import { registerEventsApi } from './api';
import { eventsMessages } from './messages';
import { eventTasks, queueReminders } from './service';
import { eraseEventData, exportEventData } from './service/shared';
import type { EventsHooks } from './service/hooks';
import { recordEventPageJobs } from './service/promotions';
import { fetchLivestreamViews } from './service/youtube';
import { sweepPendingImages } from './service/images';
import { eventsCli } from './cli';
import { seedEvents } from './seed';

export * from './public';

/** The events module, given what it reads from other modules (all optional: see `EventsHooks`). */
export function createEventsModule(hooks: EventsHooks = {}): PathwaysModule {
  return {
    name: 'events',
    migrations: 'modules/events/migrations',
    pages: createEventsPages(hooks),
    api: (api) => registerEventsApi(api, hooks),
    setup: () => {
      registerErrorMessages(eventsMessages);
      addNavItem({ href: '/events', order: 10, label: { en: eventsMessages.en['events.nav'], es: eventsMessages.es['events.nav'] } });
      addNavItem({
        href: '/organize/reports/events',
        order: 84,
        label: { en: eventsMessages.en['events.report.nav'], es: eventsMessages.es['events.report.nav'] },
        visible: (viewer) => hasRole(viewer, 'organizer'),
      });
      registerPersonData({ name: 'events', export: exportEventData, erase: eraseEventData });
    },
    tasks: eventTasks,
    schedules: [
      // Queues emails; no public page shows what it writes, so it clears no cached page (returns false).
      { name: 'events.reminders', everySeconds: 60, run: async (deps) => (await queueReminders(deps), false) },
      // Pictures uploaded on a form that was never saved go after a day; no page shows them.
      { name: 'events.pendingImages', everySeconds: 3600, run: async (deps: Deps) => (await sweepPendingImages(deps.db), false) },
      // Event pages list jobs but never write: the count of what they list is taken here.
      ...(hooks.jobs
        ? [{ name: 'events.jobPromotions', everySeconds: 300, run: async (deps: Deps) => (await recordEventPageJobs(deps, hooks), false) }]
        : []),
      // With a YouTube Data API key, livestreams' view counts are fetched every hour (they show on "Our impact").
      {
        name: 'events.livestreamViews',
        everySeconds: 3600,
        run: async (deps: Deps) =>
          deps.config.YOUTUBE_API_KEY
            ? (
                await fetchLivestreamViews(deps.db, {
                  key: deps.config.YOUTUBE_API_KEY,
                  apiUrl: deps.config.YOUTUBE_API_URL,
                  allow: deps.config.OUTBOUND_ALLOW,
                })
              ).updated > 0
            : false,
      },
    ],
    cli: eventsCli,
    seed: seedEvents,
  };
}

export type { EventsHooks } from './service/hooks';
// What other modules may read from events; the composition root hands these to them as hooks.
export { attendeeEmailsSince, recentRecordings, upcomingEvents } from './service/shared';
