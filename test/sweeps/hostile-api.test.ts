/**
 * Hostile-input sweep of the JSON API: every endpoint in /api/openapi.json gets the Big List of Naughty
 * Strings and the hard real names in each query parameter and string field. Pass: never a 5xx; an error
 * is JSON with a code and a message; an accepted value comes back exactly (NFC, trimmed). The forms are
 * swept in hostile-input.test.ts; the two run as separate files so they run side by side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, uid, type TestEnv } from '../helpers';
import { runSeed } from '../../src/seed';
import { createApiToken } from '../../src/platform/auth/service';
import { ensurePerson, grantRole } from '../../src/modules/people';
import { HARD_NAMES, NAUGHTY, REQUEST_BUDGET, naughtyShare, stored, summary } from './hard-input';

let env: TestEnv;
let adminId = '';

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '60' });
  await runSeed(env.deps);
  const email = `hostile-api-admin-${uid()}@example.org`;
  adminId = (await ensurePerson(env.deps.db, { email, fullName: 'Hostile Admin', verified: true })).person.id;
}, 300_000);
afterAll(() => env.close());

describe('hostile-input sweep of the JSON API', () => {
  it('answers every naughty string in every JSON endpoint without a server error, with a clear JSON error', async () => {
    const doc = (await (await env.app.request('/api/openapi.json')).json()) as OpenApi;
    const problems: string[] = [];
    let requests = 0;
    await grantRole(env.deps.db, adminId, 'admin', null);
    const token = await createApiToken(env.deps.db, adminId, 'sweep');
    const countTargets = (op: OpenApi['paths'][string][string]) => {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const props = schema ? (resolve(doc, schema).properties ?? {}) : {};
      return (
        (op.parameters ?? []).filter((p) => p.in === 'query').length +
        Object.values(props).filter((s) => resolve(doc, s).type === 'string').length
      );
    };
    const planned =
      Object.values(doc.paths)
        .flatMap((item) => Object.values(item))
        .reduce((n, op) => n + countTargets(op), 0) *
      (HARD_NAMES.length + NAUGHTY.length);
    const perField = planned <= REQUEST_BUDGET;
    let opIndex = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const share = naughtyShare(opIndex++);
        const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        const props = bodySchema ? (resolve(doc, bodySchema).properties ?? {}) : {};
        const stringProps = Object.entries(props)
          .filter(([, s]) => resolve(doc, s).type === 'string')
          .map(([k]) => k);
        const targets = [...queryParams.map((p) => ({ in: 'query', name: p.name })), ...stringProps.map((name) => ({ in: 'body', name }))];
        const url = path.replace(/\{[^}]+\}/g, () => crypto.randomUUID());
        // As with forms: one field at a time within the budget, else naughty strings in all at once.
        const rounds = targets.map((t) => ({ t, values: perField ? [...HARD_NAMES, ...NAUGHTY] : HARD_NAMES, all: false }));
        if (!perField && targets.length) rounds.push({ t: targets[0], values: share, all: true });
        for (const { t, values, all } of rounds) {
          for (const value of values) {
            const chosen = all ? targets : [t];
            const query = Object.fromEntries(chosen.filter((x) => x.in === 'query').map((x) => [x.name, value]));
            const fromBody = Object.fromEntries(chosen.filter((x) => x.in === 'body').map((x) => [x.name, value]));
            const q = Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
            const body = bodySchema ? JSON.stringify({ ...(sample(doc, bodySchema) as Record<string, unknown>), ...fromBody }) : undefined;
            const send = () =>
              env.app.request(url + q, {
                method: method.toUpperCase(),
                headers: {
                  authorization: `Bearer ${token}`,
                  accept: 'application/json',
                  ...(body ? { 'content-type': 'application/json' } : {}),
                },
                body,
              });
            let res = await send();
            if (res.status === 401 || res.status === 403) {
              // An earlier value may have taken the admin's role away: give it back and ask again.
              await res.body?.cancel();
              await grantRole(env.deps.db, adminId, 'admin', null);
              res = await send();
            }
            requests++;
            const where = `${method.toUpperCase()} ${path} [${t.in} ${t.name}] = ${JSON.stringify(value.slice(0, 60))}: ${res.status}`;
            const text = await res.text();
            if (res.status >= 500) {
              problems.push(`${where} — server error`);
              continue;
            }
            if (res.status >= 400) {
              let json: { error?: { code?: string; message?: string } };
              try {
                json = JSON.parse(text);
              } catch {
                problems.push(`${where} — error is not JSON`);
                continue;
              }
              if (!json.error?.code || !json.error?.message) problems.push(`${where} — error without code and message`);
            } else if (t.in === 'body' && res.headers.get('content-type')?.includes('json')) {
              const json = JSON.parse(text) as Record<string, unknown>;
              const back = json[t.name];
              if (typeof back === 'string' && back !== stored(value) && back !== value)
                problems.push(`${where} — came back as ${JSON.stringify(back.slice(0, 40))}`);
            }
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(100);
    expect(summary(problems)).toEqual([]);
  }, 900_000);
});

interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  default?: unknown;
  minimum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface OpenApi {
  paths: Record<
    string,
    Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

function resolve(doc: OpenApi, s: Schema): Schema {
  if (s.$ref) return resolve(doc, doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {});
  if (s.anyOf?.length) return resolve(doc, s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0]);
  if (s.oneOf?.length) return resolve(doc, s.oneOf[0]);
  return s;
}

/** A valid-looking value for a schema, so only the field under attack is hostile. */
function sample(doc: OpenApi, schema: Schema): unknown {
  const s = resolve(doc, schema);
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(doc, v)]));
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'email') return `valid-${uid()}@example.org`;
      if (s.format === 'uuid') return crypto.randomUUID();
      if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      if (s.format === 'date') return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      if (s.format === 'uri' || s.format === 'url') return 'https://example.org/';
      return 'Valid value';
    default:
      return null;
  }
}
