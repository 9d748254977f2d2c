/**
 * Results kept by key, for work that always gives the same answer for the same input and costs far
 * more than a lookup (Intl formatters, written dates, rendered markdown). Bounded: when the next
 * result would pass the number of entries or the characters allowed, everything kept so far goes
 * (the inputs come from code and records, so a full table is rare and cheap to fill again).
 */
export function keptResults<V>(limit: { entries: number; chars?: number; charsOf?: (key: string, value: V) => number }) {
  const kept = new Map<string, V>();
  let chars = 0;
  // A table may hold several kinds of V (Intl's formatters): what `make` returns is what the key gives back.
  return <W extends V>(key: string, make: () => W): W => {
    const hit = kept.get(key) as W | undefined;
    if (hit !== undefined) return hit;
    const value = make();
    const size = limit.charsOf ? limit.charsOf(key, value) : 0;
    if (kept.size >= limit.entries || chars + size > (limit.chars ?? Infinity)) {
      kept.clear();
      chars = 0;
    }
    kept.set(key, value);
    chars += size;
    return value;
  };
}
