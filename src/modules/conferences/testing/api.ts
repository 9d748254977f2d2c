import { afterAll, beforeAll } from 'vitest';
import { api, apiToken, testEnv, uid, type TestEnv } from '../../../../test/helpers';

/** A time `days` (and `hours`) from now. */
export const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);
export const iso = (d: Date) => d.toISOString();
export const json = async (r: Response) => (await r.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The conferences API tests' common ground: one app (rate limits off) and an organizer's token for the
 * file, and `newConference`, which posts a published conference with the file's own defaults and any
 * fields the test changes. `fx.env` and `fx.org` are set before the first test.
 */
export function conferenceFixture(defaults: (acronym: string) => Record<string, unknown>) {
  const fx = {
    env: undefined as unknown as TestEnv,
    org: '',
    async newConference<T = Record<string, unknown>>(over: Record<string, unknown> = {}): Promise<T & { slug: string; acronym: string }> {
      const acronym = `c_${uid()}`;
      const r = await api(fx.env, 'POST', '/api/v1/conferences', fx.org, {
        acronym,
        timeZone: 'America/Los_Angeles',
        status: 'published',
        ...defaults(acronym),
        ...over,
      });
      if (r.status !== 201) throw new Error(`POST /api/v1/conferences: ${r.status} ${await r.text()}`);
      return (await json(r)) as T & { slug: string; acronym: string };
    },
  };
  beforeAll(async () => {
    fx.env = await testEnv({ RATE_LIMITS: 'off' });
    fx.org = await apiToken(fx.env, `org-${uid()}@example.org`, 'organizer');
  });
  afterAll(async () => fx.env.close());
  return fx;
}
