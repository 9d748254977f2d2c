import type { Db } from '../../../db/client';
import { findChapter } from '../../people';
import { utcToZoned } from '../lib/text';
import { createEvent, createSeries } from './events';
import { eventInput } from './input';

interface LocalText {
  en: string;
  es: string;
}

/** Weeks ahead the first draft event is placed, so its date reads as "to be set", never as past. */
const FIRST_EVENT_WEEKS = 4;

const cut = (t: LocalText, max: number) => ({ en: t.en.slice(0, max), es: t.es.slice(0, max) });

/**
 * A new series of a chapter with a first draft event to finish: what another module (the playbook) starts
 * a chapter with. The draft sits at 18:00–20:00 in the chapter's zone a few weeks ahead, unpublished
 * (no one sees it, nothing is sent) until an organizer sets its date and venue and publishes it. Runs
 * in the caller's transaction.
 */
export async function startSeries(
  db: Db,
  q: { chapter: string; title: LocalText; description: LocalText; firstEvent: { description: LocalText } },
  by: string | null,
) {
  const zone = (await findChapter(db, q.chapter))?.timeZone ?? 'UTC';
  const series = await createSeries(db, { chapter: q.chapter, title: cut(q.title, 200), description: cut(q.description, 5000) });
  const today = utcToZoned(new Date(), zone).slice(0, 10);
  const day = new Date(Date.parse(`${today}T00:00:00Z`) + FIRST_EVENT_WEEKS * 7 * 86_400_000).toISOString().slice(0, 10);
  const event = await createEvent(
    db,
    eventInput.parse({
      series: series.slug,
      chapter: q.chapter,
      title: cut(q.title, 200),
      description: cut(q.firstEvent.description, 20000),
      startsAt: `${day}T18:00`,
      endsAt: `${day}T20:00`,
      timeZone: zone,
      status: 'draft',
    }),
    by,
  );
  return [
    { kind: 'series' as const, slug: series.slug, path: `/events/series/${series.slug}` },
    { kind: 'event' as const, slug: event.slug, path: `/events/${event.slug}/edit` },
  ];
}
