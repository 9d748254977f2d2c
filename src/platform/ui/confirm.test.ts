import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../../modules/people';
import { createEvent, createRsvp, eventInput, getEvent, manageUrl } from '../../modules/events';
import { createIssue } from '../../modules/newsletter';

let env: TestEnv;
const u = uid();
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
});
afterAll(() => env.close());

const formOf = (html: string) => /<main[\s\S]*?<form method="post" action="([^"]+)"[\s\S]*?<\/form>/.exec(html);

async function anEvent() {
  const startsAt = new Date(Date.now() + 10 * 86_400_000);
  return createEvent(
    env.deps.db,
    eventInput.parse({
      title: { en: `Breakfast talk ${uid()}`, es: `Charla ${u}` },
      chapter: 'los-angeles',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
      timeZone: 'America/Los_Angeles',
      status: 'published',
    }),
    null,
  );
}

describe('a confirmation step, without a script, before what cannot be undone', () => {
  it("cancelling one's own RSVP asks first; the seat stays until the answer is yes", async () => {
    const e = await anEvent();
    const { rsvp } = await createRsvp(
      env.deps.db,
      e,
      { name: 'Ngozi Okafor-Ávila', email: `n-${u}@example.org`, answers: {}, accessibilityNeeds: null, language: 'es' },
      { sendEmail: false },
    );
    const manage = new URL(await manageUrl(env.deps, rsvp)).pathname;
    const b = new Browser(env);
    const ticket = await (await b.get(manage)).text();
    expect(ticket).toContain(`href="${manage}/cancel"`);
    const ask = await b.get(`${manage}/cancel`);
    expect(ask.status).toBe(200);
    const html = await ask.text();
    expect(visibleText(html)).toContain(`¿Cancelar tu inscripción a Charla ${u}?`);
    expect(visibleText(html)).toContain('No, conservar mi lugar');
    expect((await getEvent(env.deps.db, e.slug)).goingCount).toBe(1);
    const form = formOf(html)!;
    expect(form[1]).toBe(`${manage}/cancel`);
    expect((await b.post(form[1], {})).status).toBe(303);
    expect((await getEvent(env.deps.db, e.slug)).goingCount).toBe(0);
  });

  it('declining an attendee asks first, naming them, and posts the decline', async () => {
    const e = await anEvent();
    const { rsvp } = await createRsvp(
      env.deps.db,
      e,
      { name: "Seán O'Brien", email: `s-${u}@example.org`, answers: {}, accessibilityNeeds: null },
      { sendEmail: false },
    );
    const b = new Browser(env);
    await b.signInAs(`org-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const list = await (await b.get(`/events/${e.slug}/attendees`)).text();
    expect(list).toContain(`href="/events/${e.slug}/attendees/${rsvp.id}/decline"`);
    const html = await (await b.get(`/events/${e.slug}/attendees/${rsvp.id}/decline`)).text();
    expect(visibleText(html)).toContain("Decline Seán O'Brien?");
    expect(html).toContain('<input type="hidden" name="to" value="declined"/>');
    expect((await getEvent(env.deps.db, e.slug)).goingCount).toBe(1);
    expect((await b.post(formOf(html)![1], { to: 'declined' })).status).toBe(303);
    expect((await getEvent(env.deps.db, e.slug)).goingCount).toBe(0);
    // Another event's attendee is not found through this event.
    const other = await anEvent();
    expect((await b.get(`/events/${other.slug}/attendees/${rsvp.id}/decline`)).status).toBe(404);
  });

  it('sending an issue asks "Send to N subscribers?" first, in both languages', async () => {
    const issue = await createIssue(env.deps.db, { subject: { en: `News ${u}`, es: `Noticias ${u}` }, body: { en: 'Hi', es: 'Hola' } });
    const b = new Browser(env);
    await b.signInAs(`nl-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const editor = await (await b.get(`/organize/newsletter/issues/${issue.id}`)).text();
    expect(editor).toContain(`href="/organize/newsletter/issues/${issue.id}/send"`);
    const en = await (await b.get(`/organize/newsletter/issues/${issue.id}/send`)).text();
    expect(visibleText(en)).toMatch(/Send to \d+ subscribers?\?/);
    expect(visibleText(en)).toContain(`“News ${u}” goes out now.`);
    expect(en).toContain('<input type="hidden" name="when" value="now"/>');
    const es = visibleText(await (await b.get(`/es/organize/newsletter/issues/${issue.id}/send`)).text());
    expect(es).toMatch(/¿Enviar a \d+ suscriptor(es)?\?/);
  });
});
