import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client';
import type { Config } from '../../config';
import type { Locale } from '../i18n';
import { localePath } from '../i18n';
import type { Mailer } from '../mail/mailer';
import { hit } from '../http/rate-limit';
import type { Grant, Viewer } from '../http/context';
import { findPersonByEmail, markEmailVerified } from '../../modules/people/service';

import { apiTokens, sessions, signinRequests } from './schema';
import { hashCode, hashToken, randomCode, randomToken, safeEqual } from './tokens';
import { signinEmail } from './emails';
import { sameOriginPath } from '../http/redirect';

export const SIGNIN_TTL_MINUTES = 15;
export const SESSION_DAYS = 30;
const MAX_CODE_ATTEMPTS = 5;

export interface AuthDeps {
  db: Db;
  config: Config;
  mailer: Mailer;
  secret: Uint8Array;
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
  const { db, config, mailer, secret } = deps;
  const email = input.email.trim();
  await hit(db, { key: `signin:ip:${input.ip}`, limit: config.RATE_LIMIT_SIGNIN_PER_IP, windowSeconds: 900, enabled: config.RATE_LIMITS });
  await hit(db, {
    key: `signin:email:${email.toLowerCase()}`,
    limit: config.RATE_LIMIT_SIGNIN_PER_EMAIL,
    windowSeconds: 900,
    enabled: config.RATE_LIMITS,
  });
  const person = await findPersonByEmail(db, email);
  const language: Locale = person && !person.deletedAt ? (person.language as Locale) : input.locale;
  if (!person || person.deletedAt) {
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
export async function consumeLink(db: Db, token: string): Promise<{ personId: string; next: string | null } | null> {
  const [req] = await db
    .update(signinRequests)
    .set({ usedAt: new Date() })
    .where(and(eq(signinRequests.tokenHash, hashToken(token)), isNull(signinRequests.usedAt), gt(signinRequests.expiresAt, new Date())))
    .returning();
  if (!req) return null;
  return finish(db, req.email, req.next);
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
    if (req) return finish(db, req.email, req.next);
  }
  return null;
}

async function finish(db: Db, email: string, next: string | null) {
  const person = await findPersonByEmail(db, email);
  if (!person || person.deletedAt) return null;
  await markEmailVerified(db, person.id);
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

type ViewerRow = {
  id: string;
  email: string;
  full_name: string;
  preferred_name: string | null;
  language: Locale;
  grants: Grant[] | null;
  session_id: string | null;
  stale: boolean;
};

function toViewer(r: ViewerRow, viaToken: boolean): Viewer {
  return {
    id: r.id,
    email: r.email,
    fullName: r.full_name,
    preferredName: r.preferred_name,
    language: r.language,
    grants: r.grants ?? [],
    sessionId: r.session_id,
    viaToken,
  };
}

const grantsJson = sql`(SELECT json_agg(json_build_object('role', g.role, 'scope', g.scope)) FROM role_grants g WHERE g.person_id = p.id)`;

/** The signed-in person and their roles in one query; refreshes "last seen" at most every 5 minutes. */
export async function viewerFromSession(db: Db, token: string): Promise<Viewer | null> {
  const [r] = await rows<ViewerRow>(
    db,
    sql`SELECT p.id, p.email, p.full_name, p.preferred_name, p.language, ${grantsJson} AS grants,
               s.id AS session_id, s.last_seen_at < now() - interval '5 minutes' AS stale
        FROM sessions s JOIN people p ON p.id = s.person_id
        WHERE s.token_hash = ${hashToken(token)} AND s.revoked_at IS NULL AND s.expires_at > now() AND p.deleted_at IS NULL`,
  );
  if (!r) return null;
  if (r.stale)
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date() })
      .where(eq(sessions.id, r.session_id as string));
  return toViewer(r, false);
}

/**
 * The person behind a live API token (not revoked, not expired). "Last used" is written at most once a
 * minute per token: a script calling many times a second must not turn every read into a write.
 */
export async function viewerFromApiToken(db: Db, token: string): Promise<Viewer | null> {
  const [r] = await rows<ViewerRow & { token_id: string }>(
    db,
    sql`SELECT p.id, p.email, p.full_name, p.preferred_name, p.language, ${grantsJson} AS grants,
               NULL AS session_id, t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute' AS stale, t.id AS token_id
        FROM api_tokens t JOIN people p ON p.id = t.person_id
        WHERE t.token_hash = ${hashToken(token)} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
          AND p.deleted_at IS NULL`,
  );
  if (!r) return null;
  if (r.stale) {
    // Conditional, so concurrent first calls in the same minute write once.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(apiTokens.id, r.token_id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(Date.now() - 60_000)))));
  }
  return toViewer(r, true);
}

/** A bearer token for scripts. Shown once; only its hash is kept. Expires after `expiresDays` if given. */
export async function createApiToken(db: Db, email: string, label = 'cli', opts: { expiresDays?: number } = {}): Promise<string> {
  const person = await findPersonByEmail(db, email);
  if (!person || person.deletedAt) throw new Error(`No person with the email ${email}`);
  const token = `pw_${randomToken()}`;
  const expiresAt = opts.expiresDays ? new Date(Date.now() + opts.expiresDays * 86_400_000) : null;
  await db.insert(apiTokens).values({ personId: person.id, label, tokenHash: hashToken(token), expiresAt });
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
