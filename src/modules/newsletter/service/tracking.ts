import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import type { Deps } from '../../../platform/http/context';
import { readTrackToken } from './common';

/**
 * Opens that no person made: Apple Mail Privacy Protection fetches every image through a proxy
 * (bare "Mozilla/5.0" or a WebKit string without a browser token), Gmail and Yahoo proxy images,
 * security scanners fetch within seconds of delivery.
 */
function isMachineOpen(userAgent: string | undefined, sentAt: Date | null, now = new Date()): boolean {
  const ua = (userAgent ?? '').trim();
  if (!ua || ua === 'Mozilla/5.0') return true;
  if (/AppleWebKit\/[\d.]+ \(KHTML, like Gecko\)$/.test(ua)) return true;
  if (/GoogleImageProxy|YahooMailProxy|bot|crawler|spider|scanner|preview/i.test(ua)) return true;
  return sentAt !== null && now.getTime() - sentAt.getTime() < 10_000;
}

interface DeliveryRef {
  id: string;
  issue_id: string;
  sent_at: Date | null;
}

async function delivery(db: Db, id: string): Promise<DeliveryRef | undefined> {
  const [d] = await rows<DeliveryRef>(db, sql`SELECT id, issue_id, sent_at FROM newsletter_deliveries WHERE id = ${id}`);
  return d ? { ...d, sent_at: d.sent_at ? new Date(d.sent_at) : null } : undefined;
}

async function trackingOn(db: Db, issueId: string): Promise<boolean> {
  const [r] = await rows<{ on: boolean }>(
    db,
    sql`SELECT i.tracking AND coalesce((SELECT value FROM settings WHERE key = 'newsletter.tracking'), 'on') = 'on' AS on FROM newsletter_issues i WHERE i.id = ${issueId}`,
  );
  return !!r?.on;
}

/** Records an open (the first human and the first machine open per message are kept). */
export async function recordOpen(deps: Deps, token: string, userAgent: string | undefined): Promise<void> {
  const id = await readTrackToken(deps, token);
  const d = id ? await delivery(deps.db, id) : undefined;
  if (!d || !(await trackingOn(deps.db, d.issue_id))) return;
  const machine = isMachineOpen(userAgent, d.sent_at);
  await deps.db.execute(sql`INSERT INTO newsletter_events (issue_id, delivery_id, kind, machine)
    SELECT ${d.issue_id}, ${d.id}, 'open', ${machine}
    WHERE NOT EXISTS (SELECT 1 FROM newsletter_events WHERE delivery_id = ${d.id} AND kind = 'open' AND machine = ${machine})`);
}

/**
 * A tracked link: the token names the message, the index one of the issue's own links, so the
 * redirect can only lead where the issue pointed (never an open redirect). Null when unknown.
 */
export async function recordClick(deps: Deps, token: string, index: number, userAgent?: string): Promise<string | null> {
  const id = await readTrackToken(deps, token);
  const d = id ? await delivery(deps.db, id) : undefined;
  if (!d) return null;
  const [issue] = await rows<{ links: { url: string }[] }>(deps.db, sql`SELECT links FROM newsletter_issues WHERE id = ${d.issue_id}`);
  const link = issue?.links[index];
  if (!link) return null;
  if (await trackingOn(deps.db, d.issue_id)) {
    const machine = /bot|crawler|spider|scanner|preview/i.test(userAgent ?? '');
    await deps.db.execute(sql`INSERT INTO newsletter_events (issue_id, delivery_id, kind, link_index, machine)
      SELECT ${d.issue_id}, ${d.id}, 'click', ${index}, ${machine}
      WHERE NOT EXISTS (SELECT 1 FROM newsletter_events WHERE delivery_id = ${d.id} AND kind = 'click' AND link_index = ${index})`);
  }
  return link.url;
}

export interface IssueStats {
  total: number;
  sent: number;
  failed: number;
  left: number;
  uncertain: number;
  cancelled: number;
  opens: number;
  machineOpens: number;
  clicks: number;
  openRate: number;
  clickRate: number;
  links: { url: string; jobId: string | null; clicks: number }[];
}

/**
 * Counts for one issue. Opens: messages opened by a person (a click counts as an open too);
 * machine-only opens are reported apart. Rates are over messages sent.
 */
export async function issueStats(db: Db, issueId: string): Promise<IssueStats> {
  const [c] = await rows<Record<string, number>>(
    db,
    sql`SELECT count(*)::int AS total,
          count(*) FILTER (WHERE status = 'sent')::int AS sent,
          count(*) FILTER (WHERE status = 'failed')::int AS failed,
          count(*) FILTER (WHERE status IN ('queued', 'sending', 'committing'))::int AS left,
          count(*) FILTER (WHERE status = 'uncertain')::int AS uncertain,
          count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
        FROM newsletter_deliveries WHERE issue_id = ${issueId}`,
  );
  const [e] = await rows<Record<string, number>>(
    db,
    sql`SELECT count(DISTINCT delivery_id) FILTER (WHERE NOT machine)::int AS opens,
          count(DISTINCT delivery_id) FILTER (WHERE kind = 'click' AND NOT machine)::int AS clicks,
          (SELECT count(DISTINCT m.delivery_id)::int FROM newsletter_events m WHERE m.issue_id = ${issueId} AND m.machine
             AND NOT EXISTS (SELECT 1 FROM newsletter_events h WHERE h.delivery_id = m.delivery_id AND NOT h.machine)) AS machine_opens
        FROM newsletter_events WHERE issue_id = ${issueId}`,
  );
  const perLink = await rows<{ link_index: number; n: number }>(
    db,
    sql`SELECT link_index, count(DISTINCT delivery_id)::int AS n FROM newsletter_events
        WHERE issue_id = ${issueId} AND kind = 'click' AND NOT machine GROUP BY link_index`,
  );
  const [issue] = await rows<{ links: { url: string; jobId?: string }[] }>(
    db,
    sql`SELECT links FROM newsletter_issues WHERE id = ${issueId}`,
  );
  const sent = Number(c.sent);
  const opens = Number(e.opens);
  const clicks = Number(e.clicks);
  return {
    total: Number(c.total),
    sent,
    failed: Number(c.failed),
    left: Number(c.left),
    uncertain: Number(c.uncertain),
    cancelled: Number(c.cancelled),
    opens,
    machineOpens: Number(e.machine_opens),
    clicks,
    openRate: sent ? opens / sent : 0,
    clickRate: sent ? clicks / sent : 0,
    links: (issue?.links ?? []).map((l, i) => ({
      url: l.url,
      jobId: l.jobId ?? null,
      clicks: Number(perLink.find((p) => p.link_index === i)?.n ?? 0),
    })),
  };
}
