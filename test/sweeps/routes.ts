/**
 * What the sweeps share: the app's route table with each route's declared access, and a crawler that
 * finds real URLs (and so real ids) and forms by following links, as a person would.
 */
import type { AccessRule } from '../../src/platform/auth/middleware';
import type { TestEnv } from '../helpers';
import { routePatternRegExp } from '../../src/platform/http/route-pattern';

export interface RouteInfo {
  method: string;
  path: string;
  access: AccessRule | null;
}

/**
 * Routes that deliberately carry no `allow()`, each with the reason. Anything else without a
 * declaration fails the permission sweep.
 */
export const UNDECLARED_ON_PURPOSE: Record<string, string> = {
  'GET /healthz': 'health check for load balancers and uptime monitors; answers only ok and the database kind',
  'GET /language': 'sets the language cookie and redirects; reads and reveals nothing',
  'GET /api/openapi.json': 'the public description of the API; no data',
  'ALL /assets/*': 'built CSS, scripts and icons',
};

type Handler = ((...args: unknown[]) => unknown) & { access?: AccessRule };

/**
 * Every route (method + path) with the access its handlers declare: an `allow()` in the route's own
 * chain, or one on a `use()` middleware covering the path.
 */
export function listRoutes(env: TestEnv): RouteInfo[] {
  const byKey = new Map<string, RouteInfo>();
  const scoped: { re: RegExp; access: AccessRule }[] = [];
  for (const r of env.app.routes) {
    const access = (r.handler as Handler).access ?? null;
    if (r.method === 'ALL') {
      if (access) scoped.push({ re: routePatternRegExp(r.path), access });
      if (UNDECLARED_ON_PURPOSE[`ALL ${r.path}`] || !access) continue;
    }
    const key = `${r.method} ${r.path}`;
    const known = byKey.get(key);
    if (!known) byKey.set(key, { method: r.method, path: r.path, access });
    else if (!known.access && access) known.access = access;
  }
  for (const r of byKey.values()) {
    if (!r.access) r.access = scoped.find((s) => s.re.test(r.path))?.access ?? null;
  }
  return [...byKey.values()];
}

export function hasParams(path: string): boolean {
  return /[:*]/.test(path);
}

/**
 * The route path with each parameter replaced: from a crawled URL that matches it, else a random uuid.
 * A crawled URL that is itself a literal route (`/events/new` for `/events/:slug`) belongs to that
 * route, not to this one, so it is not used.
 */
export function concretePath(path: string, known: string[], literal: Set<string> = new Set()): { url: string; realIds: boolean } {
  if (!hasParams(path)) return { url: path, realIds: false };
  const re = routePatternRegExp(path);
  const found = known.find((u) => {
    const bare = u.split('?')[0];
    return re.test(bare) && !literal.has(bare.replace(/^\/es(?=\/)/, ''));
  });
  if (found) return { url: found.split('?')[0], realIds: true };
  const url = path.replace(/:[A-Za-z0-9_]+(\{((?:[^{}]|\{[^{}]*\})*)\})?/g, () => crypto.randomUUID()).replace(/\*/g, crypto.randomUUID());
  return { url, realIds: false };
}

export interface FormField {
  name: string;
  type: string;
  value: string;
  options?: string[];
  autocomplete?: string;
}
export interface FoundForm {
  page: string;
  action: string;
  fields: FormField[];
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag) ?? new RegExp(`\\s${name}\\s*=\\s*'([^']*)'`, 'i').exec(tag);
  return m ? decode(m[1]) : null;
}

export function decode(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** Every <form method="post"> of a page, with its named fields and their current values. */
export function formsOf(page: string, html: string): FoundForm[] {
  const out: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, attrs, inner] = m;
    if ((attr(`<form ${attrs}`, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const action = attr(`<form ${attrs}`, 'action') ?? page;
    const fields: FormField[] = [];
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input[0], 'name');
      if (!name) continue;
      const type = (attr(input[0], 'type') ?? 'text').toLowerCase();
      if (type === 'radio' && fields.some((f) => f.name === name)) continue;
      if (type === 'checkbox' || type === 'radio') {
        fields.push({ name, type, value: attr(input[0], 'value') ?? 'on' });
      } else fields.push({ name, type, value: attr(input[0], 'value') ?? '', autocomplete: attr(input[0], 'autocomplete') ?? undefined });
    }
    for (const ta of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attr(`<textarea ${ta[1]}`, 'name');
      if (name) fields.push({ name, type: 'textarea', value: decode(ta[2]) });
    }
    for (const sel of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(`<select ${sel[1]}`, 'name');
      if (!name) continue;
      const options = [...sel[2].matchAll(/<option\b[^>]*>/gi)].map((o) => attr(o[0], 'value') ?? '');
      const selected = /<option\b[^>]*\sselected[^>]*>/i.exec(sel[2]);
      fields.push({ name, type: 'select', value: selected ? (attr(selected[0], 'value') ?? '') : (options.find(Boolean) ?? ''), options });
    }
    out.push({ page, action: action.replace(/#.*$/, ''), fields });
  }
  return out;
}

export function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<(?:a|form)\b[^>]*\s(?:href|action)="([^"]+)"/gi)) {
    const h = decode(m[1]);
    if (h.startsWith('/') && !h.startsWith('//') && !h.startsWith('/assets/') && !h.startsWith('/language')) out.push(h.split('#')[0]);
  }
  return out;
}

/** Follows links from `starts` with `get` (a Browser's, so as that person), breadth first. */
export async function crawl(
  get: (path: string) => Promise<Response>,
  starts: string[],
  limit = 150,
): Promise<{ urls: string[]; pages: Map<string, string> }> {
  const seen = new Set<string>(starts);
  const queue = [...starts];
  const pages = new Map<string, string>();
  const urls: string[] = [];
  while (queue.length && pages.size < limit) {
    const p = queue.shift()!;
    const res = await get(p);
    urls.push(p);
    if (res.status !== 200 || !(res.headers.get('content-type') ?? '').includes('text/html')) {
      await res.arrayBuffer();
      continue;
    }
    const html = await res.text();
    pages.set(p, html);
    for (const link of linksOf(html)) {
      if (seen.has(link)) continue;
      seen.add(link);
      urls.push(link);
      // Downloads, sign-out and such are not pages; only follow what looks like one.
      if (!/\/(export|signout|delete|revoke)(\/|$|\?)/.test(link)) queue.push(link);
    }
  }
  return { urls: [...new Set(urls)], pages };
}
