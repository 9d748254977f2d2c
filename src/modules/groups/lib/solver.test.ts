import { describe, expect, it } from 'vitest';
import { field, knownSchedule, roundRobin, transversal, type Rounds } from './designs';
import { instances, mixedForty } from './instances';
import { countingBound, groupSizes, pigeonholeBound, solve, type SolveInput } from './solver';

/** Repeats counted from scratch, not trusting the solver's own figure. */
function repeatsOf(rounds: Rounds, except = new Set<string>()): number {
  const seen = new Map<string, number>();
  let repeats = 0;
  for (const round of rounds)
    for (const g of round)
      for (const a of g)
        for (const b of g) {
          if (a >= b || except.has(`${a}-${b}`)) continue;
          const k = (seen.get(`${a}-${b}`) ?? 0) + 1;
          seen.set(`${a}-${b}`, k);
          if (k > 1) repeats++;
        }
  return repeats;
}

function expectWellFormed(rounds: Rounds, people: number[]) {
  for (const round of rounds) {
    expect(round.flat().sort((a, b) => a - b)).toEqual([...people].sort((a, b) => a - b));
    const sizes = round.map((g) => g.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('known designs', () => {
  it('multiplies in GF(q) as a field: every non-zero element has an inverse', () => {
    for (const q of [2, 3, 4, 5, 7, 8, 9, 16, 25, 27, 32]) {
      const f = field(q)!;
      for (let a = 1; a < q; a++) expect(range(q).filter((b) => f.mul(a, b) === 1)).toHaveLength(1);
      for (let a = 0; a < q; a++) expect(range(q).filter((b) => f.add(a, b) === 0)).toHaveLength(1);
    }
    expect(field(6)).toBeNull();
    expect(field(12)).toBeNull();
  });

  it('round-robin gives n−1 rounds of pairs with every pair exactly once', () => {
    for (const n of [2, 4, 16, 30]) {
      const rounds = roundRobin(n)!;
      expect(rounds).toHaveLength(n - 1);
      expectWellFormed(rounds, range(n));
      expect(repeatsOf(rounds)).toBe(0);
    }
    expect(roundRobin(7)).toBeNull();
  });

  it('transversal designs and affine planes have no repeat', () => {
    for (const [size, groups, rounds] of [
      [3, 3, 4],
      [4, 4, 5],
      [5, 5, 6],
      [4, 5, 5],
      [4, 8, 9],
      [5, 8, 8],
      [7, 7, 8],
      [3, 9, 10],
    ]) {
      const design = transversal(size, groups)!;
      expect(design).toHaveLength(rounds);
      expectWellFormed(design, range(size * groups));
      expect(repeatsOf(design)).toBe(0);
    }
  });

  it('has the published 32-people, 10-round schedule, and it has no repeat', () => {
    const design = knownSchedule(4, 8)!;
    expect(design).toHaveLength(10);
    expectWellFormed(design, range(32));
    expect(repeatsOf(design)).toBe(0);
  });
});

describe('group sizes and the counting bound', () => {
  it('splits people into groups that differ by at most one and never leaves anyone alone', () => {
    expect(groupSizes(23, { groupSize: 4 })).toEqual([4, 4, 4, 4, 4, 3]);
    expect(groupSizes(7, { groupSize: 2 })).toEqual([3, 2, 2]);
    expect(groupSizes(10, { groups: 3 })).toEqual([4, 3, 3]);
  });

  it('says at least 45 repeats are unavoidable for 30 people in 5s over 8 rounds', () => {
    expect(
      countingBound(
        30,
        Array.from({ length: 8 }, () => [5, 5, 5, 5, 5, 5]),
        0,
      ),
    ).toBe(45);
    expect(
      countingBound(
        32,
        Array.from({ length: 10 }, () => groupSizes(32, { groupSize: 4 })),
        0,
      ),
    ).toBe(0);
  });

  it('knows that few large groups must repeat, and the solver reaches that bound', () => {
    expect(pigeonholeBound([4, 4], 2)).toBe(4);
    expect(pigeonholeBound([5, 5, 5, 5, 5, 5], 8)).toBe(0);
    const r = solve({ people: Array.from({ length: 8 }, () => ({})), groupSize: 4, rounds: 3, timeLimitMs: 2000 });
    expect(r.lowerBound).toBe(8);
    expect(r.repeatPairs).toBe(8);
  });
});

describe('the benchmark instances', () => {
  for (const inst of instances)
    it(inst.name, () => {
      const started = performance.now();
      const result = solve({ ...inst.input, timeLimitMs: 3000 });
      const ms = performance.now() - started;
      const n = inst.input.people.length;
      expect(result.rounds).toHaveLength(inst.input.rounds);
      expectWellFormed(result.rounds, range(n));
      const together = new Set((inst.input.keepTogether ?? []).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
      expect(repeatsOf(result.rounds, together)).toBe(result.repeatPairs);
      expect(result.repeatPairs).toBeGreaterThanOrEqual(result.lowerBound);
      expect(result.problems).toEqual([]);
      if (inst.zeroPossible) expect(result.repeatPairs).toBe(0);
      if (inst.reference !== undefined) expect(result.repeatPairs).toBeLessThanOrEqual(inst.reference);
      if (n >= 200) expect(ms).toBeLessThan(1000);
    });

  it('holds every rule of the mixed instance, checked here one by one', () => {
    const input = mixedForty();
    const { rounds } = solve({ ...input, timeLimitMs: 1500 });
    for (const round of rounds)
      for (const g of round) {
        const gov = g.filter((i) => input.people[i].government).length;
        expect(gov === 1 || gov === 2).toBe(true); // 12 government people in 8 groups
        expect(g.filter((i) => input.people[i].facilitator)).toHaveLength(1);
        for (const sector of ['health', 'housing', 'transport', 'education', 'data']) {
          const k = g.filter((i) => input.people[i].sector === sector).length;
          expect(k).toBeGreaterThanOrEqual(1);
          expect(k).toBeLessThanOrEqual(1);
        }
        for (const i of g)
          if (input.people[i].languages?.join() === 'es')
            expect(g.some((j) => j !== i && input.people[j].languages?.includes('es'))).toBe(true);
        for (const [a, b] of input.keepApart!) expect(g.includes(a) && g.includes(b)).toBe(false);
        for (const [a, b] of input.keepTogether!) expect(g.includes(a)).toBe(g.includes(b));
      }
  });
});

describe('constraints that cannot hold are reported, never dropped', () => {
  const people = (n: number) => Array.from({ length: n }, () => ({}));

  it('names a pair both kept together and apart', () => {
    const r = solve({ people: people(8), groupSize: 4, rounds: 2, keepTogether: [[0, 1]], keepApart: [[1, 0]], timeLimitMs: 200 });
    expect(r.problems).toContainEqual({ code: 'togetherAndApart', people: [1, 0] });
    expect(r.problems.some((p) => p.code === 'keepApartBroken')).toBe(true);
  });

  it('names the only Spanish speaker, who cannot have a partner in the language', () => {
    const r = solve({
      people: [{ languages: ['es'] }, ...Array.from({ length: 7 }, () => ({ languages: ['en'] }))],
      groupSize: 4,
      rounds: 1,
      timeLimitMs: 200,
    });
    expect(r.problems).toContainEqual({ code: 'noSharedLanguage', people: [0] });
  });

  it('says when there are fewer facilitators than groups, and never seats two together', () => {
    const r = solve({
      people: Array.from({ length: 12 }, (_, i) => ({ facilitator: i < 2 })),
      groupSize: 4,
      rounds: 3,
      timeLimitMs: 300,
    });
    expect(r.problems).toEqual([{ code: 'tooFewFacilitators', detail: '2/3' }]);
    for (const round of r.rounds) for (const g of round) expect(g.filter((i) => i < 2).length).toBeLessThanOrEqual(1);
  });

  it('says when people kept together outnumber the largest group', () => {
    const r = solve({
      people: people(8),
      groupSize: 2,
      rounds: 1,
      keepTogether: [
        [0, 1],
        [1, 2],
      ],
      timeLimitMs: 200,
    });
    expect(r.problems[0]).toEqual({ code: 'togetherTooLarge', people: [0, 1, 2], detail: '2' });
  });
});

describe('rebalancing between rounds', () => {
  it('keeps held rounds, drops the absent, seats arrivals, and counts held meetings', () => {
    const base: SolveInput = { people: Array.from({ length: 20 }, () => ({})), groupSize: 4, rounds: 5, timeLimitMs: 500 };
    const first = solve(base);
    const held = first.rounds.slice(0, 2);
    const people = [...base.people.map((p, i) => (i === 3 || i === 7 ? { absent: true } : p)), {}, {}, {}];
    const again = solve({ ...base, people, held, start: first.rounds.slice(2) });
    expect(again.rounds.slice(0, 2)).toEqual(held);
    const later = again.rounds.slice(2);
    for (const round of later) {
      const seated = round.flat();
      expect(seated).not.toContain(3);
      expect(seated).not.toContain(7);
      for (const arrival of [20, 21, 22]) expect(seated).toContain(arrival);
    }
    expectWellFormed(
      later,
      [...range(23)].filter((i) => i !== 3 && i !== 7),
    );
    expect(repeatsOf(again.rounds)).toBe(again.repeatPairs);
    expect(again.repeatPairs).toBe(0);
  });
});
