import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { loadConfig } from '../../config';

let env: TestEnv;
const before = process.env.TRUST_PROXY;
beforeAll(async () => {
  env = await testEnv({ TRUST_PROXY: '1', RATE_LIMIT_SIGNIN_PER_IP: '3', RATE_LIMIT_SIGNIN_PER_EMAIL: '100' });
  // The address must come from the configuration the app was given, whatever the environment says.
  process.env.TRUST_PROXY = '1';
});
afterAll(async () => {
  if (before === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = before;
  await env.close();
});

async function signIn(forwardedFor: string) {
  const res = await new Browser(env).post('/signin', { email: `xff-${uid()}@example.org` }, { 'x-forwarded-for': forwardedFor });
  await res.arrayBuffer();
  return res.status;
}

describe('client address behind a proxy', () => {
  it('rotating the client-written (left-most) X-Forwarded-For entries does not escape the per-IP sign-in limit', async () => {
    const proxySaw = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await signIn(`198.51.100.${i + 1}, ${proxySaw}`));
    expect(statuses.slice(0, 3)).toEqual([303, 303, 303]);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
  });

  it('counts each address the proxy saw on its own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await signIn(`192.0.2.99, 100.64.${Math.floor(Math.random() * 250)}.${i + 1}`));
    expect(statuses).toEqual([303, 303, 303, 303]);
  });

  it('with two proxies takes the second address from the right', async () => {
    const two = await testEnv({ TRUST_PROXY: '2', RATE_LIMIT_SIGNIN_PER_IP: '2', RATE_LIMIT_SIGNIN_PER_EMAIL: '100' });
    try {
      const client = `198.18.${Math.floor(Math.random() * 250)}.7`;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await new Browser(two).post(
          '/signin',
          { email: `xff2-${uid()}@example.org` },
          { 'x-forwarded-for': `10.9.9.${i}, ${client}, 10.0.0.${i + 1}` },
        );
        statuses.push(res.status);
      }
      expect(statuses).toEqual([303, 303, 429]);
    } finally {
      await two.close();
    }
  });

  it('reads TRUST_PROXY as a number of proxies', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({}).TRUST_PROXY).toBe(0);
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });
});
