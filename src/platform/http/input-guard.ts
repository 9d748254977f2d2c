import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';
import { AppError } from './errors';
import { parseFormBody } from './request';

const nulError = () => new AppError('nul_character', 400, 'errors.nulCharacter');
const surrogateError = () => new AppError('broken_character', 400, 'errors.brokenCharacter');

/** Whether any string in a parsed body (object keys included) passes the test. */
function someText(value: unknown, test: (text: string) => boolean): boolean {
  if (typeof value === 'string') return test(value);
  if (Array.isArray(value)) return value.some((v) => someText(v, test));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => test(k) || someText(v, test));
  return false;
}

const hasNul = (value: unknown) => someText(value, (text) => text.includes('\u0000'));
/** A UTF-16 surrogate without its pair: only JSON can spell one (`"\ud800"`), and PostgreSQL refuses it in jsonb. */
const hasLoneSurrogate = (value: unknown) => someText(value, (text) => /\p{Cs}/u.test(text));

/**
 * Input no handler should ever see, refused once at the edge for every route: PostgreSQL cannot store
 * U+0000 in text (a NUL would surface as a server error deep inside whichever query met it), and
 * form names that reach a prototype (`__proto__.x`) must not get near any object. Files in a
 * multipart body may hold NUL bytes; only its text fields are checked.
 */
export const inputGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = c.req.url;
  if (/%00/i.test(url) || url.includes('\u0000')) throw nulError();
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
      // Parsing refuses prototype names (`__proto__.x`) before anything reads them.
      const body = await parseFormBody(c);
      for (const [name, value] of Object.entries(body)) {
        if (
          name.includes('\u0000') ||
          hasNul(Array.isArray(value) ? value.filter((v) => typeof v === 'string') : typeof value === 'string' ? value : '')
        )
          throw nulError();
      }
    } else if (type === 'application/json' || type.endsWith('+json')) {
      // Only a body that spells the escape can hold a NUL (a raw one is not valid JSON); those are parsed.
      let text: string;
      try {
        text = await c.req.text();
      } catch {
        throw new AppError('bad_request', 400, 'errors.badRequest');
      }
      const nul = /\\u0000/i.test(text);
      const surrogate = /\\ud[89a-f]/i.test(text);
      if (nul || surrogate) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        if (nul && hasNul(parsed)) throw nulError();
        if (surrogate && hasLoneSurrogate(parsed)) throw surrogateError();
      }
    }
  }
  await next();
};
