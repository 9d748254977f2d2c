import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import type { Deps } from '../../../platform/http/context';
import type { Locale } from '../../../platform/i18n';
import { issues, type Issue } from '../schema';
import { fromAddress, getSettings, mailToken } from './common';
import { personalise, renderTemplate, type Template } from './render';
import { applyBounce } from './bounces';
import { groupedMarks } from './group-marks';
import { writeMarks } from './delivery-marks';
import { bulkTransport, LostClaim, SendFailure, type BulkTransport } from './transport';

const MAX_ATTEMPTS = 6;

interface Claimed {
  id: string;
  subscriber_id: string;
  email: string;
  language: Locale;
  attempts: number;
  ok: boolean;
}

/** Rows whose claimer died: before the commit mark they are safe to send again; after it, unknown. */
async function recoverStale(db: Db, issueId: string): Promise<void> {
  await db.execute(sql`UPDATE newsletter_deliveries SET status = 'queued', claim = NULL, lease_until = NULL
    WHERE issue_id = ${issueId} AND status = 'sending' AND lease_until < now()`);
  await db.execute(sql`UPDATE newsletter_deliveries SET status = 'uncertain', lease_until = NULL, last_error = 'sender stopped after the message was handed over'
    WHERE issue_id = ${issueId} AND status = 'committing' AND lease_until < now()`);
}

/** Takes up to `limit` due rows with one conditional update; two workers never get the same row. */
async function claimBatch(db: Db, issueId: string, claim: string, limit: number, leaseSeconds: number): Promise<Claimed[]> {
  return rows<Claimed>(
    db,
    sql`UPDATE newsletter_deliveries d
        SET status = 'sending', claim = ${claim}, lease_until = now() + make_interval(secs => ${leaseSeconds}), attempts = d.attempts + 1
        FROM newsletter_subscribers s
        WHERE d.id IN (SELECT id FROM newsletter_deliveries
                       WHERE issue_id = ${issueId} AND status = 'queued' AND next_attempt_at <= now()
                       ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          AND d.status = 'queued' AND s.id = d.subscriber_id
        RETURNING d.id, d.subscriber_id, d.email, d.language, d.attempts,
          (s.status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM newsletter_suppressions x
             WHERE x.email_hash = encode(sha256(convert_to(lower(d.email::text), 'UTF8')), 'hex'))) AS ok`,
  );
}

export interface Prepared {
  issue: Issue;
  templates: Record<Locale, Template>;
  tracking: boolean;
}

export async function prepare(deps: Deps, issue: Issue): Promise<Prepared> {
  const settings = await getSettings(deps.db);
  const frozen = issue.frozen ?? { en: { events: [], jobs: [], recordings: [] }, es: { events: [], jobs: [], recordings: [] } };
  return {
    issue,
    tracking: settings.tracking && issue.tracking,
    templates: {
      en: renderTemplate(deps, issue, 'en', frozen.en, issue.links),
      es: renderTemplate(deps, issue, 'es', frozen.es, issue.links),
    },
  };
}

/** One recipient's message, ready for the transport. */
export async function messageFor(deps: Deps, p: Prepared, row: { id: string; subscriber_id: string; email: string; language: Locale }) {
  const manage = await mailToken(deps, row.subscriber_id, row.id);
  const base = deps.config.baseUrl;
  const lp = row.language === 'es' ? '/es' : '';
  const unsub = `${base}${lp}/newsletter/unsubscribe?token=${manage}`;
  const msg = personalise(deps, p.templates[row.language], p.issue.links, {
    prefs: `${base}${lp}/newsletter/preferences?token=${manage}`,
    unsub,
    track: p.tracking ? { token: manage } : null,
  });
  const domain = fromAddress(deps.config.MAIL_FROM).split('@')[1] ?? 'pathways.localhost';
  return {
    to: row.email,
    subject: msg.subject,
    html: msg.html,
    text: msg.text,
    messageId: `<${row.id}@${domain}>`,
    // RFC 2919: one stable identifier for the list, so mail apps can filter and offer "unsubscribe".
    listId: `Newsletter <newsletter.${new URL(base).hostname}>`,
    listUnsubscribe: {
      url: `${base}/newsletter/unsubscribe/one-click?token=${manage}`,
      mail: `${fromAddress(deps.config.MAIL_FROM)}?subject=unsubscribe%20${row.subscriber_id}`,
    },
  };
}

/** A batch's marks, group-committed (group-marks.ts), in the one statement of delivery-marks.ts. */
const batchMarks = (deps: Deps, claim: string, leaseSeconds: number) =>
  groupedMarks((commit, sent) => writeMarks(deps.database, claim, leaseSeconds, commit, sent));
type Marks = ReturnType<typeof batchMarks>;

const backoffSeconds = (attempts: number) => Math.min(3600, 30 * 2 ** (attempts - 1));

