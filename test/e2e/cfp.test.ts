import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rows } from '../../src/db/client';
import { getConference } from '../../src/modules/conferences';
import { conferences } from '../../src/modules/conferences/schema';
import {
  addTopic,
  answerToken,
  apply,
  decideApplication,
  proposalToken,
  seatsOf,
  submitProposal,
} from '../../src/modules/conferences/service';
import { startE2E, type E2E } from './harness';

/** The call for proposals, voting and application pages in Chromium with axe-core (WCAG 2.2 AA), both languages. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

async function prepared() {
  const [row] = await rows<{ slug: string }>(
    e2e.deps.db,
    sql`SELECT e.slug FROM conferences c JOIN events e ON e.id = c.event_id WHERE c.acronym = 'sodla_demo'`,
  );
  const db = e2e.deps.db;
  const before = await getConference(db, row.slug);
  await db
    .update(conferences)
    .set({ requiresApplication: true, cfpOpensAt: new Date(Date.now() - 86_400_000), cfpClosesAt: new Date(Date.now() + 9 * 86_400_000) })
    .where(eq(conferences.eventId, before.event.id));
  const v = await getConference(db, row.slug);
  const me = (await rows<{ id: string }>(db, sql`SELECT id FROM people ORDER BY created_at LIMIT 1`))[0].id;
  await addTopic(db, v.event.id, { title: 'Open contracts', titleEs: 'Contratos abiertos' }, me);
  const p = await submitProposal(db, v.conference, {
    title: 'Budgets in plain words',
    abstract: 'How a county explained its budget.',
    type: 'talk',
    language: 'en',
    level: 'beginner',
    speaker: { name: 'Nguyễn Thị Minh', email: 'minh@example.org', language: 'es', accessNeeds: null },
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
  return {
    slug: row.slug,
    proposal: p.id,
    speaker: await proposalToken(e2e.deps.secret, p.id),
    answer: await answerToken(e2e.deps.secret, application.id),
  };
}

describe('call for proposals, voting and applications pages are accessible (axe, WCAG 2.2 AA)', () => {
  it('public, signed-in and organizer pages in both languages, on a laptop and a phone', async () => {
    const d = await prepared();
    const publicUrls = [
      `/conferences/${d.slug}/propose`,
      `/conferences/${d.slug}/apply`,
      `/conferences/${d.slug}/answer/${d.answer}`,
      `/conferences/${d.slug}/proposals/${d.speaker}`,
    ];
    const organizerUrls = [
      `/conferences/${d.slug}/topics`,
      `/conferences/${d.slug}/review`,
      `/conferences/${d.slug}/review/${d.proposal}`,
      `/conferences/${d.slug}/manage/ranking`,
      `/conferences/${d.slug}/manage/applications`,
    ];
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 360, height: 740 },
    ]) {
      const visitor = await (await e2e.browser.newContext({ viewport })).newPage();
      for (const url of publicUrls.flatMap((u) => [u, `/es${u}`])) {
        expect(await e2e.violations(visitor, url), `${url} ${viewport.width}`).toEqual([]);
        expect(await visitor.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(viewport.width);
      }
      const organizer = await (await e2e.signedIn('organizer@pathways.localhost', undefined, undefined, { viewport })).newPage();
      for (const url of organizerUrls.flatMap((u) => [u, `/es${u}`])) {
        expect(await e2e.violations(organizer, url), `${url} ${viewport.width}`).toEqual([]);
        expect(await organizer.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(viewport.width);
      }
    }
    // The emailed page works without JavaScript: the applicant confirms, in Spanish.
    const applicant = await (await e2e.browser.newContext({ javaScriptEnabled: false })).newPage();
    await applicant.goto(`${e2e.baseUrl}/es/conferences/${d.slug}/answer/${d.answer}`);
    await applicant.click('button[value="confirm"]');
    expect(await applicant.locator('main').innerText()).toContain('Confirmado: nos vemos allí.');
  });
});
