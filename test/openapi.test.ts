import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, testEnv, uid, type TestEnv } from './helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

type Operation = { operationId?: string; security?: Record<string, string[]>[] };
async function document() {
  return (await (await env.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
}

describe('API manners', () => {
  it('every operation has a unique operationId and states its security; public ones declare none needed', async () => {
    const doc = await document();
    const ids: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
        ids.push(op.operationId!);
        expect(Array.isArray(op.security), `${method} ${path}`).toBe(true);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/v1/events'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/events'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/v1/events'].get.operationId).toBe('getEvents');
    expect(doc.paths['/api/v1/newsletter/webhooks/bounces'].post.security).toEqual([]);
  });

  it('a 401 says which scheme to use (RFC 9110), and why a token was refused (RFC 6750)', async () => {
    const none = await api(env, 'POST', '/api/v1/events', undefined, {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="pathways"');
    const bad = await api(env, 'POST', '/api/v1/events', 'not-a-token', {});
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer realm="pathways", error="invalid_token"');
  });

  it('answers never carry a raw message key', async () => {
    const token = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
    const res = await api(env, 'POST', '/api/v1/subscribers', token, { email: `k-${uid()}@example.org`, language: 'en', confirmed: true });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toMatch(/"[a-z]+\.(?:errors|error|validation)\.[A-Za-z.]+"/);
    expect(text).toContain('consent');
  });

  it('passes the Redocly linter (recommended rules) with no errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(await document()));
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const run = spawnSync(
      process.execPath,
      [cli, 'lint', file, '--format=json', '--config', path.join(import.meta.dirname, '..', 'redocly.yaml')],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        timeout: 120_000,
      },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string }[];
    };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(run.status).toBe(0);
  }, 150_000);
});
