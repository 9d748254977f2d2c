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
    /** Set when the page cache answered: the whole answer is then remembered for the early path. */
    pageCacheAnswer?: CachedAnswer;
  };
};

export type Ctx = Context<AppEnv>;
