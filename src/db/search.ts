import { sql, type SQL } from 'drizzle-orm';

/** A search as typed, cut to a sane length: NFC, trimmed, at most 200 characters. */
export const searchText = (q: string | null | undefined): string => (q ?? '').normalize('NFC').trim().slice(0, 200);

/**
 * `key` (an expression already folded by f_search_key, with a gin_trgm_ops index on it) contains `q`,
 * folded the same way: case, accents, apostrophes and punctuation do not matter ("obrien" finds
 * "O'Brien", "innovacion" finds "Innovación"). LIKE's own wildcards in what was typed count as text.
 */
const containsKey = (key: SQL, q: string): SQL =>
  sql`${key} LIKE '%' || replace(replace(f_search_key(${q}), '\\', '\\\\'), '%', '\\%') || '%'`;

/**
 * Every word of `q` appears somewhere in `key`, in any order ("data sharing" finds "sharing of data").
 * With `nearMisses`, a word of four letters or more may also be a near miss of a word there
 * ("innovaton"), by trigram word similarity, which the same index serves.
 */
export function containsEveryWord(key: SQL, q: string, opts: { nearMisses?: boolean } = {}): SQL {
  const words = searchText(q).split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return sql`true`;
  return sql.join(
    words.map((w) =>
      opts.nearMisses && w.length >= 4 ? sql`(${containsKey(key, w)} OR f_search_key(${w}) <% ${key})` : sql`(${containsKey(key, w)})`,
    ),
    sql` AND `,
  );
}
