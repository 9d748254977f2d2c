import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { Database, Db } from '../../db/client';
import type { Locale, Translate } from '../i18n';
import type { Mailer } from '../mail/mailer';
import type { Identity } from '../auth/identity';
import type { CachedAnswer } from './page-cache';

/** A role name as the module that defines roles spells it; the platform only compares strings. */
export interface Grant {
  role: string;
  scope: string | null;
}

export interface Viewer {
  id: string;
  email: string;
  fullName: string;
  preferredName: string | null;
  language: Locale;
  grants: Grant[];
  sessionId: string | null;
  /** Set when the request came with an API token rather than a browser session. */
  viaToken: boolean;
}

export interface Deps {
  database: Database;
  db: Db;
  config: Config;
  mailer: Mailer;
  secret: Uint8Array;
  logger: Logger;
  /** The person behind an account, supplied by the composition root. */
  identity: Identity;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    db: Db;
    locale: Locale;
    /** Shared strings (layout, errors, forms) in the request's language. */
    t: Translate;
    /** The path without its `/es` prefix: the same page in any language. */
    pagePath: string;
    viewer: Viewer | null;
    csrfToken: string;
    requestId: string;
    /** Set by `noPublicCache(c)`: this answer is for this visitor only. */
    noPublicCache?: boolean;
    /** Set by `keepPublicFile(c)`: a public non-HTML answer the page cache may keep. */
    publicFile?: boolean;
    /** Set when the page cache answered: the whole answer is then remembered for the early path. */
    pageCacheAnswer?: CachedAnswer;
  };
};

export type Ctx = Context<AppEnv>;

/**
 * Makes `c.var` a plain object that `c.set` keeps up to date. Hono's `c.var` copies every variable of
 * the request into a new object on each read, and a page reads it dozens of times (its layout, forms
 * and formatters): about a twentieth of an uncached page's time. `c.get` and `c.set` work as before.
 */
export function plainVariables(c: Ctx): void {
  const vars: Record<string, unknown> = { ...c.var };
  const set = c.set;
  c.set = ((key: string, value: unknown) => {
    vars[key] = value;
    set(key as never, value as never);
  }) as Ctx['set'];
  Object.defineProperty(c, 'var', { value: vars });
}
