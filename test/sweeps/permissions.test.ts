/**
 * Permission sweep: every route of the app declares who may call it (`allow(...)`), and answers each
 * kind of person accordingly. Routes are read from the app's own route table, so routes added by any
 * module are swept without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, testEnv, uid, type TestEnv } from '../helpers';
import { runSeed } from '../../src/seed';
import { createApiToken, createSession } from '../../src/platform/auth/service';
import { ensureChapter, ensurePerson, grantRole } from '../../src/modules/people';
import type { AccessRule } from '../../src/platform/auth/middleware';
import { concretePath, crawl, hasParams, listRoutes, UNDECLARED_ON_PURPOSE, type RouteInfo } from './routes';

type Role = 'anonymous' | 'member' | 'partner' | 'otherOrganizer' | 'admin';
const ROLES: Role[] = ['anonymous', 'member', 'partner', 'otherOrganizer', 'admin'];

/** Who passes each declared rule (admins pass every rule). */
const PASSES: Record<AccessRule, Role[]> = {
  public: ROLES,
  signedIn: ['member', 'partner', 'otherOrganizer', 'admin'],
  partner: ['partner', 'admin'],
  organizer: ['otherOrganizer', 'admin'],
  admin: ['admin'],
};

let env: TestEnv;
const people: Partial<Record<Role, { id: string; email: string; grant: [string, string | null] | null }>> = {};
let known: string[] = [];

/**
 * Organizer tools that serve the whole organization rather than one chapter, so every chapter's
 * organizers share them. Everything else an organizer touches (events, career fairs) belongs to a chapter.
 */
const ORGANIZATION_WIDE: Record<string, string> = {
  '/jobs/manage': 'one regional government jobs board, curated by the organizers of every chapter',
  '/admin/jobs': 'the import feeds and tech-relevance rules of that shared board',
  '/organize/newsletter': 'one newsletter for the organization, sent to segments by chapter',
  '/organize/playbook/templates': "the network's playbook, which every chapter copies from",
};
function organizationWide(url: string): boolean {
  const path = url.replace(/^\/es(?=\/)/, '');
  return Object.keys(ORGANIZATION_WIDE).some((prefix) => path === prefix || path.startsWith(prefix + '/'));
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '60' });
  await runSeed(env.deps);
  const other = await ensureChapter(env.deps.db, { slug: `sweep-${uid()}`, name: 'Elsewhere', timeZone: 'America/Chicago' });
  const grants: Record<Exclude<Role, 'anonymous'>, [string, string | null] | null> = {
    member: null,
    partner: ['partner', 'U.S. Digital Service'],
    otherOrganizer: ['organizer', other.slug],
    admin: ['admin', null],
  };
  for (const [role, grant] of Object.entries(grants) as [Exclude<Role, 'anonymous'>, [string, string | null] | null][]) {
    const email = `${role.toLowerCase()}-${uid()}@example.org`;
    const { person } = await ensurePerson(env.deps.db, { email, fullName: `Sweep ${role}`, verified: true });
    if (grant) await grantRole(env.deps.db, person.id, grant[0] as 'admin', grant[1]);
    people[role] = { id: person.id, email, grant };
  }
  // Real URLs (so real ids for path parameters), as the admin finds them by following links.
  const admin = await browserFor('admin');
  const starts = [
    '/',
    '/admin',
    ...listRoutes(env)
      .filter((r) => r.method === 'GET' && !/[:*]/.test(r.path) && !r.path.startsWith('/api/'))
      .map((r) => r.path),
  ];
  known = (await crawl((p) => admin.get(p), [...new Set(starts)], 200)).urls;
}, 300_000);
afterAll(() => env.close());

/**
 * A fresh session (and the role granted again) each time, so a route that signs out, revokes a
 * session or revokes a role with the real ids it was given cannot spoil the calls after it.
 */
