import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError } from '../../../platform/http/errors';
import { slugify } from '../../events';
import { initiatives, organizations } from '../schema';

type Table = typeof organizations | typeof initiatives;

/** A slug asked for must be free (a 409 on the field); a made-up one gets -2, -3… until it is. */
export async function slugFor(db: Db, table: Table, asked: string | undefined, name: string): Promise<string> {
  const taken = async (s: string) => (await db.select({ id: table.id }).from(table).where(eq(table.slug, s))).length > 0;
  if (asked) {
    if (await taken(asked)) throw slugTaken();
    return asked;
  }
  const base = slugify(name).slice(0, 70) || 'entry';
  for (let n = 1; ; n++) {
    const s = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(s))) return s;
  }
}

export const slugTaken = () => new AppError('slug_taken', 409, 'directory.error.slugTaken', { slug: 'directory.error.slugTaken' });
