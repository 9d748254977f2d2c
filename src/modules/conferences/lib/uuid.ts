import crypto from 'node:crypto';

/**
 * A UUID (version 5 layout) derived from a name: the same name always gives the same UUID, so sessions
 * and people in an imported or exported schedule keep theirs from one file to the next.
 */
export function nameUuid(...parts: string[]): string {
  const h = crypto.createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
