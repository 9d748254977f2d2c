import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { prepared } from '../../db/prepared';
import type { Config } from '../../config';
import type { Locale } from '../i18n';
import { localePath } from '../i18n';
import type { Mailer } from '../mail/mailer';
import { hit } from '../http/rate-limit';
import type { Viewer } from '../http/context';
import type { Identity, ViewerProfile } from './identity';
import { apiTokens, sessions, signinRequests } from './schema';
import { hashCode, hashToken, randomCode, randomToken, safeEqual } from './tokens';
import { signinEmail } from './emails';
import { sameOriginPath } from '../http/redirect';

const SIGNIN_TTL_MINUTES = 15;
export const SESSION_DAYS = 30;
const MAX_CODE_ATTEMPTS = 5;

export interface AuthDeps {
  db: Db;
  config: Config;
  mailer: Mailer;
  secret: Uint8Array;
  identity: Identity;
}

/** Only paths on our own origin: a sign-in link must never send someone to another site. */
export function safeNext(next: string | undefined | null, baseUrl: string): string | null {
  return sameOriginPath(next, baseUrl);
}

/**
 * Emails a one-time link and a six-digit code. For an address with no account the email says so and
 * offers sign-up, so this page never reveals who has an account.
 */
export async function requestSignIn(
  deps: AuthDeps,
  input: { email: string; ip: string; locale: Locale; next?: string | null },
): Promise<void> {
  const { db, config, mailer, secret, identity } = deps;
  const email = input.email.trim();
  await hit(db, { key: `signin:ip:${input.ip}`, limit: config.RATE_LIMIT_SIGNIN_PER_IP, windowSeconds: 900, enabled: config.RATE_LIMITS });
  await hit(db, {
    key: `signin:email:${email.toLowerCase()}`,
    limit: config.RATE_LIMIT_SIGNIN_PER_EMAIL,
    windowSeconds: 900,
    enabled: config.RATE_LIMITS,
  });
  const person = await identity.findByEmail(db, email);
  const language: Locale = person ? person.language : input.locale;
  if (!person) {
    await mailer.send(
      signinEmail({ config, to: email, locale: language, kind: 'noAccount', signupUrl: config.baseUrl + localePath(language, '/signup') }),
    );
    return;
  }
  const token = randomToken();
  const code = randomCode();
  await db.insert(signinRequests).values({
    email,
    tokenHash: hashToken(token),
    codeHash: hashCode(secret, email, code),
    next: safeNext(input.next, config.baseUrl),
    expiresAt: new Date(Date.now() + SIGNIN_TTL_MINUTES * 60_000),
  });
  const link = `${config.baseUrl}${localePath(language, '/signin/verify')}?token=${encodeURIComponent(token)}`;
  await mailer.send(
    signinEmail({
      config,
      to: person.email ?? email,
      locale: language,
      kind: 'signin',
      link,
      code,
      name: person.preferredName || person.fullName,
    }),
  );
}

/** Spends a link token: one conditional update, so a link works once even if clicked twice at once. */
export async function consumeLink(
  deps: Pick<AuthDeps, 'db' | 'identity'>,
  token: string,
): Promise<{ personId: string; next: string | null } | null> {
  const { db } = deps;
  const [req] = await db
    .update(signinRequests)
    .set({ usedAt: new Date() })
    .where(and(eq(signinRequests.tokenHash, hashToken(token)), isNull(signinRequests.usedAt), gt(signinRequests.expiresAt, new Date())))
    .returning();
  if (!req) return null;
  return finish(deps, req.email, req.next);
}

/**
 * Spends a code typed by hand. Each guess first takes one of the five attempt slots of every open
 * request for the address in a single conditional update, and only guesses that got a slot are
 * compared. Reading the count and counting in two statements let many simultaneous guesses all pass
 * the check before any was counted, which made the six-digit code guessable by racing.
 */
export async function consumeCode(
  deps: AuthDeps,
  input: { email: string; code: string; ip: string },
): Promise<{ personId: string; next: string | null } | null> {
  const { db, secret, config } = deps;
  const email = input.email.trim();
  await hit(db, {
    key: `code:ip:${input.ip}`,
    limit: config.RATE_LIMIT_SIGNIN_PER_IP * 2,
    windowSeconds: 900,
    enabled: config.RATE_LIMITS,
  });
  const code = input.code.replace(/\D/g, '');
  const slots = await db
    .update(signinRequests)
    .set({ attempts: sql`${signinRequests.attempts} + 1` })
    .where(
      and(
        eq(signinRequests.email, email),
        isNull(signinRequests.usedAt),
        gt(signinRequests.expiresAt, new Date()),
        lt(signinRequests.attempts, MAX_CODE_ATTEMPTS),
      ),
    )
    .returning({ id: signinRequests.id, email: signinRequests.email, codeHash: signinRequests.codeHash });
  const guess = hashCode(secret, email, code);
  for (const slot of slots) {
    if (!safeEqual(slot.codeHash, guess)) continue;
    // Conditional, so two right guesses in the same instant cannot both sign in.
    const [req] = await db
      .update(signinRequests)
      .set({ usedAt: new Date() })
      .where(and(eq(signinRequests.id, slot.id), isNull(signinRequests.usedAt)))
      .returning({ email: signinRequests.email, next: signinRequests.next });
    if (req) return finish(deps, req.email, req.next);
  }
  return null;
}

