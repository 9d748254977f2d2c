import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { expiredLink, signLink, verifyLink } from './tokens';

const secret = new TextEncoder().encode('tokens-test-secret-tokens-test-secret-0123');

describe('signed links', () => {
  it('last the lifetime they are given and are read back only for their purpose', async () => {
    const token = await signLink(secret, 'newsletter.manage', { s: 'sub-1' }, '365d');
    const left = decodeJwt(token).exp! - Date.now() / 1000;
    expect(left).toBeGreaterThan(365 * 86_400 - 5);
    expect(left).toBeLessThanOrEqual(365 * 86_400);
    expect(await verifyLink(secret, 'newsletter.manage', token)).toMatchObject({ s: 'sub-1' });
    expect(await verifyLink(secret, 'newsletter.confirm', token)).toBeNull();
    expect(await verifyLink(new TextEncoder().encode('another-secret-another-secret-0123456789'), 'newsletter.manage', token)).toBeNull();
    const [head, body, sig] = token.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ s: 'sub-2', p: 'newsletter.manage' })).toString('base64url')}.${sig}`;
    expect(body).not.toBe(forged.split('.')[1]);
    expect(await verifyLink(secret, 'newsletter.manage', forged)).toBeNull();
  });

  it('past their expiry are refused, and recognised as ours only by expiredLink', async () => {
    const token = await signLink(secret, 'newsletter.manage', { s: 'sub-1' }, new Date(Date.now() - 60_000));
    expect(await verifyLink(secret, 'newsletter.manage', token)).toBeNull();
    expect(await expiredLink(secret, 'newsletter.manage', token)).toMatchObject({ s: 'sub-1' });
  });

  it('refuse a lifetime they cannot read instead of signing a link that never expires', async () => {
    await expect(signLink(secret, 'x', {}, 'a fortnight')).rejects.toThrow(TypeError);
    await expect(signLink(secret, 'x', {}, Number.POSITIVE_INFINITY)).rejects.toThrow(TypeError);
  });
});
