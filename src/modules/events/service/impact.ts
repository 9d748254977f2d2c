import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { GOVERNMENT_SECTORS } from '../../people';
import type { LocalText } from '../schema';

/** What the impact figures need of one chapter's (or the network's) events in a period. */
export interface EventActivity {
  /** Published events starting in the period, with their RSVPs (`going`, `waitlist`, `pending`). */
  events: { id: string; slug: string; chapter: string | null; title: LocalText; rsvps: number; livestream: boolean; views: number }[];
  /** Distinct people among those RSVPs. */
  uniqueRsvps: number;
  /**
   * Distinct people checked in at least once, grouped by their email's domain and whether their
   * profile's sector is a level of government: the caller adds the agency directory's view.
   */
  attendeesByDomain: { domain: string | null; governmentSector: boolean; people: number }[];
}

/**
 * The published events of a period (inclusive local dates, each event read in its chapter's zone, or
 * its own when it has no chapter) and what happened at them, whenever it was recorded. `chapters`
 * null: every event. Three aggregate queries, whatever the number of RSVPs.
 */
export async function eventActivity(
  db: Db,
  q: { from: string; to: string; chapters: string[] | null; zones: Record<string, string> },
): Promise<EventActivity> {
  const zoneRows = Object.entries(q.zones);
  const zones = zoneRows.length
    ? sql`SELECT * FROM (VALUES ${sql.join(
        zoneRows.map(([c, z]) => sql`(${c}::text, ${z}::text)`),
        sql`, `,
      )}) AS z(chapter, tz)`
    : sql`SELECT NULL::text AS chapter, NULL::text AS tz WHERE false`;
  const inChapters = q.chapters
    ? q.chapters.length
      ? sql`AND e.chapter IN (${sql.join(
          q.chapters.map((c) => sql`${c}`),
          sql`, `,
        )})`
      : sql`AND false`
    : sql``;
  const ev = sql`WITH z AS (${zones}),
    ev AS (SELECT e.id, e.slug, e.chapter, e.title, e.livestream_url, e.livestream_views, e.starts_at FROM events e LEFT JOIN z ON z.chapter = e.chapter
           WHERE e.status = 'published' ${inChapters}
             AND (e.starts_at AT TIME ZONE coalesce(z.tz, e.time_zone))::date BETWEEN ${q.from}::date AND ${q.to}::date)`;
  const list = await rows<{
    id: string;
    slug: string;
    chapter: string | null;
    title: LocalText;
    livestream: boolean;
    views: number;
    rsvps: number;
  }>(
    db,
    sql`${ev} SELECT ev.id, ev.slug, ev.chapter, ev.title, ev.livestream_url IS NOT NULL AS livestream,
               CASE WHEN ev.livestream_url IS NOT NULL THEN coalesce(ev.livestream_views, 0) ELSE 0 END AS views,
               (SELECT count(*) FROM rsvps r WHERE r.event_id = ev.id AND r.status IN ('going', 'waitlist', 'pending'))::int AS rsvps
        FROM ev ORDER BY ev.starts_at, ev.slug`,
  );
  const [u] = await rows<{ n: number }>(
    db,
    sql`${ev} SELECT count(DISTINCT r.person_id)::int AS n FROM rsvps r JOIN ev ON ev.id = r.event_id WHERE r.status IN ('going', 'waitlist', 'pending')`,
  );
  const gov = sql.join(
    GOVERNMENT_SECTORS.map((s) => sql`${s}`),
    sql`, `,
  );
  const byDomain = await rows<{ domain: string | null; government_sector: boolean; people: number }>(
    db,
    sql`${ev}, seen AS (SELECT DISTINCT r.person_id FROM rsvps r JOIN ev ON ev.id = r.event_id WHERE r.checked_in_at IS NOT NULL)
        SELECT lower(split_part(p.email::text, '@', 2)) AS domain, coalesce(p.sector IN (${gov}), false) AS government_sector, count(*)::int AS people
        FROM seen JOIN person_contacts p ON p.id = seen.person_id GROUP BY 1, 2`,
  );
  return {
    events: list.map((e) => ({ ...e, rsvps: Number(e.rsvps), views: Number(e.views) })),
    uniqueRsvps: Number(u?.n ?? 0),
    attendeesByDomain: byDomain.map((d) => ({ domain: d.domain || null, governmentSector: d.government_sector, people: Number(d.people) })),
  };
}

/** Each chapter's latest published event start (the network view's "last activity"). */
export async function lastEventByChapter(db: Db): Promise<Map<string, Date>> {
  const list = await rows<{ chapter: string; last: string | Date }>(
    db,
    sql`SELECT chapter, max(starts_at) AS last FROM events WHERE status = 'published' AND chapter IS NOT NULL AND starts_at <= now() GROUP BY chapter`,
  );
  return new Map(list.map((r) => [r.chapter, new Date(r.last)]));
}

/** Every event of a chapter, whatever its date: the pages that may have featured a job. */
export async function chapterEventIds(db: Db, chapter: string): Promise<string[]> {
  return (await rows<{ id: string }>(db, sql`SELECT id FROM events WHERE chapter = ${chapter}`)).map((r) => r.id);
}