async function browserFor(role: Role): Promise<Browser> {
  const b = new Browser(env);
  await b.get('/');
  if (role !== 'anonymous') b.cookies.set('pw_session', await createSession(env.deps.db, (await regrant(role)).id, 'sweep'));
  return b;
}

async function regrant(role: Exclude<Role, 'anonymous'>) {
  const p = people[role]!;
  if (p.grant) await grantRole(env.deps.db, p.id, p.grant[0] as 'admin', p.grant[1]);
  return p;
}

async function call(route: RouteInfo, url: string, role: Role): Promise<Response> {
  const method = route.method;
  if (route.path.startsWith('/api/')) {
    const token = role === 'anonymous' ? undefined : await createApiToken(env.deps.db, (await regrant(role)).id, 'sweep');
    return env.app.request(url, {
      method,
      headers: { accept: 'application/json', 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
    });
  }
  const b = await browserFor(role);
  if (method === 'GET') return b.get(url);
  return b.post(url, {});
}

/** Did the answer refuse this person for who they are (not for what they sent)? */
function refusal(route: RouteInfo, res: Response, role: Role): 'signin' | 'forbidden' | null {
  const api = route.path.startsWith('/api/');
  if (res.status === 401) return 'signin';
  if (!api && res.status === 303 && /^\/(es\/)?signin\?next=/.test(res.headers.get('location') ?? '')) return 'signin';
  if (res.status === 403) return role === 'anonymous' && !api && route.method !== 'GET' ? 'signin' : 'forbidden';
  return null;
}

describe('permission sweep', () => {
  it('every route declares who may call it', () => {
    const routes = listRoutes(env);
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((r) => !r.access && !UNDECLARED_ON_PURPOSE[`${r.method} ${r.path}`]).map((r) => `${r.method} ${r.path}`);
    expect(missing, `routes without allow(...): add one as their first middleware`).toEqual([]);
    // The whitelist names only routes that exist, so it cannot grow stale silently.
    const keys = new Set(env.app.routes.map((r) => `${r.method} ${r.path}`));
    for (const k of Object.keys(UNDECLARED_ON_PURPOSE)) expect(keys, k).toContain(k);
  });

  it('answers anonymous people, members, partners, organizers of another chapter and admins as declared', async () => {
    const problems: string[] = [];
    const routes = listRoutes(env).filter((r) => r.access && ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    const literal = new Set(routes.filter((r) => !hasParams(r.path)).map((r) => r.path));
    let calls = 0;
    for (const route of routes) {
      const { url, realIds } = concretePath(route.path, known, literal);
      for (const role of ROLES) {
        const res = await call(route, url, role);
        await res.arrayBuffer();
        calls++;
        const where = `${route.method} ${url} (declared ${route.access}) as ${role}: ${res.status} ${res.headers.get('location') ?? ''}`;
        if (res.status >= 500) {
          problems.push(`${where} — server error`);
          continue;
        }
        const refused = refusal(route, res, role);
        const passes = PASSES[route.access!].includes(role);
        if (!passes) {
          const expected = role === 'anonymous' ? 'signin' : 'forbidden';
          if (refused !== expected) problems.push(`${where} — expected ${expected === 'signin' ? '401 / sign-in redirect' : '403'}`);
        } else if (refused === 'signin') {
          problems.push(`${where} — sent to sign in although the route allows ${role}`);
        } else if (refused === 'forbidden' && role === 'admin' && route.method === 'GET') {
          problems.push(`${where} — admins may see everything`);
        } else if (
          route.access === 'organizer' &&
          role === 'otherOrganizer' &&
          realIds &&
          res.status < 400 &&
          !organizationWide(url) &&
          // The crawl may have found the other chapter's own page (a chapter's playbook copies): theirs to see.
          !url.split('/').includes(people.otherOrganizer!.grant![1]!)
        ) {
          // A record of the Los Angeles chapter must stay out of reach of another chapter's organizer.
          problems.push(`${where} — an organizer of another chapter reached a Los Angeles record`);
        }
      }
    }
    expect(calls).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  }, 600_000);
});
