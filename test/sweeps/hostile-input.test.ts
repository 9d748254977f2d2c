/**
 * Hostile-input sweep: every form a person can reach (crawled in both languages, as an anonymous
 * visitor and as an admin) gets the Big List of Naughty Strings and a list of hard real names in each
 * text field (the JSON API gets them in hostile-api.test.ts). Pass: never a 5xx; markup never comes back
 * unescaped; a refusal is a 422 with a message next to the field, keeping what was typed; an accepted
 * value comes back exactly (NFC, trimmed) where the form shows it. Forms come from the running app,
 * so every module's are swept without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, testEnv, uid, type TestEnv } from '../helpers';
import { runSeed } from '../../src/seed';
import { createSession } from '../../src/platform/auth/service';
import { ensurePerson, grantRole } from '../../src/modules/people';
import { crawl, decode, formsOf, listRoutes, type FoundForm } from './routes';
import { routePatternRegExp } from '../../src/platform/http/route-pattern';
import { HARD_NAMES, NAUGHTY, REQUEST_BUDGET, naughtyShare, stored, summary } from './hard-input';

let env: TestEnv;
let adminId = '';
let adminEmail = '';
const forms: { form: FoundForm; as: 'anonymous' | 'admin'; route: string }[] = [];

const TEXTLIKE = new Set(['text', 'email', 'search', 'url', 'tel', 'textarea', 'hidden', 'number', 'date', 'datetime-local', 'time']);
const SHOWN_BACK = new Set(['text', 'textarea', 'search']);
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

async function asAdmin(): Promise<Browser> {
  const b = new Browser(env);
  await grantRole(env.deps.db, adminId, 'admin', null);
  b.cookies.set('pw_session', await createSession(env.deps.db, adminId, 'sweep'));
  return b;
}

async function browser(as: 'anonymous' | 'admin'): Promise<Browser> {
  if (as === 'admin') return asAdmin();
  const b = new Browser(env);
  await b.get('/');
  return b;
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '60' });
  await runSeed(env.deps);
  adminEmail = `hostile-admin-${uid()}@example.org`;
  adminId = (await ensurePerson(env.deps.db, { email: adminEmail, fullName: 'Hostile Admin', verified: true })).person.id;
  const routes = listRoutes(env);
  const pageRoutes = routes.filter((r) => !r.path.startsWith('/api/'));
  const starts = [
    '/',
    '/es/',
    '/admin',
    '/es/admin',
    ...pageRoutes.filter((r) => r.method === 'GET' && !/[:*]/.test(r.path)).map((r) => r.path),
  ];
  const postPatterns = pageRoutes.filter((r) => r.method === 'POST').map((r) => ({ path: r.path, re: routePatternRegExp(r.path) }));
  for (const as of ['anonymous', 'admin'] as const) {
    const b = await browser(as);
    const { pages } = await crawl((p) => b.get(p), [...new Set(starts)], 200);
    for (const [page, html] of pages) {
      for (const form of formsOf(page, html)) {
        const action = form.action.split('?')[0];
        const route = postPatterns.find((p) => p.re.test(action))?.path ?? action;
        // /es/x and /x run the same code: sweep one of them.
        const key = `${route.replace(/^\/es(?=\/|$)/, '') || '/'} ${form.fields
          .map((f) => f.name)
          .sort()
          .join(',')}`;
        if (
          forms.some(
            (f) =>
              `${f.route.replace(/^\/es(?=\/|$)/, '') || '/'} ${f.form.fields
                .map((x) => x.name)
                .sort()
                .join(',')}` === key,
          )
        )
          continue;
        forms.push({ form, as, route });
      }
    }
  }
}, 300_000);
afterAll(() => env.close());

function defaults(form: FoundForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of form.fields) {
    if (f.name === '_csrf') continue;
    if (f.type === 'checkbox') continue;
    if (f.value) out[f.name] = f.value;
    else if (f.type === 'email' || /email/i.test(f.name)) out[f.name] = `valid-${uid()}@example.org`;
    else if (f.type === 'select') out[f.name] = f.options?.find(Boolean) ?? '';
    else if (f.type === 'hidden') out[f.name] = '';
    else out[f.name] = 'Valid value';
  }
  return out;
}

function inputValue(html: string, name: string): string | null {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const input = new RegExp(`<input\\b[^>]*\\sname="${esc}"[^>]*>`, 'i').exec(html);
  if (input) {
    const v = /\svalue="([^"]*)"/i.exec(input[0]);
    return v ? decode(v[1]) : '';
  }
  const ta = new RegExp(`<textarea\\b[^>]*\\sname="${esc}"[^>]*>([\\s\\S]*?)</textarea>`, 'i').exec(html);
  return ta ? decode(ta[1]) : null;
}

/** Markup a person typed must come back escaped, never as markup. */
function unescaped(html: string, value: string): boolean {
  return /<[a-z!/]/i.test(value) && html.includes(value);
}

