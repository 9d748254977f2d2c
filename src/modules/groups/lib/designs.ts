/**
 * Known zero-repeat schedules ("resolvable designs"): rounds in which no two people share a group
 * twice. Each function answers rounds of groups of person numbers 0..n-1, or null when it does not
 * apply. The solver starts from these and searches only for what they do not cover.
 */

export type Rounds = number[][][];

/** Pairs: the circle method. Person n-1 stays put, the others rotate; n-1 rounds, every pair once. */
export function roundRobin(n: number): Rounds | null {
  if (n < 2 || n % 2 === 1) return null;
  const rounds: Rounds = [];
  const ring = Array.from({ length: n - 1 }, (_, i) => i);
  for (let r = 0; r < n - 1; r++) {
    const groups: number[][] = [[n - 1, ring[r % (n - 1)]]];
    for (let k = 1; k < n / 2; k++) groups.push([ring[(r + k) % (n - 1)], ring[(r - k + n - 1) % (n - 1)]]);
    rounds.push(groups);
  }
  return rounds;
}

const primePowers = new Map<number, { p: number; k: number }>();
for (let p = 2; p < 64; p++) {
  if (!Array.from({ length: p - 2 }, (_, i) => i + 2).every((d) => p % d !== 0)) continue;
  for (let q = p, k = 1; q <= 1024; q *= p, k++) primePowers.set(q, { p, k });
}

/** A finite field GF(q), q a prime power up to 1024: elements 0..q-1, addition and multiplication tables. */
export interface Field {
  q: number;
  add: (a: number, b: number) => number;
  mul: (a: number, b: number) => number;
}

export function field(q: number): Field | null {
  const pk = primePowers.get(q);
  if (!pk) return null;
  const { p, k } = pk;
  // Elements are polynomials over GF(p) of degree < k, written in base p.
  const digits = (a: number) => Array.from({ length: k }, (_, i) => Math.floor(a / p ** i) % p);
  const fromDigits = (d: number[]) => d.reduce((s, x, i) => s + x * p ** i, 0);
  const add = (a: number, b: number) => fromDigits(digits(a).map((x, i) => (x + digits(b)[i]) % p));
  // x times a, reduced by the monic polynomial x^k + poly (poly given by its lower k coefficients).
  const timesX = (a: number, poly: number[]) => {
    const d = digits(a);
    const top = d[k - 1];
    const shifted = [0, ...d.slice(0, k - 1)];
    return fromDigits(shifted.map((x, i) => (((x - top * poly[i]) % p) + p) % p));
  };
  // A primitive polynomial makes x generate every non-zero element: then log tables give multiplication.
  for (let c = 0; c < q; c++) {
    const poly = digits(c);
    if (k > 1 && poly[0] === 0) continue;
    const exp: number[] = [];
    let e = 1;
    for (let i = 0; i < q - 1; i++) {
      exp.push(e);
      e = k === 1 ? (e * (q === 2 ? 1 : primitiveRoot(p))) % p : timesX(e, poly);
    }
    if (e !== 1 || new Set(exp).size !== q - 1) continue;
    const log = new Array<number>(q).fill(-1);
    exp.forEach((v, i) => (log[v] = i));
    const addTable = Array.from({ length: q }, (_, a) => Array.from({ length: q }, (_, b) => add(a, b)));
    return {
      q,
      add: (a, b) => addTable[a][b],
      mul: (a, b) => (a === 0 || b === 0 ? 0 : exp[(log[a] + log[b]) % (q - 1)]),
    };
  }
  return null;
}

function primitiveRoot(p: number): number {
  for (let g = 2; g < p; g++) {
    let e = 1;
    let order = 0;
    do {
      e = (e * g) % p;
      order++;
    } while (e !== 1);
    if (order === p - 1) return g;
  }
  return 1;
}

/**
 * `size` people per group, q groups, q a prime power and size ≤ q: person (x, y), x < size, y in
 * GF(q), sits at table y + r·x in round r. Two people with different x meet in exactly one round
 * (r = (y1 − y2)/(x2 − x1)); people with the same x never meet, so when size divides q one more
 * round can seat each x-class together, split in tables of `size`. With size = q this is the affine
 * plane of order q (q + 1 rounds).
 */
export function transversal(size: number, groups: number): Rounds | null {
  const f = field(groups);
  if (!f || size > groups || size < 2) return null;
  const q = groups;
  const person = (x: number, y: number) => x * q + y;
  const rounds: Rounds = [];
  for (let r = 0; r < q; r++) {
    const tables: number[][] = Array.from({ length: q }, () => []);
    for (let x = 0; x < size; x++) for (let y = 0; y < q; y++) tables[f.add(y, f.mul(r, x))].push(person(x, y));
    rounds.push(tables);
  }
  if (q % size === 0) {
    const tables: number[][] = [];
    for (let x = 0; x < size; x++)
      for (let start = 0; start < q; start += size) tables.push(Array.from({ length: size }, (_, i) => person(x, start + i)));
    rounds.push(tables);
  }
  return rounds;
}

/**
 * 32 people in 8 groups of 4 for 10 rounds with no pair meeting twice: the social golfer problem as
 * first posed (1998), open until Alejandro Aguado's explicit solution (2004). This is the schedule
 * published in Ed Pegg Jr.'s "Social Golfer Problem" (Wolfram Demonstrations Project), letters
 * A–P and a–p for the 32 people; the tests check it has no repeat.
 */
const GOLFERS_32_IN_4S = `ABCD EFGH IJKL MNOP abcd efgh ijkl mnop
AEIm BcgH DFKp dfkP aeiM bCGh jLNo JlnO
Aflo Bhkm DGiN aFLO bHKM CeJP cEjp dgIn
AciL BdjK bDJk FgoP fGOp aCIl EhMn eHmN
AgKN BElP DHIo dhiO beLp Cfjm cFJM aGkn
AhJp BFin cDmO bfIN eGKl CdMo EgkL aHjP
AdeF BGJo aDEf chlN iKmP CHLn bgjO IkMp
AbnP aBNp DglM ceko fHiJ CEKO FhIj dGLm
AGjM BeIO DhLP agJm cfKn CFkN bEio dHlp
AHkO BfLM Dejn bFlm cGIP Cgip dEJN ahKo`;

function published32(): Rounds {
  const index = (ch: string) => (ch >= 'a' ? 16 + ch.charCodeAt(0) - 97 : ch.charCodeAt(0) - 65);
  return GOLFERS_32_IN_4S.split('\n').map((line) => line.split(' ').map((g) => [...g].map(index)));
}

/** The longest zero-repeat schedule we know for `groups` groups of exactly `size`, or null. */
export function knownSchedule(size: number, groups: number): Rounds | null {
  const candidates: Rounds[] = [];
  if (size === 2) candidates.push(roundRobin(2 * groups) ?? []);
  candidates.push(transversal(size, groups) ?? []);
  if (size === 4 && groups === 8) candidates.push(published32());
  const best = candidates.reduce((a, b) => (b.length > a.length ? b : a), []);
  return best.length > 0 ? best : null;
}
