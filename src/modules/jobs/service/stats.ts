import { desc, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { prepared } from '../../../db/prepared';
import type { Locale } from '../../../platform/i18n';
import { jobPromotions } from '../schema';
import { agenciesAsA as a, jobsAsJ as j, PUBLIC } from './jobs';
import { isUuid } from '../../../platform/ids';

export interface PostedCount {
  level: string;
  agencySlug: string;
  agencyName: string;
  count: number;
}

/** "Jobs posted": jobs first published on the board in [from, to), by level and agency. Closed ones count. */
export async function jobsPosted(
  db: Db,
  from: Date,
  to: Date,
): Promise<{ total: number; byAgency: PostedCount[]; byLevel: { level: string; count: number }[] }> {
  const byAgency = await rows<PostedCount>(
    db,
    sql`SELECT a.level, a.slug AS "agencySlug", a.name AS "agencyName", count(*)::int AS count
        FROM jobs j JOIN agencies a ON a.id = j.agency_id
        WHERE j.published_at >= ${from} AND j.published_at < ${to} AND coalesce(j.tech_override, j.tech) AND j.status <> 'rejected'
        GROUP BY a.level, a.slug, a.name ORDER BY a.level, count(*) DESC, a.name`,
  );
  const byLevel = new Map<string, number>();
  for (const r of byAgency) byLevel.set(r.level, (byLevel.get(r.level) ?? 0) + Number(r.count));
  return {
    total: byAgency.reduce((n, r) => n + Number(r.count), 0),
    byAgency: byAgency.map((r) => ({ ...r, count: Number(r.count) })),
    byLevel: [...byLevel].map(([level, count]) => ({ level, count })),
  };
}

/** "Jobs promoted": distinct jobs featured in [from, to), by channel, and how many placements. */
export async function jobsPromoted(
  db: Db,
  from: Date,
  to: Date,
): Promise<{ jobs: number; placements: number; byChannel: { channel: string; jobs: number; placements: number }[] }> {
  const byChannel = await rows<{ channel: string; jobs: number; placements: number }>(
    db,
    sql`SELECT channel, count(DISTINCT job_id)::int AS jobs, count(*)::int AS placements
        FROM job_promotions WHERE created_at >= ${from} AND created_at < ${to} GROUP BY channel ORDER BY channel`,
  );
  const [all] = await rows<{ jobs: number; placements: number }>(
    db,
    sql`SELECT count(DISTINCT job_id)::int AS jobs, count(*)::int AS placements FROM job_promotions WHERE created_at >= ${from} AND created_at < ${to}`,
  );
  return {
    jobs: Number(all.jobs),
    placements: Number(all.placements),
    byChannel: byChannel.map((c) => ({ channel: c.channel, jobs: Number(c.jobs), placements: Number(c.placements) })),
  };
}

/** Counted once per job and place, however often the newsletter or event page is rebuilt. */
export async function recordJobPromotion(
  db: Db,
  input: { jobIds: string[]; channel: 'event' | 'newsletter'; refId: string },
): Promise<void> {
  const ids = [...new Set(input.jobIds)].filter(isUuid);
  if (ids.length === 0) return;
  const known = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM jobs WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}::uuid`),
      sql`, `,
    )})`,
  );
  if (known.length === 0) return;
  await db
    .insert(jobPromotions)
    .values(known.map((k) => ({ jobId: k.id, channel: input.channel, refId: input.refId.slice(0, 200) })))
    .onConflictDoNothing();
}

/** An open job as other modules feature it (the newsletter's jobs block, event pages). */
export interface PromotedJob {
  id: string;
  title: string;
  agency: string;
  /** Absolute URL of the job's public page. */
  url: string;
  closesAt: Date | null;
  salaryMin: number | null;
  salaryMax: number | null;
  location: string | null;
}

/** For the newsletter and event pages: promoted open tech jobs first, then the newest. */
export async function promotedJobs(db: Db, opts: { limit: number; locale: Locale; baseUrl: string }): Promise<PromotedJob[]> {
  // On every event page: built once (PUBLIC names the tables j and a).
  const list = await prepared(db, 'jobs.promoted', (db) =>
    db
      .select({
        id: j.id,
        title: j.title,
        agency: a.name,
        agencyEs: a.nameEs,
        closesAt: j.closesAt,
        salaryMin: j.salaryMin,
        salaryMax: j.salaryMax,
        location: sql<string | null>`${j.locations}[1]`,
      })
      .from(j)
      .innerJoin(a, eq(a.id, j.agencyId))
      .where(PUBLIC)
      .orderBy(desc(j.promoted), desc(j.openedAt))
      .limit(sql.placeholder('limit')),
  ).execute({ limit: Math.max(1, Math.min(opts.limit, 50)) });
  const prefix = opts.locale === 'es' ? '/es' : '';
  return list.map((j) => ({
    id: j.id,
    title: j.title,
    agency: (opts.locale === 'es' && j.agencyEs) || j.agency,
    url: `${opts.baseUrl}${prefix}/jobs/${j.id}`,
    closesAt: j.closesAt,
    salaryMin: j.salaryMin,
    salaryMax: j.salaryMax,
    location: j.location,
  }));
}

/**
 * "Jobs posted or promoted": distinct tech jobs first published in [from, to) or featured then (an
 * event page, a newsletter issue). For a chapter: the jobs attributed to it, and those featured on its
 * events' pages (`eventIds`); the newsletter is organization-wide, so only the whole network counts it.
 */
export async function jobsPostedOrPromoted(db: Db, q: { from: Date; to: Date; chapter?: string; eventIds?: string[] }): Promise<number> {
  const ids = q.eventIds ?? [];
  const refs = ids.length
    ? sql`p.channel = 'event' AND p.ref_id IN (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`
    : sql`false`;
  const mine = q.chapter === undefined ? sql`true` : sql`j.chapter_slug = ${q.chapter}`;
  const featured = q.chapter === undefined ? sql`true` : refs;
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(DISTINCT j.id)::int AS n FROM jobs j
        WHERE coalesce(j.tech_override, j.tech) AND j.status <> 'rejected'
          AND ((j.published_at >= ${q.from} AND j.published_at < ${q.to} AND ${mine})
            OR EXISTS (SELECT 1 FROM job_promotions p WHERE p.job_id = j.id AND p.created_at >= ${q.from} AND p.created_at < ${q.to} AND ${featured}))`,
  );
  return Number(r.n);
}
