import crypto from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';

/** 256 random bits, URL-safe: sign-in links, session cookies, API tokens. */
export function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Only hashes are stored, so a leaked table opens no session. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A six-digit code, uniformly random. */
export function randomCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Codes are few, so they are keyed with the server secret: the table alone cannot be brute-forced. */
export function hashCode(secret: Uint8Array, email: string, code: string): string {
  return crypto.createHmac('sha256', secret).update(`${email.toLowerCase()}\u0000${code}`).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

const hmacKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

/**
 * The secret imported once as a WebCrypto HMAC key: given raw bytes, jose imports them again for every
 * token, which took half the time of signing one (a newsletter signs one per message).
 */
function hmacKey(secret: Uint8Array): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    hmacKeys.set(secret, key);
  }
  return key;
}

/**
 * Signed links (manage an RSVP, unsubscribe, track a click) as standard JWS compact tokens (HS256),
 * each bound to a purpose so one kind cannot be replayed as another.
 */
export async function signLink(
  secret: Uint8Array,
  purpose: string,
  claims: Record<string, string | number | boolean>,
  expiresIn?: string | number | Date,
): Promise<string> {
  let jwt = new SignJWT({ ...claims, p: purpose }).setProtectedHeader({ alg: 'HS256' });
  if (expiresIn) jwt = jwt.setExpirationTime(expiresIn);
  return jwt.sign(await hmacKey(secret));
}

/**
 * RSVP manage links and career-fair passes stop working this long after their event ends. Judged from
 * the event itself rather than a claim in the link, so links sent before links carried an expiry stop
 * too, and a changed end date moves the expiry with it.
 */
export const EVENT_LINK_GRACE_DAYS = 30;
export function eventLinkExpired(endsAt: Date, now = Date.now()): boolean {
  return now > endsAt.getTime() + EVENT_LINK_GRACE_DAYS * 86_400_000;
}

/**
 * The claims of a link that is authentic but past its expiry, so the page can offer to send a fresh
 * one to the address on record; null for anything else (valid, forged, another purpose).
 */
export async function expiredLink<T extends Record<string, unknown>>(
  secret: Uint8Array,
  purpose: string,
  token: string,
): Promise<T | null> {
  try {
    await jwtVerify(token, await hmacKey(secret), { algorithms: ['HS256'] });
    return null;
  } catch (err) {
    // jose checks the signature before the claims, so an expiry error means the token is ours.
    if (!(err instanceof errors.JWTExpired)) return null;
    const payload = err.payload as Record<string, unknown>;
    return payload.p === purpose ? (payload as T) : null;
  }
}

export async function verifyLink<T extends Record<string, unknown>>(secret: Uint8Array, purpose: string, token: string): Promise<T | null> {
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), { algorithms: ['HS256'] });
    if (payload.p !== purpose) return null;
    return payload as unknown as T;
  } catch {
    return null;
  }
}
