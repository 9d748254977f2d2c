import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { getPerson } from '../../people';
import { topics, topicVoters, topicVotes, type Conference, type Topic } from '../schema';
import type { TopicInput } from './cfp-input';

export async function addTopic(db: Db, eventId: string, input: TopicInput, personId: string): Promise<Topic> {
  const [t] = await db
    .insert(topics)
    .values({ eventId, title: { en: input.title, es: input.titleEs }, createdBy: personId })
    .returning();
  return t;
}

export async function getTopic(db: Db, eventId: string, id: string): Promise<Topic> {
  const [t] = await db
    .select()
    .from(topics)
    .where(and(eq(topics.eventId, eventId), sql`${topics.id}::text = ${id}`));
  if (!t) throw notFound();
  return t;
}

async function votesUsed(db: Db, eventId: string, personId: string): Promise<number> {
  const [v] = await db
    .select({ used: topicVoters.used })
    .from(topicVoters)
    .where(and(eq(topicVoters.eventId, eventId), eq(topicVoters.personId, personId)));
  return v?.used ?? 0;
}

/**
 * The topics in an order that is random but the same for one person each time (a hash of who and
 * which), so the first-listed topic gets no head start and a reload does not reshuffle.
 */
export async function topicsFor(db: Db, c: Conference, personId: string) {
  const list = await rows<{ id: string; title: Topic['title']; session_id: string | null; session_code: string | null; voted: boolean }>(
    db,
    sql`SELECT t.id, t.title, t.session_id, (SELECT s.code FROM conference_sessions s WHERE s.id = t.session_id) AS session_code,
               EXISTS (SELECT 1 FROM conference_topic_votes v WHERE v.topic_id = t.id AND v.person_id = ${personId}) AS voted
        FROM conference_topics t WHERE t.event_id = ${c.eventId}
        ORDER BY md5(${personId} || t.id::text)`,
  );
  const used = await votesUsed(db, c.eventId, personId);
  return { topics: list, votesLeft: Math.max(0, c.votesPerMember - used) };
}

/**
 * One vote. The unique (topic, person) index refuses a second vote on a topic; the per-voter counter
 * is raised only while below the limit, in the same transaction, so ten votes at once with a limit
 * of three leave exactly three (decision 0027). A refusal rolls back both.
 */
export async function vote(db: Db, c: Conference, topic: Topic, personId: string): Promise<{ votesLeft: number }> {
  const person = await getPerson(db, personId);
  return db.transaction(async (tx) => {
    const [cast] = await tx
      .insert(topicVotes)
      .values({ topicId: topic.id, personId, sector: person.sector ?? null })
      .onConflictDoNothing()
      .returning({ topicId: topicVotes.topicId });
    if (!cast) throw new AppError('already_voted', 409, 'conferences.error.alreadyVoted');
    await tx.insert(topicVoters).values({ eventId: c.eventId, personId }).onConflictDoNothing();
    const [counted] = await rows<{ used: number }>(
      tx,
      sql`UPDATE conference_topic_voters SET used = used + 1
          WHERE event_id = ${c.eventId} AND person_id = ${personId} AND used < ${c.votesPerMember} RETURNING used`,
    );
    if (!counted) throw new AppError('vote_limit', 409, 'conferences.error.voteLimit');
    return { votesLeft: Math.max(0, c.votesPerMember - Number(counted.used)) };
  });
}

/** Withdraws a vote (nothing to withdraw: the same answer) and gives it back. */
export async function unvote(db: Db, c: Conference, topic: Topic, personId: string): Promise<{ votesLeft: number }> {
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(topicVotes)
      .where(and(eq(topicVotes.topicId, topic.id), eq(topicVotes.personId, personId)))
      .returning({ topicId: topicVotes.topicId });
    if (gone)
      await tx.execute(
        sql`UPDATE conference_topic_voters SET used = used - 1 WHERE event_id = ${c.eventId} AND person_id = ${personId} AND used > 0`,
      );
  });
  return { votesLeft: Math.max(0, c.votesPerMember - (await votesUsed(db, c.eventId, personId))) };
}

/** Topics by votes, most first, with how many voters came from each sector. */
export async function ranking(db: Db, eventId: string) {
  const list = await rows<{
    id: string;
    title: Topic['title'];
    session_id: string | null;
    session_code: string | null;
    votes: number;
    sectors: Record<string, number> | null;
  }>(
    db,
    sql`SELECT t.id, t.title, t.session_id, (SELECT s.code FROM conference_sessions s WHERE s.id = t.session_id) AS session_code,
               count(v.person_id)::int AS votes,
               (SELECT jsonb_object_agg(s.sector, s.n) FROM
                 (SELECT coalesce(v2.sector, 'unknown') AS sector, count(*)::int AS n FROM conference_topic_votes v2
                  WHERE v2.topic_id = t.id GROUP BY 1) s) AS sectors
        FROM conference_topics t LEFT JOIN conference_topic_votes v ON v.topic_id = t.id
        WHERE t.event_id = ${eventId}
        GROUP BY t.id ORDER BY count(v.person_id) DESC, t.created_at, t.id`,
  );
  return list.map((r) => ({
    id: r.id,
    title: r.title,
    sessionId: r.session_id,
    sessionCode: r.session_code,
    votes: Number(r.votes),
    sectors: r.sectors ?? {},
  }));
}

/** "You asked, we scheduled": ties a topic to the session that answers it (or unties it). */
export async function linkTopic(db: Db, topic: Topic, sessionId: string | null): Promise<void> {
  await db.update(topics).set({ sessionId }).where(eq(topics.id, topic.id));
}
