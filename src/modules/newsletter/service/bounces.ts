import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import { emailAddress } from '../../../platform/http/validation';
import { classifyBounce, parseBounceMessage } from '../lib/bounce-parse';
import { emailHash } from './common';
import { suppress } from './subscribers';

export { parseBounceMessage } from '../lib/bounce-parse';

/** Soft bounces (separate sends) within this many days that suppress an address. */
export const SOFT_BOUNCE_LIMIT = 3;
export const SOFT_BOUNCE_DAYS = 30;

/** The JSON a provider webhook posts (one event or a list). */
const bounceEvent = z.object({
  email: emailAddress,
  type: z.enum(['bounce', 'complaint']),
  /** For bounces: hard (the address does not exist) or soft. Derived from `status` and `diagnostic` when absent. */
  bounceType: z.enum(['hard', 'soft']).optional(),
  status: z
    .string()
    .regex(/^[245]\.\d{1,3}\.\d{1,3}$/)
    .optional(),
  diagnostic: z.string().max(1000).optional(),
});
export const bounceWebhookBody = z.union([bounceEvent, z.object({ events: z.array(bounceEvent).min(1).max(1000) })]);
export type BounceEvent = z.infer<typeof bounceEvent>;

const reasonText = (e: Pick<BounceEvent, 'status' | 'diagnostic'>, fallback: string) =>
  [e.status, e.diagnostic].filter(Boolean).join(' ').slice(0, 500) || fallback;

/**
 * A soft bounce is counted once per send (the issue it answers, or the day when it answers no issue
 * we sent); the address is suppressed once SOFT_BOUNCE_LIMIT of them fall within SOFT_BOUNCE_DAYS.
 * Insert and count are SQL, so two reports read at once cannot both miss the limit.
 */
async function recordSoftBounce(db: Db, email: string, reason: string): Promise<'suppressed' | 'noted'> {
  const hash = emailHash(email);
  const [counted] = await rows<{ n: number }>(
    db,
    sql`WITH last AS (
          SELECT issue_id::text AS k FROM newsletter_deliveries
          WHERE email = ${email} AND status = 'sent' AND sent_at > now() - make_interval(days => ${SOFT_BOUNCE_DAYS})
          ORDER BY sent_at DESC LIMIT 1),
        ins AS (
          INSERT INTO newsletter_soft_bounces (email_hash, send_key, reason)
          VALUES (${hash}, COALESCE((SELECT k FROM last), 'day:' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')), ${reason})
          ON CONFLICT (email_hash, send_key) DO UPDATE SET reason = EXCLUDED.reason
          RETURNING send_key)
        SELECT (SELECT count(*)::int FROM newsletter_soft_bounces
                WHERE email_hash = ${hash} AND created_at > now() - make_interval(days => ${SOFT_BOUNCE_DAYS})
                  AND send_key NOT IN (SELECT send_key FROM ins))
             + (SELECT count(*)::int FROM ins) AS n`,
  );
  await db.execute(sql`UPDATE newsletter_deliveries SET last_error = ${`soft bounce: ${reason}`.slice(0, 500)}
    WHERE id = (SELECT id FROM newsletter_deliveries WHERE email = ${email} AND status = 'sent' ORDER BY sent_at DESC LIMIT 1)`);
  if (Number(counted?.n ?? 0) < SOFT_BOUNCE_LIMIT) return 'noted';
  await suppress(db, email, 'bounced', `${SOFT_BOUNCE_LIMIT}+ soft bounces in ${SOFT_BOUNCE_DAYS} days; last: ${reason}`);
  return 'suppressed';
}

/**
 * Complaints suppress at once and for good. A bounce suppresses only when the address itself fails
 * (hard); a soft one (mailbox full, policy, blocked, rate, temporary) is counted and suppresses only
 * when it keeps happening. The reason is kept with the suppression and shown to organizers.
 */
export async function applyBounce(db: Db, e: BounceEvent): Promise<'suppressed' | 'noted'> {
  if (e.type === 'complaint') {
    await suppress(db, e.email, 'complained', reasonText(e, 'complaint'));
    return 'suppressed';
  }
  // The provider's own hard/soft flag is used only when it sends nothing to judge by.
  const kind = e.status || e.diagnostic ? classifyBounce(e.status ?? null, e.diagnostic ?? '') : (e.bounceType ?? 'soft');
  return applyKind(db, e.email, kind, reasonText(e, `${kind} bounce`));
}

async function applyKind(db: Db, email: string, kind: 'hard' | 'soft', reason: string): Promise<'suppressed' | 'noted'> {
  if (kind === 'soft') return recordSoftBounce(db, email, reason);
  await suppress(db, email, 'bounced', reason);
  return 'suppressed';
}

export interface InboundResult {
  suppressed: string[];
  noted: string[];
  complained: string[];
  unsubscribed: string[];
}

/**
 * A bounce (RFC 3464 or a mail system's own layout), a complaint report (ARF, RFC 5965), or a plain
 * "unsubscribe" reply (the mailto in List-Unsubscribe) from any mailbox.
 */
export async function processInboundMessage(db: Db, raw: string): Promise<InboundResult> {
  const out: InboundResult = { suppressed: [], noted: [], complained: [], unsubscribed: [] };
  const parsed = parseBounceMessage(raw);
  if (parsed.type === 'bounce') {
    for (const r of parsed.recipients) {
      const result = await applyKind(
        db,
        r.email,
        r.kind,
        reasonText({ status: r.status ?? undefined, diagnostic: r.diagnostic ?? undefined }, `${r.kind} bounce`),
      );
      (result === 'suppressed' ? out.suppressed : out.noted).push(r.email);
    }
    return out;
  }
  if (parsed.type === 'complaint') {
    for (const email of parsed.recipients) {
      if (['abuse', 'fraud', 'virus', 'other'].includes(parsed.feedbackType)) {
        await suppress(db, email, 'complained', `complaint (${parsed.feedbackType})`);
        out.complained.push(email);
      } else if (parsed.feedbackType === 'opt-out') {
        await suppress(db, email, 'unsubscribed', 'opt-out report');
        out.unsubscribed.push(email);
      }
    }
    return out;
  }
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/) >>> 0 || raw.length);
  const subject = /^subject:\s*(.*)$/im.exec(head)?.[1] ?? '';
  const id = /unsubscribe\s+([0-9a-f-]{36})/i.exec(subject)?.[1];
  if (id) {
    const [s] = await rows<{ email: string }>(db, sql`SELECT email FROM newsletter_subscribers WHERE id = ${id}`);
    if (s) {
      await suppress(db, s.email, 'unsubscribed', 'unsubscribe email');
      out.unsubscribed.push(s.email);
    }
  }
  return out;
}