describe('hostile-input sweep', () => {
  it('found the forms people use', () => {
    const actions = forms.map((f) => f.route);
    expect(actions).toContain('/signup');
    expect(actions).toContain('/account');
    expect(forms.length).toBeGreaterThanOrEqual(5);
  });

  it('answers every naughty string and hard name in every form field without a server error, escaped, clearly', async () => {
    const problems: string[] = [];
    let requests = 0;
    // Each naughty string goes into each field on its own while that stays under REQUEST_BUDGET
    // requests; past it (many modules, many fields) the hard names still go one field at a time, and each
    // form gets its share of the naughty strings (the project's own and a window of the Big List that
    // moves on from form to form) in all of its text fields at once: every string reaches some form, and
    // the sweep's time stays bounded as modules add forms.
    const textFields = (form: FoundForm) => form.fields.filter((f) => f.name !== '_csrf' && TEXTLIKE.has(f.type));
    const planned = forms.reduce((n, f) => n + textFields(f.form).length, 0) * (HARD_NAMES.length + NAUGHTY.length);
    const perField = planned <= REQUEST_BUDGET;
    for (const [i, { form, as, route }] of forms.entries()) {
      const fields = textFields(form);
      const prefilled = Object.fromEntries(form.fields.map((f) => [f.name, f.value]));
      const rounds: { field: (typeof fields)[number]; values: string[]; all: boolean }[] = fields.map((field) => ({
        field,
        values: perField ? [...HARD_NAMES, ...NAUGHTY] : HARD_NAMES,
        all: false,
      }));
      if (!perField && fields.length) rounds.push({ field: fields[0], values: naughtyShare(i), all: true });
      for (const { field, values, all } of rounds) {
        const b = await browser(as);
        for (const value of values) {
          const body = { ...defaults(form), ...(all ? Object.fromEntries(fields.map((f) => [f.name, value])) : {}), [field.name]: value };
          let res = await b.post(form.action, body);
          requests++;
          if (res.status === 403 && as === 'admin') {
            // The previous value may have ended this session (e.g. a sign-out form): start again.
            const again = await browser(as);
            res = await again.post(form.action, body);
          }
          const where = `${route} [${field.name}] = ${JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value)} as ${as}: ${res.status}`;
          const html = await res.text();
          if (res.status >= 500) {
            problems.push(`${where} — server error`);
            continue;
          }
          if (unescaped(html, value)) problems.push(`${where} — markup came back unescaped`);
          if (res.status === 422) {
            if (!/usa-error-message|usa-alert--error/.test(html)) problems.push(`${where} — refused without a message`);
            const shown = inputValue(html, field.name);
            // A wrong one-time code is cleared on purpose; everything else is kept as typed.
            if (
              SHOWN_BACK.has(field.type) &&
              field.autocomplete !== 'one-time-code' &&
              shown !== null &&
              !CONTROL.test(value) &&
              shown !== value &&
              shown !== stored(value)
            ) {
              problems.push(`${where} — did not keep what was typed (shows ${JSON.stringify(shown.slice(0, 40))})`);
            }
          } else if (res.status === 303 && SHOWN_BACK.has(field.type) && prefilled[field.name] && !CONTROL.test(value)) {
            // An edit form: what was accepted must be what the form now shows.
            const after = await (await b.get(form.page)).text();
            const shown = inputValue(after, field.name);
            if (shown !== null && shown !== stored(value))
              problems.push(`${where} — stored ${JSON.stringify(shown.slice(0, 40))}, not the value sent`);
            if (unescaped(after, value)) problems.push(`${where} — markup shown unescaped after saving`);
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(1000);
    expect(summary(problems)).toEqual([]);
  }, 900_000);

  it('answers naughty strings without a server error on form routes no crawled page links to', async () => {
    // A POST route no form reaches (a button only some records show, a form behind a state the crawl
    // did not reach) still gets the strings, under the field names forms commonly use.
    const covered = new Set(forms.map((f) => f.route.replace(/^\/es(?=\/|$)/, '') || '/'));
    const uncovered = listRoutes(env).filter(
      (r) => r.method === 'POST' && !r.path.startsWith('/api/') && !r.path.startsWith('/es/') && !covered.has(r.path),
    );
    const problems: string[] = [];
    const names = ['name', 'fullName', 'email', 'title', 'body', 'text', 'q', 'slug', 'url', 'id', 'token', 'confirm'];
    for (const [i, route] of uncovered.entries()) {
      const url = route.path.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?/g, () => crypto.randomUUID()).replace(/\*/g, 'x');
      for (const as of ['anonymous', 'admin'] as const) {
        // One browser per route and person, as an attacker keeps theirs; a fresh one only when a value
        // ended the admin's session (403), so the next value is still sent signed in.
        let b = await browser(as);
        for (const value of naughtyShare(i)) {
          const body = Object.fromEntries(names.map((n) => [n, value]));
          let res = await b.post(url, body);
          if (res.status === 403 && as === 'admin') {
            b = await browser(as);
            res = await b.post(url, body);
          }
          const html = await res.text();
          if (res.status >= 500) problems.push(`${route.path} as ${as} = ${JSON.stringify(value.slice(0, 40))}: ${res.status}`);
          else if (unescaped(html, value))
            problems.push(`${route.path} as ${as} = ${JSON.stringify(value.slice(0, 40))}: markup came back unescaped`);
        }
      }
    }
    expect(summary(problems)).toEqual([]);
  }, 900_000);

  it('refuses field names that reach a prototype on every form route, leaving Object.prototype and the next visitor untouched', async () => {
    const hostileNames = [
      '__proto__.x',
      '__proto__[x]',
      'constructor.prototype.x',
      'a.__proto__.b',
      '__proto__.pw_session',
      '__proto__.scripts',
    ];
    const session = await createSession(env.deps.db, adminId, 'victim');
    const problems: string[] = [];
    const covered = new Set(forms.map((f) => f.route.replace(/^\/es(?=\/|$)/, '') || '/'));
    const uncovered = listRoutes(env)
      .filter((r) => r.method === 'POST' && !r.path.startsWith('/api/') && !r.path.startsWith('/es/') && !covered.has(r.path))
      .map((r) => ({
        action: r.path.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?/g, () => crypto.randomUUID()).replace(/\*/g, 'x'),
        body: {} as Record<string, string>,
        as: 'admin' as const,
        route: r.path,
      }));
    const targets = [...forms.map(({ form, as, route }) => ({ action: form.action, body: defaults(form), as, route })), ...uncovered];
    for (const { action, body, as, route } of targets) {
      for (const name of hostileNames) {
        const b = await browser(as);
        const res = await b.post(action, { ...body, [name]: name.endsWith('pw_session') ? session : '<script>alert(1)</script>' });
        await res.body?.cancel();
        const where = `${route} [${name}] as ${as}: ${res.status}`;
        if (res.status >= 500) problems.push(`${where} — server error`);
        const proto = Object.prototype as Record<string, unknown>;
        for (const k of ['x', 'b', 'pw_session', 'scripts']) {
          if (k in proto) {
            problems.push(`${where} — Object.prototype.${k} was written`);
            delete proto[k];
          }
        }
        const next = await new Browser(env).get('/');
        const html = await next.text();
        if (next.status !== 200) problems.push(`${where} — next anonymous page answered ${next.status}`);
        if (html.includes('Hostile Admin') || !/href="\/signin/.test(html))
          problems.push(`${where} — next anonymous visitor is not anonymous`);
      }
    }
    expect(targets.length).toBeGreaterThan(5);
    expect(summary(problems)).toEqual([]);
  }, 900_000);
});
