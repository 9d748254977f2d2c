import { and, asc, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, FieldProblems, notFound } from '../../../platform/http/errors';
import {
  recommendationHistory,
  recommendationInitiatives,
  recommendations,
  RECOMMENDATION_STATUSES,
  type Recommendation,
  type RecommendationStatus,
} from '../schema';
import type { RecommendationInput, StatusChangeInput } from './input';
import { initiativesBySlugs } from './initiatives';
import { checkKeys } from './taxonomy';
import { isUuid } from '../../../platform/ids';

export interface Actor {
  id: string | null;
  name: string;
}

/** A recommendation starts `proposed`, and that first status is the first line of its history. */
export async function createRecommendation(db: Db, eventId: string, input: RecommendationInput, actor: Actor): Promise<Recommendation> {
  return db.transaction(async (tx) => {
    const problems = new FieldProblems();
    await checkKeys(tx, 'goal', 'goal', [input.goal], problems);
    const related = await initiativesBySlugs(tx, input.initiatives, 'initiatives', problems);
    problems.throwIfAny();
    const { initiatives: _i, ...fields } = input;
    const [row] = await tx
      .insert(recommendations)
      .values({ ...fields, eventId, status: 'proposed' })
      .returning();
    if (related.length)
      await tx.insert(recommendationInitiatives).values(related.map((i) => ({ recommendationId: row.id, initiativeId: i.id })));
    await tx
      .insert(recommendationHistory)
      .values({ recommendationId: row.id, status: 'proposed', byPersonId: actor.id, byName: actor.name, at: row.createdAt });
    return row;
  });
}

/**
 * Moves a recommendation to a new status and appends the change to its history, in one transaction.
 * The update is conditional (status differs), so two people making the same change at once leave one
 * line of history and the other gets `same_status`.
 */
export async function changeStatus(db: Db, id: string, input: StatusChangeInput, actor: Actor): Promise<Recommendation> {
  return db.transaction(async (tx) => {
    const current = await getRecommendation(tx, id);
    const [row] = await tx
      .update(recommendations)
      .set({ status: input.status })
      .where(and(eq(recommendations.id, current.id), sql`${recommendations.status} <> ${input.status}`))
      .returning();
    if (!row) throw new AppError('same_status', 409, 'directory.error.sameStatus', { status: 'directory.error.sameStatus' });
    await tx.insert(recommendationHistory).values({
      recommendationId: id,
      status: input.status,
      note: input.note,
      evidenceUrl: input.evidenceUrl,
      byPersonId: actor.id,
      byName: actor.name,
    });
    return row;
  });
}

export async function getRecommendation(db: Db, id: string): Promise<Recommendation> {
  if (!isUuid(id)) throw notFound();
  const [r] = await db.select().from(recommendations).where(eq(recommendations.id, id));
  if (!r) throw notFound();
  return r;
}

export interface HistoryLine {
  status: RecommendationStatus;
  note: string | null;
  evidenceUrl: string | null;
  byName: string | null;
  at: Date;
}

/** Oldest first, from the creation's `proposed`. */
export async function historyOf(db: Db, id: string): Promise<HistoryLine[]> {
  return db
    .select({
      status: recommendationHistory.status,
      note: recommendationHistory.note,
      evidenceUrl: recommendationHistory.evidenceUrl,
      byName: recommendationHistory.byName,
      at: recommendationHistory.at,
    })
    .from(recommendationHistory)
    .where(eq(recommendationHistory.recommendationId, id))
    .orderBy(asc(recommendationHistory.seq));
}

export interface RecommendationRow extends Recommendation {
  conveningSlug: string;
  conveningTitle: { en: string | null; es: string | null };
  initiatives: { slug: string; name: string; nameEs: string | null }[];
}

export async function listRecommendations(
  db: Db,
  f: { status?: RecommendationStatus; convening?: string; includeDrafts?: boolean },
  page: { limit: number; offset: number },
): Promise<{ recommendations: RecommendationRow[]; total: number }> {
  // Read-only join on events for the convening's slug and title; drafts stay private.
  const list = await rows<Record<string, unknown>>(
    db,
    sql`SELECT r.id, r.event_id AS "eventId", r.title, r.title_es AS "titleEs", r.text, r.text_es AS "textEs", r.goal,
               r.addressed_to AS "addressedTo", r.owner, r.status, r.created_at AS "createdAt",
               e.slug AS "conveningSlug", e.title AS "conveningTitle",
               coalesce((SELECT json_agg(json_build_object('slug', i.slug, 'name', i.name, 'nameEs', i.name_es) ORDER BY i.name)
                         FROM recommendation_initiatives ri JOIN initiatives i ON i.id = ri.initiative_id
                         WHERE ri.recommendation_id = r.id), '[]'::json) AS initiatives,
               count(*) OVER () AS total
        FROM recommendations r JOIN event_listing e ON e.id = r.event_id
        WHERE true ${f.status ? sql`AND r.status = ${f.status}` : sql``}
              ${f.convening ? sql`AND e.slug = ${f.convening}` : sql``}
              ${f.includeDrafts ? sql`` : sql`AND e.status <> 'draft'`}
        ORDER BY r.created_at DESC, r.id
        LIMIT ${page.limit} OFFSET ${page.offset}`,
  );
  return {
    recommendations: list.map(
      ({ total: _t, ...r }) => ({ ...r, createdAt: new Date(String(r.createdAt)) }) as unknown as RecommendationRow,
    ),
    total: Number(list[0]?.total ?? 0),
  };
}

/**
 * For the impact dashboard: the recommendations made in a period (`from` inclusive, `to` exclusive),
 * counted by the status each had when the period ended. Read from the history, so a later change never
 * rewrites a past period's figures. `eventIds`: only those made at these convenings (a chapter's).
 */
export async function recommendationCountsByStatus(
  db: Db,
  period: { from: Date; to: Date; eventIds?: readonly string[] },
): Promise<Record<RecommendationStatus, number>> {
  const atEvents = !period.eventIds
    ? sql``
    : period.eventIds.length
      ? sql`AND r.event_id IN (${sql.join(
          period.eventIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
      : sql`AND false`;
  const list = await rows<{ status: RecommendationStatus; n: number }>(
    db,
    sql`SELECT last.status, count(*)::int AS n FROM (
          SELECT DISTINCT ON (h.recommendation_id) h.status
          FROM recommendation_history h JOIN recommendations r ON r.id = h.recommendation_id
          WHERE h.at < ${period.to.toISOString()}
            AND r.created_at >= ${period.from.toISOString()} AND r.created_at < ${period.to.toISOString()} ${atEvents}
          ORDER BY h.recommendation_id, h.seq DESC
        ) last GROUP BY last.status`,
  );
  const out = Object.fromEntries(RECOMMENDATION_STATUSES.map((s) => [s, 0])) as Record<RecommendationStatus, number>;
  for (const r of list) out[r.status] = Number(r.n);
  return out;
}
