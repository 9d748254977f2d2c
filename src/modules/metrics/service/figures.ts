import { and, eq, gte, lte } from 'drizzle-orm';
import type { Locale } from '../../../platform/i18n';
import type { Figure, FigureKind, FigureScope, FigureSource, FigureValue } from '../registry';
import { daysInZone } from '../../../platform/time';
import { RECOMMENDATION_STATUSES, type MetricsHooks } from '../hooks';
import { metricsMessages } from '../messages';
import { metricEntries } from '../schema';
import { attendeeDomains, governmentAttendance } from '../../people';

/** The built-in figures, in the order every report lists them. */
export const METRIC_KEYS = [
  'events',
  'rsvps',
  'rsvps_per_event',
  'unique_rsvps',
  'attendees_government',
  'attendees_non_government',
  'agencies_participating',
  'livestreams',
  'livestream_views',
  'newsletter_subscribers',
  'newsletter_open_rate',
  'jobs_posted_or_promoted',
  'placements',
  'confidence_change',
  ...RECOMMENDATION_STATUSES.map((st) => `recommendations_${st}` as const),
] as const;
type MetricKey = (typeof METRIC_KEYS)[number];

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

type Hooks = MetricsHooks;

/** The events' activity of a scope, fetched once for every figure that reads it. */
function activity(h: Hooks, s: FigureScope) {
  return s.memo('events', () =>
    h.events!.eventActivity(s.db, { from: s.from, to: s.to, chapters: s.chapter ? [s.chapter] : null, zones: s.zones }),
  );
}

/** Checked-in people, government or not, and the agencies they come from (people's one rule). */
function attendance(h: Hooks, s: FigureScope) {
  return s.memo('attendance', async () => {
    const a = await activity(h, s);
    const owners = h.agencies
      ? await h.agencies.agenciesForEmails(
          s.db,
          attendeeDomains(a.attendeesByDomain).map((d) => `x@${d}`),
        )
      : new Map<string, { slug: string }>();
    const r = governmentAttendance(a.attendeesByDomain, (d) => owners.get(`x@${d}`));
    return { government: r.government, other: r.other, agencies: r.agencies.size };
  });
}

/** Organizer-entered figures of one chapter whose period lies inside the scope's. */
async function entries(s: FigureScope, metric: 'placements' | 'confidence_change', chapter: string) {
  return s.db
    .select({ value: metricEntries.value, people: metricEntries.people })
    .from(metricEntries)
    .where(
      and(
        eq(metricEntries.metric, metric),
        gte(metricEntries.fromDate, s.from),
        lte(metricEntries.toDate, s.to),
        eq(metricEntries.chapter, chapter),
      ),
    );
}

/** Which sources a total was added up from. */
function sourceOf(sources: FigureSource[]): FigureSource {
  const used = [...new Set(sources.filter((x) => x !== 'none'))];
  return used.length === 0 ? 'none' : used.length === 1 ? used[0] : 'mixed';
}

/**
 * Placements and confidence change, chapter by chapter: from the chapter's surveys where they measured
 * it in the period, otherwise from what its organizers entered (decision 0055). The network adds up
 * its chapters, each read in its own zone, so its total never differs from theirs.
 */
function outcomes(h: Hooks, s: FigureScope) {
  return s.memo('outcomes', async () => {
    const placements = { value: 0, sources: [] as FigureSource[] };
    const confidence = { sum: 0, people: 0, sources: [] as FigureSource[] };
    for (const chapter of s.chapter ? [s.chapter] : Object.keys(s.zones)) {
      const { start, end } = daysInZone(s.from, s.to, s.zones[chapter] ?? 'UTC');
      const measured = h.surveys ? await h.surveys.surveyOutcomes(s.db, { from: start, to: end, chapter }) : null;
      if (measured && measured.placementAnswers > 0) {
        placements.value += measured.placed;
        placements.sources.push('surveys');
      } else {
        const typed = await entries(s, 'placements', chapter);
        placements.value += typed.reduce((n, e) => n + Number(e.value), 0);
        placements.sources.push(typed.length ? 'entries' : 'none');
      }
      if (measured && measured.confidenceChanges.length > 0) {
        confidence.sum += measured.confidenceChanges.reduce((a, b) => a + b, 0);
        confidence.people += measured.confidenceChanges.length;
        confidence.sources.push('surveys');
      } else {
        const typed = await entries(s, 'confidence_change', chapter);
        confidence.sum += typed.reduce((n, e) => n + Number(e.value) * e.people, 0);
        confidence.people += typed.reduce((n, e) => n + e.people, 0);
        confidence.sources.push(typed.length ? 'entries' : 'none');
      }
    }
    return {
      placements: { value: placements.value, source: sourceOf(placements.sources) },
      confidence: {
        value: confidence.people ? round(confidence.sum / confidence.people, 2) : null,
        base: confidence.people,
        source: sourceOf(confidence.sources),
      },
    };
  });
}

