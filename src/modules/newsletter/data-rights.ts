import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client';

/** Subscription, messages and opens/clicks for "Download my data"; erased with the account. */
export async function exportNewsletterData(db: Db, personId: string) {
  const subs = await rows<Record<string, unknown>>(
    db,
    sql`SELECT id, email, name, language, topics, status, source, consented_at AS "consentedAt", created_at AS "createdAt" FROM newsletter_subscribers WHERE person_id = ${personId}`,
  );
  const ids = subs.map((s) => s.id as string);
  if (ids.length === 0) return { subscription: null, messages: [] };
  const messages = await rows<Record<string, unknown>>(
    db,
    sql`SELECT d.issue_id AS "issueId", i.subject->>'en' AS subject, d.status, d.sent_at AS "sentAt",
          (SELECT json_agg(json_build_object('kind', e.kind, 'link', e.link_index, 'at', e.created_at)) FROM newsletter_events e WHERE e.delivery_id = d.id) AS events
        FROM newsletter_deliveries d JOIN newsletter_issues i ON i.id = d.issue_id
        WHERE d.subscriber_id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )}) ORDER BY d.sent_at`,
  );
  return { subscription: subs[0], messages };
}

/**
 * Deletes the subscription and the address on sent messages; opens and clicks stay as anonymous
 * counts. The suppression entry keeps only a hash of the address, so the person is never mailed again.
 */
export async function eraseNewsletterData(db: Db, personId: string, email: string | null) {
  const subs = await rows<{ id: string; email: string }>(
    db,
    sql`SELECT id, email FROM newsletter_subscribers WHERE person_id = ${personId}`,
  );
  for (const s of subs) {
    await db.execute(sql`UPDATE newsletter_deliveries SET email = NULL WHERE subscriber_id = ${s.id}`);
    await db.execute(sql`UPDATE newsletter_suppressions SET email = NULL WHERE email = ${s.email}`);
    await db.execute(sql`DELETE FROM newsletter_subscribers WHERE id = ${s.id}`);
  }
  if (email) await db.execute(sql`UPDATE newsletter_suppressions SET email = NULL WHERE email = ${email}`);
}
