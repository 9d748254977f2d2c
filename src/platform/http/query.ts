import type { Ctx } from './context';
import { AppError } from './errors';

/**
 * A list's `offset` from the address. Absent or blank is the first page; a whole number past `max`
 * is the last page anyone could ask for; anything else (`0.5`, `-1`, `1e3`) is a translated 400
 * rather than a value the database would refuse with a server error.
 */
export function offsetParam(c: Ctx, max = 100_000, name = 'offset'): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw.trim() === '') return 0;
  if (!/^\d{1,15}$/.test(raw.trim())) throw new AppError('bad_offset', 400, 'errors.offset');
  return Math.min(Number(raw.trim()), max);
}
