import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import type { LocalText } from '../schema';
import { GOVERNMENT_SECTORS } from '../../people';

export interface EventReportRow {
  slug: string;
  title: LocalText;
  startsAt: Date;
  timeZone: string;
  /** RSVPs not cancelled (walk-ins are not RSVPs). */
  rsvps: number;
  going: number;
  /** Everyone checked in, walk-ins included. */
  checkedIn: number;
  /** Of those going, how many came (0–1); null before anyone was expected. */
  attendanceRate: number | null;
  /** Going, not checked in, event over. */
  noShows: number;
  /** Checked in here at their first event (by check-in) and at a later one. */
  firstTimers: number;
  returning: number;
  government: number;
  nonGovernment: number;
  agencies: string[];
}

/**
 * Attendance of the events an organizer runs that started in [from, to): one query, people's first
 * check-in anywhere deciding first-timer or returning, government by the person's sector.
 */
export async function eventsReport(db: Db, q: { chapters: string[] | null; from: Date; to: Date }): Promise<EventReportRow[]> {
  const scope =
    q.chapters === null
      ? sql`true`
      : q.chapters.length === 0
        ? sql`e.chapter IS NULL`
        : sql`(e.chapter IS NULL OR e.chapter IN (${sql.join(
            q.chapters.map((ch) => sql`${ch}`),
            sql`, `,
          )}))`;
  const gov = sql.join(
    GOVERNMENT_SECTORS.map((s) => sql`${s}`),
    sql`, `,
  );
  const list = await rows<{
    slug: string;
    title: LocalText;
    starts_at: string | Date;
    time_zone: string;
    rsvps: number;
    going: number;
    checked_in: number;
    came: number;
    no_shows: number;
    first_timers: number;
    government: number;
    agencies: string[] | null;
  }>(
    db,
    sql`WITH firsts AS (
          SELECT r.person_id, min(x.starts_at) AS first_at FROM rsvps r JOIN events x ON x.id = r.event_id
          WHERE r.checked_in_at IS NOT NULL GROUP BY r.person_id)
        SELECT e.slug, e.title, e.starts_at, e.time_zone,
          count(r.id) FILTER (WHERE r.status NOT IN ('cancelled', 'walkin'))::int AS rsvps,
          count(r.id) FILTER (WHERE r.status = 'going')::int AS going,
          count(r.checked_in_at)::int AS checked_in,
          count(r.checked_in_at) FILTER (WHERE r.status = 'going')::int AS came,
          count(r.id) FILTER (WHERE r.status = 'going' AND r.checked_in_at IS NULL AND e.ends_at < now())::int AS no_shows,
          count(r.checked_in_at) FILTER (WHERE f.first_at >= e.starts_at)::int AS first_timers,
          count(r.checked_in_at) FILTER (WHERE p.sector IN (${gov}))::int AS government,
          array_agg(DISTINCT p.organization) FILTER (WHERE r.checked_in_at IS NOT NULL AND p.sector IN (${gov}) AND p.organization IS NOT NULL) AS agencies
        FROM events e
          LEFT JOIN rsvps r ON r.event_id = e.id
          LEFT JOIN person_contacts p ON p.id = r.person_id
          LEFT JOIN firsts f ON f.person_id = r.person_id
        WHERE ${scope} AND e.status IN ('published', 'postponed') AND e.starts_at >= ${q.from} AND e.starts_at < ${q.to}
        GROUP BY e.id
        ORDER BY e.starts_at`,
  );
  return list.map((r) => ({
    slug: r.slug,
    title: r.title,
    startsAt: new Date(r.starts_at),
    timeZone: r.time_zone,
    rsvps: Number(r.rsvps),
    going: Number(r.going),
    checkedIn: Number(r.checked_in),
    attendanceRate: Number(r.going) > 0 ? Number(r.came) / Number(r.going) : null,
    noShows: Number(r.no_shows),
    firstTimers: Number(r.first_timers),
    returning: Number(r.checked_in) - Number(r.first_timers),
    government: Number(r.government),
    nonGovernment: Number(r.checked_in) - Number(r.government),
    agencies: (r.agencies ?? []).sort(),
  }));
}
