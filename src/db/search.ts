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

/** The words of a search as typed (at most eight), before folding. */
export const searchWords = (q: string | null | undefined): string[] => searchText(q).split(/\s+/).filter(Boolean).slice(0, 8);

/**
 * For a typed word, words the caller found it may be a near miss of (already folded): "innovaton" ->
 * ["innovacion", "innovation"]. The caller looks them up in a short word list under a trigram index
 * and passes them in, so the search itself stays a few substring tests the key's index serves.
 */
export type NearWords = ReadonlyMap<string, readonly string[]>;

/**
 * Every word of `q` appears somewhere in `key`, in any order ("data sharing" finds "sharing of data");
 * with `near`, a word may also appear as one of the words it is a near miss of.
 */
export function containsEveryWord(key: SQL, q: string, opts: { near?: NearWords } = {}): SQL {
  const words = searchWords(q);
  if (words.length === 0) return sql`true`;
  return sql.join(
    words.map(
      (w) =>
        sql`(${sql.join(
          [w, ...(opts.near?.get(w) ?? [])].map((v) => containsKey(key, v)),
          sql` OR `,
        )})`,
    ),
    sql` AND `,
  );
}
