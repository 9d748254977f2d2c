import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import type { Deps } from '../../../platform/http/context';
import { AppError, notFound } from '../../../platform/http/errors';
import { issues, TOPICS, type Issue, type Segment } from '../schema';
import { hasContent } from '../lib/markdown';
import { collectLinks, fillBlocks } from './render';
import type { NewsletterHooks } from './hooks';

const bilingual = (max: number) => z.object({ en: z.string().max(max).default(''), es: z.string().max(max).default('') });
/** A subject line as typed, NFC and without edge spaces (a subject of only spaces is an empty one). */
const line = (max: number) =>
  z
    .string()
    .default('')
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max));

/** Which blocks an issue fills when it is sent: the input's and the API answer's one shape. */
export const issueBlocks = z.object({
  events: z.boolean().optional(),
  jobs: z.boolean().optional(),
  recordings: z.boolean().optional(),
  posts: z.boolean().optional(),
});

export const issueInput = z.object({
  subject: z.object({ en: line(300), es: line(300) }),
  body: bilingual(100_000),
  blocks: issueBlocks.default({}),
  segment: z
    .object({
      languages: z
        .array(z.enum(['en', 'es']))
        .max(2)
        .optional(),
      topics: z.array(z.enum(TOPICS)).max(3).optional(),
      chapter: z.string().max(100).optional(),
      attendedMonths: z.number().int().min(1).max(120).optional(),
    })
    .default({}),
  tracking: z.boolean().default(true),
});
export type IssueInput = z.input<typeof issueInput>;

export async function createIssue(db: Db, input: IssueInput, createdBy?: string): Promise<Issue> {
  const v = issueInput.parse(input);
  const [row] = await db
    .insert(issues)
    .values({ ...v, createdBy: createdBy ?? null })
    .returning();
  return row;
}

export async function getIssue(db: Db, id: string): Promise<Issue> {
  const [row] = await db.select().from(issues).where(eq(issues.id, id));
  if (!row) throw notFound();
  return row;
}

export async function updateIssue(db: Db, id: string, input: IssueInput): Promise<Issue> {
  const v = issueInput.parse(input);
  const [row] = await db
    .update(issues)
    .set({ ...v, updatedAt: new Date() })
    .where(and(eq(issues.id, id), eq(issues.status, 'draft')))
    .returning();
  if (!row) {
    await getIssue(db, id);
    throw new AppError('not_draft', 409, 'newsletter.errors.notDraft');
  }
  return row;
}

export async function listIssues(db: Db, opts: { status?: Issue['status'][]; limit?: number } = {}) {
  return db
    .select()
    .from(issues)
    .where(opts.status ? inArray(issues.status, opts.status) : undefined)
    .orderBy(desc(sql`coalesce(${issues.finishedAt}, ${issues.startedAt}, ${issues.createdAt})`))
    .limit(opts.limit ?? 100);
}

/** What must be true before an issue goes out: a subject and content in both languages. */
function checkSendable(issue: Pick<Issue, 'subject' | 'body' | 'blocks'>): void {
  const fields: Record<string, string> = {};
  for (const l of ['en', 'es'] as const) if (!issue.subject[l]?.trim()) fields[`subject.${l}`] = 'newsletter.errors.subjectRequired';
  const anyBlock = issue.blocks.events || issue.blocks.jobs || issue.blocks.recordings || issue.blocks.posts;
  for (const l of ['en', 'es'] as const) if (!hasContent(issue.body[l]) && !anyBlock) fields[`body.${l}`] = 'newsletter.errors.empty';
  if (Object.keys(fields).length) {
    const key = Object.values(fields).includes('newsletter.errors.empty') ? 'newsletter.errors.empty' : 'newsletter.errors.subjectRequired';
    throw new AppError('not_sendable', 422, key, fields);
  }
}

/** SQL condition selecting the subscribers a segment names. */
async function segmentWhere(db: Db, hooks: NewsletterHooks, segment: Segment) {
  const parts = [
    sql`s.status = 'confirmed'`,
    sql`NOT EXISTS (SELECT 1 FROM newsletter_suppressions x WHERE x.email_hash = encode(sha256(convert_to(lower(s.email::text), 'UTF8')), 'hex'))`,
  ];
  if (segment.languages?.length)
    parts.push(
      sql`s.language IN (${sql.join(
        segment.languages.map((l) => sql`${l}`),
        sql`, `,
      )})`,
    );
  if (segment.topics?.length) parts.push(sql`s.topics ?| ${sql.raw(`ARRAY[${segment.topics.map((t) => `'${t}'`).join(',')}]`)}`);
  if (segment.chapter) parts.push(sql`s.chapter_slug = ${segment.chapter}`);
  if (segment.attendedMonths) {
    const since = new Date();
    since.setMonth(since.getMonth() - segment.attendedMonths);
    const emails = hooks.events ? await hooks.events.attendeeEmailsSince(db, since) : [];
    parts.push(sql`lower(s.email::text) IN (SELECT lower(e) FROM jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb) AS e)`);
  }
  return sql.join(parts, sql` AND `);
}

