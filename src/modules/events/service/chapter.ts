import { inArray, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { events, type EventRow } from '../schema';

export const CHAPTER_VIEWS = ['upcoming', 'past', 'drafts', 'cancelled', 'all'] as const;
export type ChapterView = (typeof CHAPTER_VIEWS)[number];

export interface ChapterEvent {
  event: EventRow;
  going: number;
  waitlist: number;
  pending: number;
  checkedIn: number;
}

/**
 * The events an organizer runs (their chapters and events without a chapter; admins: all, as
 * `chapters: null`) with the counts the organizer home and list show, in one query: upcoming soonest
 * first, everything else newest first.
 */
export async function chapterEvents(
  db: Db,
  opts: { chapters: string[] | null; view: ChapterView; q?: string; limit: number; offset?: number; now?: Date },
): Promise<{ events: ChapterEvent[]; total: number }> {
  const now = opts.now ?? new Date();
  const scope =
    opts.chapters === null
      ? sql`true`
      : opts.chapters.length === 0
        ? sql`e.chapter IS NULL`
        : sql`(e.chapter IS NULL OR e.chapter IN (${sql.join(
            opts.chapters.map((ch) => sql`${ch}`),
            sql`, `,
          )}))`;
  const live = sql`e.status IN ('published', 'postponed')`;
  const view = {
    upcoming: sql`${live} AND e.ends_at >= ${now}`,
    past: sql`${live} AND e.ends_at < ${now}`,
    drafts: sql`e.status = 'draft'`,
    cancelled: sql`e.status = 'cancelled'`,
    all: sql`true`,
  }[opts.view];
  // Every word must appear in the title, in either language, without regard to case or accents.
  const words = (opts.q ?? '').normalize('NFC').trim().slice(0, 200).split(/\s+/).filter(Boolean).slice(0, 8);
  const match = sql.join(
    words.map(
      (w) =>
        sql` AND (f_search_key(e.title->>'en') LIKE '%' || f_search_key(${w}) || '%' OR f_search_key(e.title->>'es') LIKE '%' || f_search_key(${w}) || '%')`,
    ),
  );
  const order = opts.view === 'upcoming' || opts.view === 'drafts' ? sql`e.starts_at ASC` : sql`e.starts_at DESC`;
  const list = await rows<{ id: string; going: number; waitlist: number; pending: number; checked_in: number; total: number }>(
    db,
    sql`SELECT e.id,
          count(r.id) FILTER (WHERE r.status = 'going')::int AS going,
          count(r.id) FILTER (WHERE r.status = 'waitlist')::int AS waitlist,
          count(r.id) FILTER (WHERE r.status = 'pending')::int AS pending,
          count(r.id) FILTER (WHERE r.checked_in_at IS NOT NULL)::int AS checked_in,
          count(*) OVER ()::int AS total
        FROM events e LEFT JOIN rsvps r ON r.event_id = e.id
        WHERE ${scope} AND ${view} ${match}
        GROUP BY e.id
        ORDER BY ${order}
        LIMIT ${opts.limit} OFFSET ${opts.offset ?? 0}`,
  );
  if (list.length === 0) return { events: [], total: 0 };
  const full = await db
    .select()
    .from(events)
    .where(
      inArray(
        events.id,
        list.map((x) => x.id),
      ),
    );
  const byId = new Map(full.map((e) => [e.id, e]));
  return {
    events: list
      .filter((x) => byId.has(x.id))
      .map((x) => ({
        event: byId.get(x.id)!,
        going: Number(x.going),
        waitlist: Number(x.waitlist),
        pending: Number(x.pending),
        checkedIn: Number(x.checked_in),
      })),
    total: Number(list[0].total),
  };
}
