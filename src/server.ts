import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { App } from './app';
import type { Deps } from './platform/http/context';
import { languageRedirectFor, type LanguageRequest } from './platform/i18n';
import { answerEarly } from './platform/http/page-cache';
import { redactPath } from './platform/http/security-headers';

/**
 * The HTTP server around the app. A public page the cache already holds, asked for by an anonymous
 * visitor, is sent from the request listener itself, byte for byte as the app last sent it, before the
 * framework builds a request (decision 37); everything else goes to the app.
 */
export function createHttpServer(app: App, deps: Deps): Server {
  const toApp = getRequestListener(app.fetch);
  const early = {
    ttlSeconds: deps.config.PAGE_CACHE_SECONDS,
    redirects: (r: LanguageRequest) => languageRedirectFor(r) !== null,
    answered: (requestId: string, path: string, ms: number) =>
      deps.logger.info({ requestId, method: 'GET', path: redactPath(path), status: 200, ms: Math.round(ms) }, 'request'),
  };
  return createServer((req, res) => {
    if (!answerEarly(req, res, early)) void toApp(req, res);
  });
}