async function sendOne(deps: Deps, p: Prepared, transport: BulkTransport, row: Claimed, claim: string, marks: Marks) {
  const db = deps.db;
  if (!row.ok) {
    await db.execute(
      sql`UPDATE newsletter_deliveries SET status = 'cancelled', last_error = 'unsubscribed or suppressed' WHERE id = ${row.id} AND claim = ${claim}`,
    );
    return;
  }
  const mail = await messageFor(deps, p, row);
  try {
    await transport.send(mail, async () => {
      if (!(await marks.commit(row.id))) throw new LostClaim('claim lost');
    });
    marks.sent(row.id);
  } catch (err) {
    if (err instanceof LostClaim) return;
    const f = err instanceof SendFailure ? err : new SendFailure((err as Error).message, null, false);
    const msg = f.message.slice(0, 500);
    if (f.uncertain) {
      await db.execute(
        sql`UPDATE newsletter_deliveries SET status = 'uncertain', last_error = ${msg} WHERE id = ${row.id} AND claim = ${claim}`,
      );
    } else if (f.responseCode && f.responseCode >= 500) {
      await db.execute(
        sql`UPDATE newsletter_deliveries SET status = 'failed', last_error = ${msg} WHERE id = ${row.id} AND claim = ${claim}`,
      );
      // A refusal at send time is judged like a bounce report: only a failing address suppresses at once.
      await applyBounce(db, { email: row.email, type: 'bounce', diagnostic: msg, status: /\b[45]\.\d{1,3}\.\d{1,3}\b/.exec(msg)?.[0] });
    } else if (row.attempts >= MAX_ATTEMPTS) {
      await db.execute(
        sql`UPDATE newsletter_deliveries SET status = 'failed', last_error = ${msg} WHERE id = ${row.id} AND claim = ${claim}`,
      );
    } else {
      await db.execute(sql`UPDATE newsletter_deliveries SET status = 'queued', claim = NULL, lease_until = NULL, last_error = ${msg},
        next_attempt_at = now() + make_interval(secs => ${backoffSeconds(row.attempts)}) WHERE id = ${row.id} AND claim = ${claim}`);
    }
  }
}

/** Paces sends to `rate` per second across parallel lanes. */
function pacer(rate: number) {
  let next = Date.now();
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + 1000 / rate;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };
}

async function issueStatus(db: Db, id: string): Promise<string | undefined> {
  const [r] = await rows<{ status: string }>(db, sql`SELECT status FROM newsletter_issues WHERE id = ${id}`);
  return r?.status;
}

/** Marks the issue sent once nothing is queued or in flight. */
async function finishIfDone(db: Db, issueId: string): Promise<boolean> {
  const done = await rows(
    db,
    sql`UPDATE newsletter_issues SET status = 'sent', finished_at = now(), updated_at = now()
        WHERE id = ${issueId} AND status = 'sending'
          AND NOT EXISTS (SELECT 1 FROM newsletter_deliveries WHERE issue_id = ${issueId} AND status IN ('queued', 'sending', 'committing'))
        RETURNING id`,
  );
  return done.length > 0;
}

/**
 * Sends issues in the `sending` state for up to `maxMs`, batch by batch, until done, paused or
 * cancelled. Safe to run in several processes at once and after a crash (see decision 0003).
 */
export async function sendSlice(deps: Deps, opts: { maxMs?: number; transport?: BulkTransport } = {}): Promise<number> {
  const db = deps.db;
  const started = Date.now();
  const settings = await getSettings(db);
  const lanes = Math.max(1, Math.min(8, Math.ceil(settings.ratePerSecond / 25)));
  const batch = Math.max(lanes, Math.min(200, Math.floor((settings.ratePerSecond * settings.leaseSeconds) / 4)));
  const sending = await rows<{ id: string }>(db, sql`SELECT id FROM newsletter_issues WHERE status = 'sending' ORDER BY started_at`);
  if (sending.length === 0) return 0;
  const transport = opts.transport ?? bulkTransport(deps);
  const pace = pacer(settings.ratePerSecond);
  let total = 0;
  try {
    for (const { id } of sending) {
      await recoverStale(db, id);
      const [issue] = await db.select().from(issues).where(eq(issues.id, id));
      const p = await prepare(deps, issue);
      while (Date.now() - started < (opts.maxMs ?? 20_000)) {
        if ((await issueStatus(db, id)) !== 'sending') break;
        const claim = crypto.randomUUID();
        const claimed = await claimBatch(db, id, claim, batch, settings.leaseSeconds);
        if (claimed.length === 0) {
          await finishIfDone(db, id);
          break;
        }
        const marks = batchMarks(deps, claim, settings.leaseSeconds);
        let i = 0;
        await Promise.all(
          Array.from({ length: lanes }, async () => {
            while (i < claimed.length) {
              const row = claimed[i++];
              if (row.ok) await pace();
              await sendOne(deps, p, transport, row, claim, marks);
              total++;
            }
          }),
        );
        await marks.flush();
      }
    }
  } finally {
    if (!opts.transport) transport.close();
  }
  return total;
}
