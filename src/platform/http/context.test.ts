import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { plainVariables, type AppEnv } from './context';

describe('plainVariables', () => {
  it('keeps c.var the same object, current with every c.set, and c.get as it was', async () => {
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('requestId', 'before');
      plainVariables(c);
      c.set('locale', 'en');
      await next();
    });
    app.get('/', (c) => {
      const vars = c.var;
      const seen = [vars.requestId, vars.locale];
      c.set('locale', 'es');
      return c.json({ seen, after: c.var.locale, got: c.get('locale'), same: vars === c.var, kept: c.get('requestId') });
    });
    const res = await app.request('/');
    expect(await res.json()).toEqual({ seen: ['before', 'en'], after: 'es', got: 'es', same: true, kept: 'before' });
  });
});