async function finish(deps: Pick<AuthDeps, 'db' | 'identity'>, email: string, next: string | null) {
  const { db, identity } = deps;
  const person = await identity.findByEmail(db, email);
  if (!person) return null;
  await identity.markEmailVerified(db, person.id);
  return { personId: person.id, next };
}

export async function createSession(db: Db, personId: string, userAgent?: string | null): Promise<string> {
  const token = randomToken();
  await db.insert(sessions).values({
    personId,
    tokenHash: hashToken(token),
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
  });
  return token;
}

export async function revokeSession(db: Db, personId: string, sessionId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), eq(sessions.personId, personId)));
}

export async function listSessions(db: Db, personId: string) {
  return db
    .select({ id: sessions.id, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
}

function toViewer(p: ViewerProfile, sessionId: string | null, viaToken: boolean): Viewer {
  return { ...p, sessionId, viaToken };
}

/** The signed-in person and their roles; refreshes "last seen" at most every 5 minutes. */
export async function viewerFromSession(deps: Pick<AuthDeps, 'db' | 'identity'>, token: string): Promise<Viewer | null> {
  const { db, identity } = deps;
  // On every signed-in request: built once, and a prepared statement on PostgreSQL (decision 58).
  const [s] = await prepared(db, 'auth.session', (db) =>
    db
      .select({ id: sessions.id, personId: sessions.personId, stale: sql<boolean>`${sessions.lastSeenAt} < now() - interval '5 minutes'` })
      .from(sessions)
      .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`)),
  ).execute({ hash: hashToken(token) });
  if (!s) return null;
  const profile = await identity.loadViewer(db, s.personId);
  if (!profile) return null;
  if (s.stale) await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, s.id));
  return toViewer(profile, s.id, false);
}

/**
 * The person behind a live API token (not revoked, not expired). "Last used" is written at most once a
 * minute per token: a script calling many times a second must not turn every read into a write.
 */
export async function viewerFromApiToken(deps: Pick<AuthDeps, 'db' | 'identity'>, token: string): Promise<Viewer | null> {
  const { db, identity } = deps;
  const [t] = await prepared(db, 'auth.apiToken', (db) =>
    db
      .select({
        id: apiTokens.id,
        personId: apiTokens.personId,
        stale: sql<boolean>`${apiTokens.lastUsedAt} IS NULL OR ${apiTokens.lastUsedAt} < now() - interval '1 minute'`,
      })
      .from(apiTokens)
      .where(
        and(
          eq(apiTokens.tokenHash, sql.placeholder('hash')),
          isNull(apiTokens.revokedAt),
          sql`(${apiTokens.expiresAt} IS NULL OR ${apiTokens.expiresAt} > now())`,
        ),
      ),
  ).execute({ hash: hashToken(token) });
  if (!t) return null;
  const profile = await identity.loadViewer(db, t.personId);
  if (!profile) return null;
  if (t.stale) {
    // Conditional, so concurrent first calls in the same minute write once.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(apiTokens.id, t.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(Date.now() - 60_000)))));
  }
  return toViewer(profile, null, true);
}

/**
 * A bearer token for scripts, for the person with this id (the caller has found them). Shown once; only
 * its hash is kept. Expires after `expiresDays` if given.
 */
export async function createApiToken(db: Db, personId: string, label = 'cli', opts: { expiresDays?: number } = {}): Promise<string> {
  const token = `pw_${randomToken()}`;
  const expiresAt = opts.expiresDays ? new Date(Date.now() + opts.expiresDays * 86_400_000) : null;
  await db.insert(apiTokens).values({ personId, label, tokenHash: hashToken(token), expiresAt });
  return token;
}

export interface ApiTokenInfo {
  id: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Every token of a person, newest first, revoked and expired ones included (never the secret). */
export async function listApiTokens(db: Db, personId: string): Promise<ApiTokenInfo[]> {
  return db
    .select({
      id: apiTokens.id,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.personId, personId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes a token by id (of anyone, for admins and the CLI; of one person when `personId` is given). */
export async function revokeApiToken(db: Db, id: string, personId?: string): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
  const where = personId ? and(eq(apiTokens.id, id), eq(apiTokens.personId, personId)) : eq(apiTokens.id, id);
  const done = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(where)
    .returning({ id: apiTokens.id });
  return done.length > 0;
}
