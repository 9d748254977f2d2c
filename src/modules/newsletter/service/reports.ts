import { sql } from 'drizzle-orm';
import { toCsv } from '../../../platform/csv';
import { rows, type Db } from '../../../db/client';
import type { Locale } from '../../../platform/i18n';
import { newsletterMessages } from '../messages';
import { issueStats } from './tracking';

export interface MonthRow {
  month: string;
  confirmed: number;
  unsubscribed: number;
  bounced: number;
  /** Subscribed at the end of the month. */
  total: number;
}

/** Subscribers over time, by month: new confirmations, unsubscribes, bounces and the running total. */
export async function subscribersOverTime(db: Db, months = 12): Promise<MonthRow[]> {
  const r = await rows<{ month: string; confirmed: number; unsubscribed: number; bounced: number; total: number }>(
    db,
    sql`WITH m AS (
          SELECT generate_series(date_trunc('month', now()) - make_interval(months => ${months - 1}), date_trunc('month', now()), interval '1 month') AS start)
        SELECT to_char(m.start, 'YYYY-MM') AS month,
          (SELECT count(*)::int FROM newsletter_subscribers s WHERE s.consented_at >= m.start AND s.consented_at < m.start + interval '1 month') AS confirmed,
          (SELECT count(*)::int FROM newsletter_subscribers s WHERE s.status = 'unsubscribed' AND s.status_changed_at >= m.start AND s.status_changed_at < m.start + interval '1 month') AS unsubscribed,
          (SELECT count(*)::int FROM newsletter_subscribers s WHERE s.status IN ('bounced', 'complained') AND s.status_changed_at >= m.start AND s.status_changed_at < m.start + interval '1 month') AS bounced,
          (SELECT count(*)::int FROM newsletter_subscribers s WHERE s.consented_at < m.start + interval '1 month'
             AND (s.status = 'confirmed' OR s.status_changed_at >= m.start + interval '1 month')) AS total
        FROM m ORDER BY m.start`,
  );
  return r.map((x) => ({
    month: x.month,
    confirmed: Number(x.confirmed),
    unsubscribed: Number(x.unsubscribed),
    bounced: Number(x.bounced),
    total: Number(x.total),
  }));
}

export interface IssueReport {
  id: string;
  subject: { en: string; es: string };
  finishedAt: Date | null;
  sent: number;
  opens: number;
  clicks: number;
  openRate: number;
  clickRate: number;
  machineOpens: number;
}

/** Issues sent and, per issue, open and click rates. */
export async function issueReports(db: Db): Promise<IssueReport[]> {
  const list = await rows<{ id: string; subject: { en: string; es: string }; finished_at: Date | null }>(
    db,
    sql`SELECT id, subject, finished_at FROM newsletter_issues WHERE status = 'sent' ORDER BY finished_at DESC`,
  );
  const out: IssueReport[] = [];
  for (const i of list) {
    const s = await issueStats(db, i.id);
    out.push({
      id: i.id,
      subject: i.subject,
      finishedAt: i.finished_at ? new Date(i.finished_at) : null,
      sent: s.sent,
      opens: s.opens,
      clicks: s.clicks,
      openRate: s.openRate,
      clickRate: s.clickRate,
      machineOpens: s.machineOpens,
    });
  }
  return out;
}

/** Jobs promoted through the newsletter (distinct jobs in sent issues) and the clicks on them. */
export async function jobsPromoted(db: Db): Promise<{ jobs: number; clicks: number }> {
  const [r] = await rows<{ jobs: number; clicks: number }>(
    db,
    sql`WITH l AS (SELECT i.id, (x.ord - 1)::int AS idx, x.link->>'jobId' AS job_id
                   FROM newsletter_issues i, jsonb_array_elements(i.links) WITH ORDINALITY AS x(link, ord)
                   WHERE i.status IN ('sending', 'paused', 'sent') AND x.link ? 'jobId')
        SELECT count(DISTINCT l.job_id)::int AS jobs,
          (SELECT count(*)::int FROM newsletter_events e JOIN l ON l.id = e.issue_id AND l.idx = e.link_index WHERE e.kind = 'click' AND NOT e.machine) AS clicks
        FROM l`,
  );
  return { jobs: Number(r?.jobs ?? 0), clicks: Number(r?.clicks ?? 0) };
}

/** All subscribers as CSV, headers in the reader's language. */
export async function exportCsv(db: Db, locale: Locale): Promise<string> {
  const t = newsletterMessages.for(locale);
  const list = await rows<{
    email: string;
    name: string | null;
    language: string;
    status: string;
    topics: string[];
    consented_at: Date | null;
    source: string;
  }>(db, sql`SELECT email, name, language, status, topics, consented_at, source FROM newsletter_subscribers ORDER BY created_at, id`);
  return toCsv(
    [
      t('newsletter.subs.email'),
      t('newsletter.subs.name'),
      t('newsletter.subs.language'),
      t('newsletter.subs.status'),
      'topics',
      t('newsletter.subs.since'),
      'source',
    ],
    list.map((s) => [
      s.email,
      s.name ?? '',
      s.language,
      s.status,
      s.topics.join(' '),
      s.consented_at ? new Date(s.consented_at).toISOString() : '',
      s.source,
    ]),
    { recordDelimiter: '\n' },
  );
}
