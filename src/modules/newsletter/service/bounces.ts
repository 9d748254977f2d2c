import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import { emailAddress } from '../../../platform/http/validation';
import { suppress } from './subscribers';

export interface DsnRecipient {
  recipient: string;
  action: string;
  status: string;
  diagnostic: string | null;
}

function unfold(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = block
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split('\n');
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

/**
 * Reads a standard delivery status notification (RFC 3464: multipart/report with a
 * message/delivery-status part), whatever mailbox it came from. Returns one entry per recipient.
 */
export function parseDsn(raw: string): DsnRecipient[] {
  const text = raw.replace(/\r\n/g, '\n');
  const boundary = /boundary="?([^";\n]+)"?/i.exec(text)?.[1];
  const parts = boundary ? text.split(`--${boundary}`) : [text];
  const part = parts.find((p) => /content-type:\s*message\/(global-)?delivery-status/i.test(p));
  if (!part) return [];
  const body = part.slice(part.search(/\n\n/) + 2);
  const groups = body.split(/\n\s*\n/).map(unfold);
  const out: DsnRecipient[] = [];
  for (const g of groups) {
    const rcpt = g['final-recipient'] ?? g['original-recipient'];
    if (!rcpt || !g['action']) continue;
    const recipient = rcpt
      .replace(/^[^;]*;\s*/, '')
      .replace(/^<|>$/g, '')
      .trim();
    out.push({
      recipient,
      action: g['action'].toLowerCase(),
      status: (g['status'] ?? '').split(/\s/)[0],
      diagnostic: g['diagnostic-code'] ?? null,
    });
  }
  return out;
}

/** The JSON a provider webhook posts (one event or a list). */
const bounceEvent = z.object({
  email: emailAddress,
  type: z.enum(['bounce', 'complaint']),
  /** For bounces: hard (permanent, 5.x.x) or soft (temporary). Derived from `status` when absent. */
  bounceType: z.enum(['hard', 'soft']).optional(),
  status: z
    .string()
    .regex(/^[245]\.\d{1,3}\.\d{1,3}$/)
    .optional(),
  diagnostic: z.string().max(1000).optional(),
});
export const bounceWebhookBody = z.union([bounceEvent, z.object({ events: z.array(bounceEvent).min(1).max(1000) })]);
export type BounceEvent = z.infer<typeof bounceEvent>;

/** Hard bounces and complaints suppress the address; soft bounces are only noted. */
export async function applyBounce(db: Db, e: BounceEvent): Promise<'suppressed' | 'noted'> {
  if (e.type === 'complaint') {
    await suppress(db, e.email, 'complained', e.diagnostic ?? 'complaint');
    return 'suppressed';
  }
  const hard = e.bounceType ? e.bounceType === 'hard' : (e.status ?? '5').startsWith('5');
  if (hard) {
    await suppress(db, e.email, 'bounced', [e.status, e.diagnostic].filter(Boolean).join(' ') || 'hard bounce');
    return 'suppressed';
  }
  await db.execute(sql`UPDATE newsletter_deliveries SET last_error = ${`soft bounce ${e.status ?? ''} ${e.diagnostic ?? ''}`.trim().slice(0, 500)}
    WHERE id = (SELECT id FROM newsletter_deliveries WHERE email = ${e.email} AND status = 'sent' ORDER BY sent_at DESC LIMIT 1)`);
  return 'noted';
}

/** A DSN or a plain "unsubscribe" reply (the mailto in List-Unsubscribe) from any mailbox. */
export async function processInboundMessage(db: Db, raw: string): Promise<{ suppressed: string[]; noted: string[] }> {
  const suppressed: string[] = [];
  const noted: string[] = [];
  const dsn = parseDsn(raw);
  for (const r of dsn) {
    if (r.action !== 'failed' && r.action !== 'delayed') continue;
    const result = await applyBounce(db, {
      email: r.recipient,
      type: 'bounce',
      status: /^[245]\.\d+\.\d+$/.test(r.status) ? r.status : undefined,
      bounceType: r.action === 'failed' && r.status.startsWith('5') ? 'hard' : 'soft',
      diagnostic: r.diagnostic ?? undefined,
    });
    (result === 'suppressed' ? suppressed : noted).push(r.recipient);
  }
  if (dsn.length === 0) {
    const head = raw.slice(0, raw.search(/\r?\n\r?\n/) >>> 0 || raw.length);
    const subject = /^subject:\s*(.*)$/im.exec(head)?.[1] ?? '';
    const id = /unsubscribe\s+([0-9a-f-]{36})/i.exec(subject)?.[1];
    if (id) {
      const [s] = await rows<{ email: string }>(db, sql`SELECT email FROM newsletter_subscribers WHERE id = ${id}`);
      if (s) {
        await suppress(db, s.email, 'unsubscribed', 'unsubscribe email');
        suppressed.push(s.email);
      }
    }
  }
  return { suppressed, noted };
}
