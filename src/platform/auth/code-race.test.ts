import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { Browser, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { outbox } from '../mail/schema';
import { signinRequests } from './schema';
import { consumeCode, requestSignIn } from './service';
import { ensurePerson } from '../../modules/people';

// Rate limits off: this is about the per-code attempt limit alone, which must hold however many
// addresses the guesses come from.
let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
});
afterAll(() => env.close());

const GUESSES = 100;

async function freshCode(): Promise<{ email: string; code: string }> {
  const email = `race-${uid()}@example.org`;
  await ensurePerson(env.deps.db, { email, fullName: 'Race Person', verified: true });
  await requestSignIn(env.deps, { email, ip: '192.0.2.1', locale: 'en' });
  const [m] = await env.deps.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt)).limit(1);
  return { email, code: /(\d{6})/.exec(m.text)![1] };
}

/** 99 wrong codes and the right one at `rightAt`. */
function guesses(code: string, rightAt: number): string[] {
  const out: string[] = [];
  let n = 0;
  while (out.length < GUESSES - 1) {
    const g = String(n++).padStart(6, '0');
    if (g !== code) out.push(g);
  }
  out.splice(rightAt, 0, code);
  return out;
}

async function attemptsOf(email: string): Promise<number> {
  const [r] = await env.deps.db.select({ attempts: signinRequests.attempts }).from(signinRequests).where(eq(signinRequests.email, email));
  return r.attempts;
}

// A query can only be sent once an earlier one has finished (PGlite runs one at a time; the test
// pool has five connections), so a guess at position 10 or later starts after at least five others
// have finished, each of which took a slot or found none left.
const LATEST_POSSIBLE_SLOT = 10;

describe('a sign-in code under 100 simultaneous guesses', () => {
  it('through the service: at most five are evaluated, and the right one placed last is refused', async () => {
    const { email, code } = await freshCode();
    const results = await Promise.all(
      guesses(code, GUESSES - 1).map((g, i) => consumeCode(env.deps, { email, code: g, ip: `198.51.100.${i}` })),
    );
    expect(results.filter(Boolean)).toHaveLength(0);
    expect(await attemptsOf(email)).toBe(5);
  });

  it('through the service, shuffled: one acceptance at most, and only from one of the first slots', async () => {
    for (let trial = 0; trial < 6; trial++) {
      const { email, code } = await freshCode();
      const rightAt = trial < 2 ? trial : Math.floor(Math.random() * GUESSES);
      const list = guesses(code, rightAt);
      const results = await Promise.all(list.map((g) => consumeCode(env.deps, { email, code: g, ip: '198.51.100.7' })));
      const accepted = results.flatMap((r, i) => (r ? [i] : []));
      expect(accepted.length).toBeLessThanOrEqual(1);
      if (accepted.length) expect(accepted[0]).toBe(rightAt);
      if (rightAt >= LATEST_POSSIBLE_SLOT) expect(accepted).toEqual([]);
      expect(await attemptsOf(email)).toBe(5);
    }
  });

  it('through the HTTP route: the right code placed last is refused and only five guesses count', async () => {
    const { email, code } = await freshCode();
    const b = new Browser(env);
    await b.get('/signin');
    const list = guesses(code, GUESSES - 1);
    const statuses = await Promise.all(list.map(async (g) => (await b.post('/signin/code', { email, code: g })).status));
    expect(statuses.every((s) => s === 422)).toBe(true);
    expect(await attemptsOf(email)).toBe(5);
    // The code is spent for good: the right one alone, afterwards, is refused too.
    expect((await b.post('/signin/code', { email, code })).status).toBe(422);
  });

  // Which five of 100 simultaneous requests take the slots is up to the scheduler: each request
  // reads its session and parses its form before it reaches the code, so the one sent first need
  // not be first there. With exactly five guesses every one gets a slot, so the right one must win.
  it('through the HTTP route: five simultaneous guesses with the right one among them sign in exactly once', async () => {
    for (const rightAt of [0, 2, 4]) {
      const { email, code } = await freshCode();
      const b = new Browser(env);
      await b.get('/signin');
      const list = guesses(code, rightAt).slice(0, 5);
      const statuses = await Promise.all(list.map(async (g) => (await b.post('/signin/code', { email, code: g })).status));
      expect(statuses.map((s, i) => (i === rightAt ? s === 303 : s === 422))).toEqual([true, true, true, true, true]);
      // A wrong guess that arrives after the right one finds the code spent and takes no slot.
      expect(await attemptsOf(email)).toBeLessThanOrEqual(5);
    }
  });

  it('through the HTTP route: the right code sent first among 100 signs in at most once, and only while slots remain', async () => {
    const { email, code } = await freshCode();
    const b = new Browser(env);
    await b.get('/signin');
    const statuses = await Promise.all(guesses(code, 0).map(async (g) => (await b.post('/signin/code', { email, code: g })).status));
    const signedIn = statuses.filter((s) => s === 303).length;
    expect(signedIn).toBeLessThanOrEqual(1);
    expect(statuses.filter((s) => s !== 303).every((s) => s === 422)).toBe(true);
    const attempts = await attemptsOf(email);
    expect(attempts).toBeLessThanOrEqual(5);
    // Refused only because five wrong guesses reached the code first, never for any other reason.
    if (signedIn === 0) expect(attempts).toBe(5);
    if (signedIn === 1) expect(statuses[0]).toBe(303);
  });
});