function figure(key: MetricKey, kind: FigureKind, compute: (s: FigureScope) => Promise<FigureValue | null>): Figure {
  return {
    key,
    kind,
    label: (l: Locale) => metricsMessages.for(l)(`metrics.label.${key}`),
    definition: (l: Locale) => metricsMessages.for(l)(`metrics.def.${key}`),
    compute,
  };
}

/** The figures Pathways computes from its own modules, through the hooks it was handed. */
export function builtInFigures(h: Hooks): Figure[] {
  const list: Figure[] = [];
  if (h.events) {
    list.push(
      figure('events', 'things', async (s) => ({ value: (await activity(h, s)).events.length })),
      figure('rsvps', 'people', async (s) => ({ value: (await activity(h, s)).events.reduce((n, e) => n + e.rsvps, 0) })),
      figure('rsvps_per_event', 'rate', async (s) => {
        const a = await activity(h, s);
        const rsvps = a.events.reduce((n, e) => n + e.rsvps, 0);
        return {
          value: a.events.length ? round(rsvps / a.events.length, 2) : null,
          base: a.uniqueRsvps,
          items: a.events.map((e) => ({ key: e.slug, label: e.title.en || e.title.es || e.slug, value: e.rsvps })),
        };
      }),
      figure('unique_rsvps', 'people', async (s) => ({ value: (await activity(h, s)).uniqueRsvps })),
      figure('attendees_government', 'people', async (s) => ({ value: (await attendance(h, s)).government })),
      figure('attendees_non_government', 'people', async (s) => ({ value: (await attendance(h, s)).other })),
      figure('agencies_participating', 'things', async (s) => ({ value: (await attendance(h, s)).agencies })),
      figure('livestreams', 'things', async (s) => ({ value: (await activity(h, s)).events.filter((e) => e.livestream).length })),
      figure('livestream_views', 'things', async (s) => ({ value: (await activity(h, s)).events.reduce((n, e) => n + e.views, 0) })),
    );
  }
  if (h.newsletter) {
    const n = h.newsletter;
    list.push(
      figure('newsletter_subscribers', 'people', async (s) => ({
        value: await n.subscribersAt(s.db, { at: s.end, chapter: s.chapter ?? undefined }),
      })),
      figure('newsletter_open_rate', 'rate', async (s) => {
        const r = await n.opensAndDeliveries(s.db, { from: s.start, to: s.end, chapter: s.chapter ?? undefined });
        return { value: r.delivered ? round(r.opens / r.delivered, 4) : null, base: r.delivered };
      }),
    );
  }
  if (h.jobs) {
    const j = h.jobs;
    list.push(
      figure('jobs_posted_or_promoted', 'things', async (s) => ({
        value: await j.jobsPostedOrPromoted(s.db, {
          from: s.start,
          to: s.end,
          ...(s.chapter ? { chapter: s.chapter, eventIds: h.events ? await h.events.chapterEventIds(s.db, s.chapter) : [] } : {}),
        }),
      })),
    );
  }
  if (h.directory) {
    const d = h.directory;
    const counts = (s: FigureScope) =>
      s.memo('recommendations', async () =>
        d.recommendationCountsByStatus(s.db, {
          from: s.start,
          to: s.end,
          ...(s.chapter ? { eventIds: h.events ? await h.events.chapterEventIds(s.db, s.chapter) : [] } : {}),
        }),
      );
    for (const st of RECOMMENDATION_STATUSES) {
      list.push(figure(`recommendations_${st}`, 'things', async (s) => ({ value: (await counts(s))[st] ?? 0 })));
    }
  }
  list.push(
    figure('placements', 'people', async (s) => (await outcomes(h, s)).placements),
    figure('confidence_change', 'rate', async (s) => (await outcomes(h, s)).confidence),
  );
  return list;
}
