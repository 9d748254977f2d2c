import { eq, sql } from 'drizzle-orm';
import { rows } from '../../../db/client';
import type { Deps } from '../../../platform/http/context';
import { conferences } from '../schema';
import {
  addTopic,
  answerToken,
  apply,
  decideApplication,
  decideProposal,
  getConference,
  linkTopic,
  listSessions,
  proposalToken,
  questionsFromOutline,
  saveCfpQuestions,
  seatsOf,
  submitProposal,
} from '../service';

/**
 * For browser tests: opens the demo conference's call and applications, and leaves a topic, a
 * proposal and an application (both accepted) behind, with the signed links their emails would carry.
 */
export async function openDemoCall(deps: Deps, acronym: string) {
  const db = deps.db;
  const [row] = await rows<{ slug: string }>(
    db,
    sql`SELECT e.slug FROM conferences c JOIN events e ON e.id = c.event_id WHERE c.acronym = ${acronym}`,
  );
  const before = await getConference(db, row.slug);
  await db
    .update(conferences)
    .set({ requiresApplication: true, cfpOpensAt: new Date(Date.now() - 86_400_000), cfpClosesAt: new Date(Date.now() + 9 * 86_400_000) })
    .where(eq(conferences.eventId, before.event.id));
  await saveCfpQuestions(db, before.event.id, questionsFromOutline('Have you spoken before? | ¿Has dado charlas antes? *'));
  const v = await getConference(db, row.slug);
  const [first] = await rows<{ id: string }>(db, sql`SELECT id FROM people ORDER BY created_at LIMIT 1`);
  const topic = await addTopic(db, v.event.id, { title: 'Open contracts', titleEs: 'Contratos abiertos' }, first.id);
  const [answered] = await listSessions(db, v.event.id);
  if (answered) await linkTopic(db, topic, answered.id);
  const p = await submitProposal(db, v.conference, {
    title: 'Budgets in plain words',
    abstract: 'How a county explained its budget.',
    type: 'talk',
    language: 'en',
    level: 'beginner',
    speaker: { name: 'Nguyễn Thị Minh', email: 'minh@example.org', language: 'es', accessNeeds: null },
    answers: { q1: 'Twice, at county meetings' },
  });
  const { application } = await apply(db, v.conference, {
    name: 'José Pérez',
    email: 'jose.perez@example.org',
    language: 'es',
    sector: 'county',
    careerStage: 'mid',
    why: 'Our open data portal',
    accessNeeds: null,
  });
  await decideApplication(db, seatsOf(v.event, v.conference), application, { decision: 'accepted' });
  // Accepted, so its review page offers to put it on the programme.
  await decideProposal(db, p, 'accepted');
  return {
    slug: row.slug,
    proposal: p.id,
    application: application.id,
    speaker: await proposalToken(deps.secret, p.id),
    answer: await answerToken(deps.secret, application.id),
  };
}
