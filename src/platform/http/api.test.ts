import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, testEnv, uid, type TestEnv } from '../../../test/helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
});
afterAll(() => env.close());

describe('API bodies', () => {
  it('refuse a field the schema does not know, by name', async () => {
    const token = await apiToken(env, `unknown-${uid()}@example.org`, 'organizer');
    const body = { email: `sub-${uid()}@example.org`, language: 'en', colour: 'red' };
    const res = await api(env, 'POST', '/api/v1/subscribers', token, body);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: { code: 'validation_failed', message: expect.any(String), fields: { colour: 'Unknown field' } },
    });
    const patch = await api(env, 'PATCH', '/api/v1/me', token, { fullName: 'Ana', colour: 'rojo', size: 3 });
    expect(patch.status).toBe(422);
    expect((await patch.json()).error.fields).toEqual({ colour: 'Unknown field', size: 'Unknown field' });
  });

  it('accept a body with only known fields', async () => {
    const token = await apiToken(env, `known-${uid()}@example.org`, 'organizer');
    const res = await api(env, 'POST', '/api/v1/subscribers', token, { email: `sub-${uid()}@example.org`, language: 'en' });
    expect(res.status).toBe(201);
  });
});