export async function countRecipients(db: Db, hooks: NewsletterHooks, segment: Segment): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM newsletter_subscribers s WHERE ${await segmentWhere(db, hooks, segment)}`,
  );
  return Number(r.n);
}

/**
 * Starts sending: fills the blocks once (so everyone and the archive get the same issue), records
 * the promoted jobs, and writes one queue row per recipient, all in one transaction.
 */
export async function beginSending(
  deps: Deps,
  hooks: NewsletterHooks,
  id: string,
  from: Issue['status'][] = ['draft', 'scheduled'],
): Promise<Issue> {
  const db = deps.db;
  const issue = await getIssue(db, id);
  if (!from.includes(issue.status)) throw new AppError('not_draft', 409, 'newsletter.errors.notDraft');
  checkSendable(issue);
  const frozen = { en: await fillBlocks(deps, hooks, issue, 'en'), es: await fillBlocks(deps, hooks, issue, 'es') };
  // Blocks alone can come back empty (no upcoming events, no jobs module): then there is nothing to send.
  for (const l of ['en', 'es'] as const) {
    const f = frozen[l];
    if (!hasContent(issue.body[l]) && f.events.length + f.jobs.length + f.recordings.length + (f.posts?.length ?? 0) === 0) {
      throw new AppError('not_sendable', 422, 'newsletter.errors.empty', { [`body.${l}`]: 'newsletter.errors.empty' });
    }
  }
  const links = collectLinks(issue, frozen);
  const where = await segmentWhere(db, hooks, issue.segment);
  const started = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(issues)
      .set({ status: 'sending', startedAt: new Date(), frozen, links, updatedAt: new Date() })
      .where(and(eq(issues.id, id), inArray(issues.status, from)))
      .returning();
    if (!row) throw new AppError('not_draft', 409, 'newsletter.errors.notDraft');
    const inserted = await rows<{ n: number }>(
      tx,
      sql`WITH ins AS (INSERT INTO newsletter_deliveries (issue_id, subscriber_id, email, language)
            SELECT ${id}, s.id, s.email, s.language FROM newsletter_subscribers s WHERE ${where}
            ON CONFLICT (issue_id, subscriber_id) DO NOTHING RETURNING 1)
          SELECT count(*)::int AS n FROM ins`,
    );
    if (Number(inserted[0].n) === 0) throw new AppError('no_recipients', 422, 'newsletter.errors.noRecipients');
    return row;
  });
  const jobIds = [...new Set([...frozen.en.jobs, ...frozen.es.jobs].map((j) => j.id))];
  if (jobIds.length && hooks.jobs) {
    try {
      await hooks.jobs.recordJobPromotion(db, { jobIds, channel: 'newsletter', refId: id });
    } catch (err) {
      deps.logger.warn({ err }, 'recording job promotion failed');
    }
  }
  return started;
}

export async function scheduleIssue(db: Db, id: string, at: Date): Promise<Issue> {
  if (Number.isNaN(at.getTime()))
    throw new AppError('bad_time', 422, 'newsletter.errors.badTime', { scheduledAt: 'newsletter.errors.badTime' });
  if (at.getTime() <= Date.now())
    throw new AppError('past_time', 422, 'newsletter.errors.pastTime', { scheduledAt: 'newsletter.errors.pastTime' });
  const issue = await getIssue(db, id);
  checkSendable(issue);
  const [row] = await db
    .update(issues)
    .set({ status: 'scheduled', scheduledAt: at, updatedAt: new Date() })
    .where(and(eq(issues.id, id), inArray(issues.status, ['draft', 'scheduled'])))
    .returning();
  if (!row) throw new AppError('not_draft', 409, 'newsletter.errors.notDraft');
  return row;
}

async function move(db: Db, id: string, from: Issue['status'][], to: Issue['status']): Promise<Issue> {
  const [row] = await db
    .update(issues)
    .set({
      status: to,
      updatedAt: new Date(),
      ...(to === 'draft' ? { scheduledAt: null } : {}),
      ...(to === 'cancelled' ? { finishedAt: new Date() } : {}),
    })
    .where(and(eq(issues.id, id), inArray(issues.status, from)))
    .returning();
  if (!row) {
    await getIssue(db, id);
    throw new AppError('not_sending', 409, 'newsletter.errors.notSending');
  }
  return row;
}

export const unscheduleIssue = (db: Db, id: string) => move(db, id, ['scheduled'], 'draft');
export const pauseIssue = (db: Db, id: string) => move(db, id, ['sending'], 'paused');
export const resumeIssue = (db: Db, id: string) => move(db, id, ['paused'], 'sending');

/** Stops an issue for good: nothing still queued goes out (messages already handed over stay sent). */
export async function cancelIssue(db: Db, id: string): Promise<Issue> {
  return db.transaction(async (tx) => {
    const row = await move(tx, id, ['sending', 'paused', 'scheduled'], 'cancelled');
    await tx.execute(sql`UPDATE newsletter_deliveries SET status = 'cancelled' WHERE issue_id = ${id} AND status = 'queued'`);
    return row;
  });
}

/** Scheduled issues whose time has come start sending (run by the worker). */
export async function startDueIssues(deps: Deps, hooks: NewsletterHooks): Promise<number> {
  const due = await rows<{ id: string }>(
    deps.db,
    sql`SELECT id FROM newsletter_issues WHERE status = 'scheduled' AND scheduled_at <= now()`,
  );
  let n = 0;
  for (const { id } of due) {
    try {
      await beginSending(deps, hooks, id, ['scheduled']);
      n++;
    } catch (err) {
      deps.logger.warn({ err, issue: id }, 'scheduled issue could not start');
      if (err instanceof AppError && err.status !== 409) await move(deps.db, id, ['scheduled'], 'draft');
    }
  }
  return n;
}
