/**
 * Stored-links sweep: hostile links (`javascript:` in its many spellings, `data:`, `vbscript:`,
 * protocol-relative) are written straight into every stored URL of every table, as an old row or a
 * careless import would have left them, bypassing all validation. Columns are found by name in
 * information_schema, and JSON columns are walked for keys that name a link, so a module added later
 * is swept without editing this file. Then the public and admin pages are crawled in both languages.
 * Pass: every href, src and action on every page is http(s), mailto, a path on this site or a
 * fragment.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Browser, testEnv, uid, type TestEnv } from '../helpers';
import { rows } from '../../src/db/client';
import { runSeed } from '../../src/seed';
import { createSession } from '../../src/platform/auth/service';
import { ensurePerson, grantRole } from '../../src/modules/people';
import { crawl, decode, listRoutes } from './routes';

const HOSTILE = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  'java&#x09;script:alert(1)',
  'java\tscript:alert(1)',
  '&#106;avascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  ' javascript:alert(1)',
  '\tjavascript:alert(1)',
  '\njavascript:alert(1)',
  // PostgreSQL text cannot hold NUL; other control characters browsers skip can be stored.
  '\u0001javascript:alert(1)',
  '\u001fjavascript:alert(1)',
  '//evil.example/steal',
];
const LINKISH = /(url|link|href|website|photo|logo|image|avatar)/i;

let env: TestEnv;
let planted = 0;
const pages = new Map<string, string>();

/** Replaces every string under a link-like key (or the whole value, for a link-like column). */
function poison(value: unknown, keyIsLink: boolean, next: () => string): unknown {
  if (typeof value === 'string') return keyIsLink ? (planted++, next()) : value;
  if (Array.isArray(value)) return value.map((v) => poison(v, keyIsLink, next));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, LINKISH.test(k), next)]));
  return value;
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await runSeed(env.deps);
  let i = 0;
  const next = () => HOSTILE[i++ % HOSTILE.length];
  const columns = await rows<{ table_name: string; column_name: string; data_type: string }>(
    env.deps.db,
    // Tables only: the views other modules read (decision 41) show the same rows again and cannot be updated.
    sql`SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying', 'jsonb')
        ORDER BY c.table_name, c.column_name`,
  );
  for (const col of columns) {
    const table = sql.identifier(col.table_name);
    const column = sql.identifier(col.column_name);
    if (col.data_type !== 'jsonb') {
      if (!LINKISH.test(col.column_name)) continue;
      const found = await rows<{ ctid: string }>(env.deps.db, sql`SELECT ctid::text AS ctid FROM ${table} WHERE ${column} IS NOT NULL`);
      for (const r of found) {
        await env.deps.db.execute(sql`UPDATE ${table} SET ${column} = ${next()} WHERE ctid = ${r.ctid}::tid`);
        planted++;
      }
      continue;
    }
    const found = await rows<{ ctid: string; v: unknown }>(
      env.deps.db,
      sql`SELECT ctid::text AS ctid, ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`,
    );
    for (const r of found) {
      const before = planted;
      const value = poison(r.v, LINKISH.test(col.column_name), next);
      if (planted > before)
        await env.deps.db.execute(sql`UPDATE ${table} SET ${column} = ${JSON.stringify(value)}::jsonb WHERE ctid = ${r.ctid}::tid`);
    }
  }

  const starts = [
    '/',
    '/es/',
    ...listRoutes(env)
      .filter((r) => r.method === 'GET' && !r.path.startsWith('/api/') && !/[:*]/.test(r.path))
      .map((r) => r.path),
  ];
  const anonymous = new Browser(env);
  for (const [p, html] of (await crawl((p) => anonymous.get(p), [...new Set(starts)], 250)).pages) pages.set(`anonymous ${p}`, html);
  const { person } = await ensurePerson(env.deps.db, {
    email: `links-admin-${uid()}@example.org`,
    fullName: 'Links Admin',
    verified: true,
  });
  await grantRole(env.deps.db, person.id, 'admin', null);
  const admin = new Browser(env);
  admin.cookies.set('pw_session', await createSession(env.deps.db, person.id, 'sweep'));
  for (const [p, html] of (await crawl((p) => admin.get(p), [...new Set(['/admin', '/es/admin', ...starts])], 250)).pages)
    pages.set(`admin ${p}`, html);
}, 600_000);
afterAll(() => env.close());

/** Whether a link in a page is one a browser can only follow as a web, mail or same-site link. */
function harmless(tag: string, value: string): boolean {
  if (/^https?:\/\/[^/\s]/.test(value) || /^mailto:[^\s]/.test(value)) return true;
  if ((value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')) || value.startsWith('#') || value.startsWith('?'))
    return true;
  // Built by the app, not stored: the series calendar subscription, and the inline icon.
  if (value.startsWith('webcal://pathways.test/')) return true;
  if (/^<link\b[^>]*\brel="icon"/.test(tag) && value.startsWith('data:image/svg+xml,')) return true;
  return false;
}

it('plants hostile links in every stored URL, and the crawl sees the pages that show them', () => {
  expect(planted).toBeGreaterThan(40);
  expect(pages.size).toBeGreaterThan(60);
  const shown = [...pages.keys()];
  expect(shown.some((p) => /^anonymous \/jobs\/[0-9a-f-]{36}$/.test(p))).toBe(true);
  expect(shown.some((p) => /^anonymous \/events\/[^/]+$/.test(p))).toBe(true);
  expect(shown.some((p) => /^anonymous \/jobs\/agencies\/[^/]+$/.test(p))).toBe(true);
});

it('never puts a script, data or protocol-relative link in an href, src or action', () => {
  const bad: string[] = [];
  for (const [page, html] of pages) {
    for (const m of html.matchAll(/<[a-z][a-z0-9-]*\b[^>]*>/gi)) {
      for (const a of m[0].matchAll(/\s(href|src|action|formaction|poster|srcset|data)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
        const value = decode(a[2] ?? a[3] ?? '');
        if (!harmless(m[0], value)) bad.push(`${page}: ${m[0].slice(0, 160)}`);
      }
    }
  }
  expect(bad).toEqual([]);
});
