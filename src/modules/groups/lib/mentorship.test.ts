import { describe, expect, it } from 'vitest';
import { blockingPairs, optimalMatching, stableMatching, type MenteePrefs, type MentorPrefs } from './mentorship';

/** Deterministic random instances: some people leave others off their lists (not acceptable). */
function instance(seed: number, mentorCount: number, menteeCount: number) {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const shuffle = (n: number) => {
    const a = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a.filter(() => random() > 0.2);
  };
  const mentors: MentorPrefs[] = Array.from({ length: mentorCount }, () => ({
    capacity: 1 + Math.floor(random() * 3),
    prefs: shuffle(menteeCount),
  }));
  const mentees: MenteePrefs[] = Array.from({ length: menteeCount }, () => ({ prefs: shuffle(mentorCount) }));
  return { mentors, mentees };
}

const rank = (list: number[], x: number) => list.indexOf(x) + 1;
function total(mentors: MentorPrefs[], mentees: MenteePrefs[], match: number[]) {
  return match.reduce((sum, j, i) => (j < 0 ? sum : sum + rank(mentees[i].prefs, j) + rank(mentors[j].prefs, i)), 0);
}
function respectsRules(mentors: MentorPrefs[], mentees: MenteePrefs[], match: number[]) {
  match.forEach((j, i) => {
    if (j < 0) return;
    expect(rank(mentees[i].prefs, j)).toBeGreaterThan(0);
    expect(rank(mentors[j].prefs, i)).toBeGreaterThan(0);
  });
  mentors.forEach((m, j) => expect(match.filter((x) => x === j).length).toBeLessThanOrEqual(m.capacity));
}

/** Every assignment, for a brute-force check of optimality on small instances. */
function bestByBruteForce(mentors: MentorPrefs[], mentees: MenteePrefs[]) {
  let best = { matched: -1, cost: Infinity };
  const match = new Array<number>(mentees.length).fill(-1);
  const load = mentors.map(() => 0);
  const go = (i: number) => {
    if (i === mentees.length) {
      const matched = match.filter((j) => j >= 0).length;
      const cost = total(mentors, mentees, match);
      if (matched > best.matched || (matched === best.matched && cost < best.cost)) best = { matched, cost };
      return;
    }
    go(i + 1);
    for (const j of mentees[i].prefs) {
      if (rank(mentors[j].prefs, i) === 0 || load[j] >= mentors[j].capacity) continue;
      match[i] = j;
      load[j]++;
      go(i + 1);
      load[j]--;
      match[i] = -1;
    }
  };
  go(0);
  return best;
}

describe('stable matching (mentee-proposing deferred acceptance)', () => {
  it('leaves no pair who would both rather be together, on 200 random instances', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { mentors, mentees } = instance(seed, 6, 14);
      const match = stableMatching(mentors, mentees);
      respectsRules(mentors, mentees, match);
      expect(blockingPairs(mentors, mentees, match)).toEqual([]);
    }
  });

  it('gives each mentee their best stable mentor on a known case', () => {
    // Both mentees want mentor 0 (capacity 1), who prefers mentee 1.
    const mentors = [
      { capacity: 1, prefs: [1, 0] },
      { capacity: 1, prefs: [0, 1] },
    ];
    const mentees = [{ prefs: [0, 1] }, { prefs: [0, 1] }];
    expect(stableMatching(mentors, mentees)).toEqual([1, 0]);
  });

  it('never matches someone left off the other side’s list', () => {
    const mentors = [{ capacity: 2, prefs: [0] }];
    const mentees = [{ prefs: [0] }, { prefs: [0] }];
    expect(stableMatching(mentors, mentees)).toEqual([0, -1]);
    expect(optimalMatching(mentors, mentees)).toEqual([0, -1]);
  });

  it('keeps locked pairs and matches the rest around them', () => {
    const mentors = [
      { capacity: 1, prefs: [0, 1] },
      { capacity: 1, prefs: [0, 1] },
    ];
    const mentees = [{ prefs: [0, 1] }, { prefs: [0, 1] }];
    expect(stableMatching(mentors, mentees, [[0, 1]])).toEqual([1, 0]);
    expect(optimalMatching(mentors, mentees, [[0, 1]])).toEqual([1, 0]);
  });
});

describe('optimal matching (min-cost flow)', () => {
  it('matches as many as possible with the least total rank, checked by brute force', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const { mentors, mentees } = instance(seed, 3, 6);
      const match = optimalMatching(mentors, mentees);
      respectsRules(mentors, mentees, match);
      const best = bestByBruteForce(mentors, mentees);
      expect(match.filter((j) => j >= 0).length).toBe(best.matched);
      expect(total(mentors, mentees, match)).toBe(best.cost);
    }
  });

  it('is never worse in total rank than the stable matching of the same size', () => {
    for (let seed = 300; seed < 340; seed++) {
      const { mentors, mentees } = instance(seed, 5, 12);
      const stable = stableMatching(mentors, mentees);
      const optimal = optimalMatching(mentors, mentees);
      expect(optimal.filter((j) => j >= 0).length).toBeGreaterThanOrEqual(stable.filter((j) => j >= 0).length);
      if (optimal.filter((j) => j >= 0).length === stable.filter((j) => j >= 0).length)
        expect(total(mentors, mentees, optimal)).toBeLessThanOrEqual(total(mentors, mentees, stable));
    }
  });
});
