import crypto from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { OpenAPIHono } from '@hono/zod-openapi';
import { plainVariables, type AppEnv, type Ctx, type Deps } from './platform/http/context';
import { onError, notFoundHandler } from './platform/http/errors-handler';
import { isLocale, languageRedirectFor, localePath, stripLocale, type Locale } from './platform/i18n';
import { shared } from './platform/i18n/messages';
import { allow, csrf, loadViewer } from './platform/auth/middleware';
import { apiValidationHook, completeOperations, recordRouteAccess } from './platform/http/api';
import { serveAssets } from './platform/http/assets';
import { compression } from './platform/http/compression';
import { inputGuard } from './platform/http/input-guard';
import { sameOriginPath } from './platform/http/redirect';
import { routePatternRegExp } from './platform/http/route-pattern';
import { cachedPageFastPath, publicPageCache, rememberWholeAnswers } from './platform/http/page-cache';
import { answerHeaders, redactPath, securityHeaders } from './platform/http/security-headers';
import { modules } from './modules';
import type { PathwaysModule } from './platform/module';

/** The web application; tests may hand in another module list (a module built with other hooks). */
export function createApp(deps: Deps, opts: { modules?: PathwaysModule[] } = {}) {
  const list = opts.modules ?? modules;
  for (const m of list) m.setup?.();
  const app = new Hono<AppEnv>({ strict: false });

  // Outermost: a page the cache answered is kept whole, for the server to send before the chain runs.
  app.use('*', rememberWholeAnswers);
  // First in the chain, so every answer gets them: errors, cached pages and assets included.
  app.use('*', securityHeaders({ production: deps.config.NODE_ENV === 'production' }));

  app.use('*', async (c, next) => {
    plainVariables(c);
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('deps', deps);
    c.set('db', deps.db);
    const { locale, path } = stripLocale(c.req.path);
    c.set('locale', locale);
    c.set('pagePath', path);
    c.set('t', shared.any(locale));
    c.set('viewer', null);
    c.set('csrfToken', '');
    const started = performance.now();
    await next();
    answerHeaders(c).set('x-request-id', requestId);
    deps.logger.info(
      { requestId, method: c.req.method, path: redactPath(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });

  // A public page already in the page cache is answered here, before the rest of the chain (the
  // same rules as below: anonymous, no session cookie, no language redirect due).
  app.use('*', cachedPageFastPath({ ttlSeconds: deps.config.PAGE_CACHE_SECONDS, redirects: (c) => languageRedirect(c) !== null }));
  // Pages, JSON, CSS and scripts go out compressed (brotli or gzip); built assets from memory.
  app.use('*', compression);
  app.use('/assets/*', serveAssets);

  const limitBody = bodyLimit({
    maxSize: deps.config.MAX_BODY_BYTES,
    onError: () => {
      throw new HTTPException(413);
    },
  });
  // The server hands GET and HEAD on without a body; looking for one would only make it build the
  // whole request object (about a tenth of a small answer's time).
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  app.use('*', inputGuard);

  app.get('/healthz', async (c) => {
    await c.var.db.execute('SELECT 1');
    return c.json({ status: 'ok', database: deps.database.kind === 'pglite' ? 'pglite' : 'postgres' });
  });

  app.use('*', loadViewer);
  app.use('*', csrf);

  // Language: an explicit choice (cookie) wins; otherwise the browser's Accept-Language, once.
  app.get('/language', (c) => {
    const to = c.req.query('to');
    const lang = isLocale(to) ? to : 'en';
    setCookie(c, 'lang', lang, { path: '/', maxAge: 365 * 86_400, sameSite: 'Lax' });
    return c.redirect(sameOriginPath(c.req.query('next'), deps.config.baseUrl) ?? localePath(lang, '/'), 303);
  });
  app.use('*', async (c, next) => {
    const wanted = languageRedirect(c);
    if (wanted) {
      if (!isLocale(getCookie(c, 'lang'))) setCookie(c, 'lang', wanted, { path: '/', maxAge: 365 * 86_400, sameSite: 'Lax' });
      const search = new URL(c.req.url).search;
      // `/es//evil.example` has the page path `//evil.example`: only a path on our own origin is kept.
      return c.redirect(
        sameOriginPath(localePath(wanted, c.var.pagePath) + search, deps.config.baseUrl, 4000) ?? localePath(wanted, '/'),
        302,
      );
    }
    if (c.req.method === 'GET') c.header('Vary', 'Accept-Language, Cookie');
    return next();
  });
  // Public pages for anonymous visitors are served from memory; every write clears them.
  app.use('*', publicPageCache({ ttlSeconds: deps.config.PAGE_CACHE_SECONDS }));

  const api = new OpenAPIHono<AppEnv>({ defaultHook: apiValidationHook });
  const access = recordRouteAccess(api);
  for (const m of list) m.api?.(api);
  api.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Pathways API',
      version: '1.0.0',
      license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      description:
        'JSON API of Pathways. Authenticate with `Authorization: Bearer <token>` (create one with `pathways token create EMAIL`).',
    },
    servers: [{ url: deps.config.baseUrl }],
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  completeOperations(api.openAPIRegistry, access);
  app.route('/', api);

  // Every page exists in English at `/…` and in Spanish at `/es/…`.
  for (const m of list) {
    if (!m.pages) continue;
    app.route('/', m.pages);
    app.route('/es', m.pages);
  }

  formAddressesAnswerGet(app);
  app.notFound(notFoundHandler);
  app.onError(onError);
  return app;
}

function languageRedirect(c: Ctx): Locale | null {
  return languageRedirectFor({
    method: c.req.method,
    path: c.req.path,
    accept: c.req.header('accept'),
    acceptLanguage: c.req.header('accept-language'),
    langCookie: getCookie(c, 'lang'),
  });
}

export type App = ReturnType<typeof createApp>;

/**
 * A form's error page keeps the address the form was posted to (`/es/events/x/rsvp`). Reloading it,
 * or switching language there, asks for that address with GET: where only POST answers, GET goes to
 * the page the form lives on (the address one level up) instead of a "page not found".
 */
function formAddressesAnswerGet(app: Hono<AppEnv>): void {
  const gets = new Set(app.routes.filter((r) => r.method === 'GET' || r.method === 'ALL').map((r) => r.path));
  const posts = new Set(app.routes.filter((r) => r.method === 'POST' && !r.path.startsWith('/api/')).map((r) => r.path));
  // A page route with a parameter already answers GET there (`/x/:slug/review/:id` takes `…/review/reviewers`);
  // a redirect added behind it would never run.
  const pagePatterns = app.routes.filter((r) => r.method === 'GET' && /:/.test(r.path)).map((r) => routePatternRegExp(r.path));
  for (const path of posts) {
    if (gets.has(path) || pagePatterns.some((re) => re.test(path))) continue;
    // The nearest address above it that a page answers (`/events/:slug/attendees/:id/status` → `/events/:slug/attendees`).
    const parts = path.split('/');
    let up = 1;
    while (up < parts.length - 1 && !gets.has(parts.slice(0, -up).join('/') || '/')) up++;
    if (up >= parts.length - 1) continue;
    app.get(path, allow('public'), (c) => {
      const target = c.req.path.split('/').slice(0, -up).join('/') || '/';
      return c.redirect(sameOriginPath(target, c.var.deps.config.baseUrl) ?? localePath(c.var.locale, '/'), 303);
    });
  }
}
