import crypto from 'node:crypto';

/**
 * A feed's USAJOBS API key, sealed with AES-256-GCM (node:crypto) under a key derived from the app's
 * secret key, so a database dump or backup alone does not give the key away. Stored as
 * `v1.<iv>.<ciphertext>.<tag>` (base64url); it is decrypted only to call USAJOBS, never shown.
 */
const PREFIX = 'v1.';

function keyFrom(secret: Uint8Array): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), 'pathways jobs feed api key', 32));
}

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

export function sealApiKey(secret: Uint8Array, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

/** The key, or null when it was sealed under another secret (the feed then reports the USAJOBS refusal). */
export function openApiKey(secret: Uint8Array, stored: string | null): string | null {
  if (!stored) return null;
  // Keys saved before sealing existed are plain text until their feed first runs (runDueFeeds).
  if (!isSealed(stored)) return stored;
  const [iv, body, tag] = stored
    .slice(PREFIX.length)
    .split('.')
    .map((p) => Buffer.from(p, 'base64url'));
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyFrom(secret), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
