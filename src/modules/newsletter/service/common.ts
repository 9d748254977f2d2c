import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Deps } from '../../../platform/http/context';
import { expiredLink, signLink, verifyLink } from '../../../platform/auth/tokens';
import { settings } from '../../../platform/settings/schema';
import { zonedToUtc } from '../../../platform/time';

/** Suppression rows are keyed by this, so an opt-out outlives the erased address. */
export function emailHash(email: string): string {
  return crypto.createHash('sha256').update(email.normalize('NFC').trim().toLowerCase()).digest('hex');
}

export interface NewsletterSettings {
  /** Global switch: off means no pixel and no tracked links in any issue. */
  tracking: boolean;
  /** Messages per second the sender may hand to the mail server. */
  ratePerSecond: number;
  /** How long a claimed batch is held before another worker may take it back. */
  leaseSeconds: number;
}

const DEFAULTS: NewsletterSettings = { tracking: true, ratePerSecond: 50, leaseSeconds: 60 };
const KEYS = { tracking: 'newsletter.tracking', ratePerSecond: 'newsletter.ratePerSecond', leaseSeconds: 'newsletter.leaseSeconds' };

export async function getSettings(db: Db): Promise<NewsletterSettings> {
  const found = await db
    .select()
    .from(settings)
    .where(inArray(settings.key, Object.values(KEYS)));
  const map = new Map(found.map((r) => [r.key, r.value]));
  const num = (k: string, d: number) => {
    const v = Number(map.get(k));
    return Number.isFinite(v) && v > 0 ? v : d;
  };
  return {
    tracking: map.has(KEYS.tracking) ? map.get(KEYS.tracking) === 'on' : DEFAULTS.tracking,
    ratePerSecond: num(KEYS.ratePerSecond, DEFAULTS.ratePerSecond),
    leaseSeconds: num(KEYS.leaseSeconds, DEFAULTS.leaseSeconds),
  };
}

export async function saveSettings(db: Db, input: Partial<NewsletterSettings>): Promise<void> {
  for (const [k, v] of Object.entries(input) as [keyof NewsletterSettings, unknown][]) {
    if (v === undefined) continue;
    const value = typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
    await db
      .insert(settings)
      .values({ key: KEYS[k], value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  }
}

/**
 * Links in emails: manage preferences / unsubscribe (a year, so unsubscribing from an old issue keeps
 * working; an expired one offers a fresh link by email), confirm (a week).
 */
const MANAGE_LINK_LIFETIME = '365d';
export const manageToken = (deps: Pick<Deps, 'secret'>, subscriberId: string) =>
  signLink(deps.secret, 'newsletter.manage', { s: subscriberId }, MANAGE_LINK_LIFETIME);
export const confirmToken = (deps: Pick<Deps, 'secret'>, subscriberId: string) =>
  signLink(deps.secret, 'newsletter.confirm', { s: subscriberId }, '7d');
export const webhookToken = (deps: Pick<Deps, 'secret'>) => signLink(deps.secret, 'newsletter.webhook', { v: 1 });

/**
 * The one link token a newsletter message carries (preferences, unsubscribe, pixel, clicks): a signed
 * link naming the subscriber and the message.
 */
export const mailToken = (deps: Pick<Deps, 'secret'>, subscriberId: string, deliveryId: string) =>
  signLink(deps.secret, 'newsletter.mail', { s: subscriberId, d: deliveryId }, MANAGE_LINK_LIFETIME);

export async function readSubscriberToken(
  deps: Pick<Deps, 'secret'>,
  purpose: 'manage' | 'confirm',
  token: string | undefined,
): Promise<string | null> {
  if (!token || token.length > 2000) return null;
  const claims =
    (await verifyLink<{ s: string }>(deps.secret, `newsletter.${purpose}`, token)) ??
    (purpose === 'manage' ? await verifyLink<{ s: string }>(deps.secret, 'newsletter.mail', token) : null);
  return claims && typeof claims.s === 'string' ? claims.s : null;
}

/** The subscriber of an authentic but expired preferences or unsubscribe link. */
export async function expiredSubscriberToken(deps: Pick<Deps, 'secret'>, token: string | undefined): Promise<string | null> {
  if (!token || token.length > 2000) return null;
  const claims =
    (await expiredLink<{ s: string }>(deps.secret, 'newsletter.manage', token)) ??
    (await expiredLink<{ s: string }>(deps.secret, 'newsletter.mail', token));
  return claims && typeof claims.s === 'string' ? claims.s : null;
}

/**
 * Unsubscribing only ever sends less, so it honours any link we signed, expired or not: an
 * unsubscribe link from an old email must keep working (CAN-SPAM, RFC 8058 one-click).
 */
export async function readUnsubscribeToken(deps: Pick<Deps, 'secret'>, token: string | undefined): Promise<string | null> {
  return (await readSubscriberToken(deps, 'manage', token)) ?? (await expiredSubscriberToken(deps, token));
}

export async function readTrackToken(deps: Pick<Deps, 'secret'>, token: string | undefined): Promise<string | null> {
  if (!token || token.length > 2000) return null;
  const claims = await verifyLink<{ d: string }>(deps.secret, 'newsletter.mail', token);
  return claims && typeof claims.d === 'string' ? claims.d : null;
}

export async function validWebhookToken(deps: Pick<Deps, 'secret'>, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 2000) return false;
  return (await verifyLink(deps.secret, 'newsletter.webhook', token)) !== null;
}

/** The address in MAIL_FROM ("Name <a@b>" or "a@b"), used for the mailto unsubscribe. */
export function fromAddress(mailFrom: string): string {
  const m = /<([^>]+)>/.exec(mailFrom);
  return (m ? m[1] : mailFrom).trim();
}

/** "2026-12-01T09:30" read as wall-clock time in an IANA zone; an invalid value gives an invalid Date. */
export function zonedDateTime(local: string, timeZone: string): Date {
  return zonedToUtc(local, timeZone) ?? new Date(NaN);
}
