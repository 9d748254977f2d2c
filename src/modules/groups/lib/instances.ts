/**
 * The solver's benchmark instances, shared by its tests and bench/groups: the sizes organizers asked
 * about, and what Good-Enough Golfers (a free web tool, genetic search) left on the same instances.
 */
import type { SolveInput, SolverPerson } from './solver';
import type { MenteePrefs, MentorPrefs } from './mentorship';

export interface Instance {
  name: string;
  input: SolveInput;
  /** Published results (or a construction) say no pair need meet twice. */
  zeroPossible: boolean;
  /** Good-Enough Golfers' best run on this instance, where measured. */
  reference?: number;
}

const plain = (n: number): SolverPerson[] => Array.from({ length: n }, () => ({}));

/**
 * 40 people in 8 groups of 5 for 4 rounds: 12 in government, five sectors, six who speak only Spanish
 * (two with an interpreter kept beside them), eight facilitators, two manager–report pairs kept apart.
 */
export function mixedForty(): SolveInput {
  const sectors = ['health', 'housing', 'transport', 'education', 'data'];
  const people: SolverPerson[] = Array.from({ length: 40 }, (_, i) => ({
    government: i % 10 < 3,
    sector: sectors[i % 5],
    languages: i < 6 ? ['es'] : i < 16 ? ['en', 'es'] : ['en'],
    facilitator: i >= 32,
  }));
  return {
    people,
    groupSize: 5,
    rounds: 4,
    balance: ['government', 'sector'],
    keepTogether: [
      [0, 6],
      [1, 7],
    ],
    keepApart: [
      [20, 21],
      [22, 30],
    ],
  };
}

export const instances: Instance[] = [
  { name: '16 in pairs, 15 rounds', input: { people: plain(16), groupSize: 2, rounds: 15 }, zeroPossible: true },
  { name: '20 in 4s, 5 rounds', input: { people: plain(20), groupSize: 4, rounds: 5 }, zeroPossible: true, reference: 0 },
  { name: '32 in 4s, 9 rounds', input: { people: plain(32), groupSize: 4, rounds: 9 }, zeroPossible: true, reference: 15 },
  { name: '32 in 4s, 10 rounds', input: { people: plain(32), groupSize: 4, rounds: 10 }, zeroPossible: true, reference: 30 },
  { name: '30 in 5s, 8 rounds', input: { people: plain(30), groupSize: 5, rounds: 8 }, zeroPossible: false, reference: 69 },
  { name: '23 in 4s, 3 rounds', input: { people: plain(23), groupSize: 4, rounds: 3 }, zeroPossible: true },
  { name: '200 in 5s, 6 rounds', input: { people: plain(200), groupSize: 5, rounds: 6 }, zeroPossible: true, reference: 0 },
  { name: '40 in 5s, 4 rounds, constrained', input: mixedForty(), zeroPossible: false },
];

/**
 * A large mentorship round for the matching benchmark and its tests: `size` mentors (1 or 2 places)
 * and `size` mentees, each mentee ranking `choices` mentors; a mentor ranks those who chose them (the
 * order a stored round gives a mentor who ranked no one). Deterministic for a seed.
 */
export function mentorshipInstance(size: number, choices: number, seed = 1): { mentors: MentorPrefs[]; mentees: MenteePrefs[] } {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const mentees: MenteePrefs[] = Array.from({ length: size }, () => {
    const picked = new Set<number>();
    while (picked.size < Math.min(choices, size)) picked.add(Math.floor(random() * size));
    return { prefs: [...picked] };
  });
  const chosenBy: number[][] = Array.from({ length: size }, () => []);
  mentees.forEach((m, i) => m.prefs.forEach((j) => chosenBy[j].push(i)));
  return { mentors: chosenBy.map((prefs) => ({ capacity: 1 + Math.floor(random() * 2), prefs })), mentees };
}
