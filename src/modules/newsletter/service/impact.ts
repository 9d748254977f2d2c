import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';

/** `chapter` undefined: everyone; null: subscribers not attributed to a chapter; else that chapter's. */
function chapterFilter(column: ReturnType<typeof sql.raw>, chapter: string | null | undefined) {
  if (chapter === undefined) return sql``;
  return chapter === null ? sql`AND ${column} IS NULL` : sql`AND ${column} = ${chapter}`;
}

/**
 * Subscribers confirmed at `at`: consent given by then and not unsubscribed, bounced or complained by
 * then (the same reading as `subscribersOverTime`'s running total).
 */
export async function subscribersAt(db: Db, q: { at: Date; chapter?: string | null }): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM newsletter_subscribers s
        WHERE s.consented_at <= ${q.at} AND (s.status = 'confirmed' OR (s.status IN ('unsubscribed', 'bounced', 'complained') AND s.status_changed_at > ${q.at}))
        ${chapterFilter(sql.raw('s.chapter_slug'), q.chapter)}`,
  );
  return Number(r.n);
}

/**
 * Human opens and deliveries of the issues that finished sending in [from, to), counted as
 * `issueStats` counts them (an open is a delivery with at least one event not made by a machine).
 */
export async function opensAndDeliveries(
  db: Db,
  q: { from: Date; to: Date; chapter?: string | null },
): Promise<{ opens: number; delivered: number }> {
  const [r] = await rows<{ opens: number; delivered: number }>(
    db,
    sql`SELECT count(*)::int AS delivered,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM newsletter_events ev WHERE ev.delivery_id = d.id AND NOT ev.machine))::int AS opens
        FROM newsletter_deliveries d JOIN newsletter_issues i ON i.id = d.issue_id
        LEFT JOIN newsletter_subscribers s ON s.id = d.subscriber_id
        WHERE d.status = 'sent' AND i.finished_at >= ${q.from} AND i.finished_at < ${q.to}
        ${chapterFilter(sql.raw('s.chapter_slug'), q.chapter)}`,
  );
  return { opens: Number(r.opens), delivered: Number(r.delivered) };
}
