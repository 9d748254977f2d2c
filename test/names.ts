/** Real names that forms must take as typed: accents, apostrophes, hyphens, one word, other scripts. */
export const hardNames = [
  'María José Núñez',
  "Siobhán O'Brien",
  'José Ángel Peña-Guzmán',
  'Nguyễn Thị Minh Khai',
  'Teuila',
  '김민준',
  '李小龍',
  'محمد بن سلمان',
  'Ðặng Thị Ngọc Thịnh',
  'Zoë Saldaña',
  'François-Xavier de La Tour d’Auvergne',
  "D'Angelo Russell-Westbrook",
  'Þórunn Ásgeirsdóttir',
  'Ηλίας Παπαδόπουλος',
  'Дмитрий Шостакович',
  'श्रीनिवास रामानुजन',
  'Mary Ann St. John',
  'X Æ A-12',
  'Łukasz Żółć',
  'null',
  'O’Connor',
  'A',
];

/** Strings that try to break pages, SQL or templates; stored and shown exactly, never executed. */
export const hostileStrings = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "Robert'); DROP TABLE people;--",
  '{{7*7}} ${7*7} <%= 7*7 %>',
  '\u202Egnp.exe',
  'ﷺ 👩‍👩‍👧‍👦 🏳️‍⚧️',
];
