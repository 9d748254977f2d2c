import { and, gt, ne } from 'drizzle-orm';
import type { Deps } from '../../../platform/http/context';
import type { Locale } from '../../../platform/i18n';
import { events, type EventRow } from '../schema';
import type { EventsHooks, PromotedJob } from './hooks';

/** How many jobs an event page lists under "Opportunities". */
const PAGE_JOBS = 5;

/** The jobs an event's page lists: only until the event ends, and none without the jobs board. */
export async function jobsForEventPage(
  deps: Pick<Deps, 'db' | 'config'>,
  hooks: EventsHooks,
  e: Pick<EventRow, 'endsAt'>,
  locale: Locale,
): Promise<PromotedJob[]> {
  if (!hooks.jobs || e.endsAt <= new Date()) return [];
  return hooks.jobs.promotedJobs(deps.db, { limit: PAGE_JOBS, locale, baseUrl: deps.config.baseUrl });
}

/**
 * Counts, for the impact reports, the jobs that every public event page still running lists. The
 * worker runs this on a schedule, so a page view never writes; the jobs module counts each job once
 * per event, however often this runs. Returns how many event pages were counted.
 */
export async function recordEventPageJobs(deps: Pick<Deps, 'db' | 'config'>, hooks: EventsHooks): Promise<number> {
  if (!hooks.jobs) return 0;
  const live = await deps.db
    .select({ id: events.id })
    .from(events)
    .where(and(ne(events.status, 'draft'), gt(events.endsAt, new Date())));
  if (live.length === 0) return 0;
  // The list is the same on every page (only the agency's name and the links follow the language).
  const jobs = await hooks.jobs.promotedJobs(deps.db, { limit: PAGE_JOBS, locale: 'en', baseUrl: deps.config.baseUrl });
  if (jobs.length === 0) return 0;
  for (const e of live) {
    await hooks.jobs.recordJobPromotion(deps.db, { jobIds: jobs.map((j) => j.id), channel: 'event', refId: e.id });
  }
  return live.length;
}
