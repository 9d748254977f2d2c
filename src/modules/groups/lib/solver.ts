/**
 * The small-group solver: who sits with whom in each round. Pure (no database, no HTTP), so the
 * benchmark, the tests and the service all run the same code. See docs/decisions/0022.
 *
 * People are numbers 0..n-1. The solver starts from a known zero-repeat schedule when one fits
 * (designs.ts), renames people within it to satisfy the constraints, and then runs a tabu search
 * that swaps two people of one round at a time, minimising first the broken constraints and then the
 * repeated meetings (spread evenly: a third meeting costs more than a second).
 */
import { knownSchedule, type Rounds } from './designs';

export interface SolverPerson {
  government?: boolean;
  sector?: string;
  /** Languages spoken ("en", "es"); empty or missing means we do not know, and the rule is not applied. */
  languages?: string[];
  facilitator?: boolean;
  /** Not placed in rounds to be planned (absent, or left). Still counted in held rounds. */
  absent?: boolean;
}

type Balance = 'government' | 'sector';

export interface SolveInput {
  people: SolverPerson[];
  groupSize?: number;
  groups?: number;
  rounds: number;
  balance?: Balance[];
  keepApart?: [number, number][];
  keepTogether?: [number, number][];
  /** Rounds already held (first rounds, kept exactly as they were); their meetings count. */
  held?: Rounds;
  /** A previous plan for the rounds to come, to start from (rebalancing keeps what it can). */
  start?: Rounds;
  seed?: number;
  /** Search time budget; the search stops sooner when it reaches the counting bound. */
  timeLimitMs?: number;
}

/** Why a constraint cannot hold, or where it was not met. Codes are message keys' last part. */
interface Problem {
  code:
    | 'togetherTooLarge'
    | 'togetherAndApart'
    | 'noSharedLanguage'
    | 'tooFewFacilitators'
    | 'keepApartBroken'
    | 'keepTogetherBroken'
    | 'languageBroken'
    | 'balanceBroken';
  people?: number[];
  round?: number;
  table?: number;
  detail?: string;
}

export interface SolveResult {
  rounds: Rounds;
  repeatPairs: number;
  maxMeetings: number;
  lowerBound: number;
  problems: Problem[];
  /** Where the schedule came from: a known design, the search, or both. */
  method: 'design' | 'design+search' | 'search';
  iterations: number;
}

/** How many groups, and their sizes (differing by at most one), for n people. */
export function groupSizes(n: number, opts: { groupSize?: number; groups?: number }): number[] {
  let m: number;
  if (opts.groups) m = opts.groups;
  else {
    const g = opts.groupSize ?? 2;
    m = Math.ceil(n / g);
    // Never a group below 2 (7 people in pairs: two pairs and a three); otherwise stay within one of g.
    if (m > 1 && Math.floor(n / m) < 2) m = Math.floor(n / g);
  }
  m = Math.max(1, Math.min(m, Math.floor(n / 2) || 1));
  const base = Math.floor(n / m);
  return Array.from({ length: m }, (_, i) => base + (i < n % m ? 1 : 0));
}

/**
 * The counting bound: over all rounds the groups hold T pair-meetings, and there are only so many
 * different pairs (each person can meet at most everyone else once), so at least T − pairs of those
 * meetings are repeats. Pairs kept together always meet and are not counted.
 */
export function countingBound(n: number, sizesPerRound: number[][], togetherPairs: number, heldRepeats = 0): number {
  let meetings = 0;
  for (const sizes of sizesPerRound) for (const s of sizes) meetings += (s * (s - 1)) / 2;
  meetings -= togetherPairs * sizesPerRound.length;
  const pairs = (n * (n - 1)) / 2 - togetherPairs;
  return Math.max(heldRepeats, meetings - pairs);
}

/**
 * The pigeonhole bound, for few large groups: in every round after the first, a group of s people
 * drawn from the first round's m groups holds at least the pairs it gets when spread as evenly as
 * possible over them, each a repeat (8 people in two 4s: every later table repeats at least 2 pairs).
 */
export function pigeonholeBound(sizes: number[], rounds: number): number {
  const m = sizes.length;
  const pairs = (k: number) => (k * (k - 1)) / 2;
  const perRound = sizes.reduce((sum, s) => {
    const q = Math.floor(s / m);
    const extra = s % m;
    return sum + extra * pairs(q + 1) + (m - extra) * pairs(q);
  }, 0);
  return Math.max(0, rounds - 1) * perRound;
}

/** Deterministic pseudo-random numbers, so a plan can be reproduced from its seed. */
function rng(seed: number) {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(a: number): number {
    while (this.parent[a] !== a) a = this.parent[a] = this.parent[this.parent[a]];
    return a;
  }
  union(a: number, b: number) {
    this.parent[this.find(a)] = this.find(b);
  }
}

const HARD = 100; // one broken constraint outweighs any number of repeats a swap can fix
const REPEAT = 8; // a second meeting; each further one costs one more, so repeats spread out

/** Cost of adding one more meeting to a pair that has met `c` times. */
const addCost = (c: number) => (c >= 1 ? REPEAT + c - 1 : 0);

export function solve(input: SolveInput): SolveResult {
  const n = input.people.length;
  const random = rng(input.seed ?? 1);
  const held = input.held ?? [];
  const active = input.people.map((p, i) => (p.absent ? -1 : i)).filter((i) => i >= 0);
  const sizes = groupSizes(active.length, input);
  const m = sizes.length;
  const free = input.rounds - held.length;
  const problems: Problem[] = [];

  // ---- keep-together units ----
  const uf = new UnionFind(n);
  const togetherSet = new Set<number>();
  for (const [a, b] of input.keepTogether ?? []) {
    uf.union(a, b);
    togetherSet.add(a * n + b).add(b * n + a);
  }
  const unitOf = new Map<number, number[]>();
  for (const i of active) {
    const root = uf.find(i);
    unitOf.set(root, [...(unitOf.get(root) ?? []), i]);
  }
  const units = [...unitOf.values()];
  const unit = new Array<number[]>(n);
  for (const u of units) for (const i of u) unit[i] = u;
  const biggest = Math.max(...sizes);
  for (const u of units) if (u.length > biggest) problems.push({ code: 'togetherTooLarge', people: u, detail: String(biggest) });
  const apart = new Set<number>();
  for (const [a, b] of input.keepApart ?? []) {
    apart.add(a * n + b).add(b * n + a);
    if (uf.find(a) === uf.find(b)) problems.push({ code: 'togetherAndApart', people: [a, b] });
  }

  // ---- balance categories: each group holds floor or ceil of count/m of every category ----
  const catOf: number[][] = Array.from({ length: n }, () => []);
  const catCount: number[] = [];
  const catName: string[] = [];
  const addCategory = (name: string, members: number[]) => {
    if (members.length === 0) return;
    const id = catCount.length;
    catCount.push(members.length);
    catName.push(name);
    for (const i of members) catOf[i].push(id);
  };
  const balance = new Set(input.balance ?? []);
  if (balance.has('government')) {
    addCategory(
      'government',
      active.filter((i) => input.people[i].government === true),
    );
    addCategory(
      'nonGovernment',
      active.filter((i) => input.people[i].government !== true),
    );
  }
  if (balance.has('sector')) {
    const bySector = new Map<string, number[]>();
    for (const i of active) {
      const label = input.people[i].sector?.trim();
      if (label) bySector.set(label.toLowerCase(), [...(bySector.get(label.toLowerCase()) ?? []), i]);
    }
    for (const members of bySector.values()) addCategory(`sector:${input.people[members[0]].sector!.trim()}`, members);
  }
  const facilitators = active.filter((i) => input.people[i].facilitator);
  addCategory('facilitator', facilitators);
  if (facilitators.length > 0 && facilitators.length < m)
    problems.push({ code: 'tooFewFacilitators', detail: `${facilitators.length}/${m}` });
  const lo = catCount.map((c) => Math.floor(c / m));
  const hi = catCount.map((c) => Math.ceil(c / m));
  // With fewer facilitators than groups, none may share a group; groups without one are reported above.

  // ---- languages as bit masks ----
  const langBit = new Map<string, number>();
  const lang = input.people.map((p) => {
    let mask = 0;
    for (const l of p.languages ?? []) {
      const key = l.trim().toLowerCase();
      if (!langBit.has(key)) langBit.set(key, langBit.size);
      mask |= 1 << (langBit.get(key)! % 31);
    }
    return mask;
  });
  for (const i of active) {
    if (!lang[i]) continue;
    if (!active.some((j) => j !== i && (lang[j] & lang[i]) !== 0)) problems.push({ code: 'noSharedLanguage', people: [i] });
  }

  // ---- state ----
  const meet = new Uint16Array(n * n);
  let heldRepeats = 0;
  for (const round of held)
    for (const g of round)
      for (let x = 0; x < g.length; x++)
        for (let y = x + 1; y < g.length; y++) {
          const a = g[x];
          const b = g[y];
          if (meet[a * n + b] >= 1 && !togetherSet.has(a * n + b)) heldRepeats++;
          meet[a * n + b]++;
          meet[b * n + a]++;
        }

  const heldMeet = meet.slice();
  const togetherPairs = (input.keepTogether ?? []).filter(([a, b]) => !input.people[a].absent && !input.people[b].absent).length;
  // Pairs kept together always meet and are not counted; the pigeonhole bound counts them, so it
  // applies only without them.
  const lowerBound =
    heldRepeats +
    Math.max(
      countingBound(
        active.length,
        Array.from({ length: free }, () => sizes),
        togetherPairs,
        0,
      ),
      togetherPairs === 0 ? pigeonholeBound(sizes, free) : 0,
    );

  const groupsOf: number[][][] = [];
  const where: Int32Array[] = [];
  let method: SolveResult['method'] = 'search';

  const fromDesign = held.length === 0 && !input.start ? designRounds(sizes, free) : null;
  if (fromDesign) {
    // Rename the design's seats to people so the constraints hold (repeats don't change by renaming).
    const seatToPerson = assignSeats(fromDesign, active, unit, catOf, lo, hi, lang, apart, n, random);
    for (const round of fromDesign) {
      groupsOf.push(round.map((g) => g.map((s) => seatToPerson[s])));
      addMeetings(groupsOf[groupsOf.length - 1], meet, n);
    }
    method = fromDesign.length >= free ? 'design' : 'design+search';
  }
  for (let r = groupsOf.length; r < free; r++) {
    const previous = input.start?.[r];
    groupsOf.push(previous ? reseat(previous, sizes, active, unit) : greedyRound(sizes, units, meet, n, random));
    // A round's meetings count before the next one is built.
    addMeetings(groupsOf[r], meet, n);
  }
  for (const round of groupsOf) {
    const w = new Int32Array(n).fill(-1);
    round.forEach((g, gi) => g.forEach((i) => (w[i] = gi)));
    where.push(w);
  }

  const groupHard = (g: number[]): number => {
    let cost = 0;
    if (catCount.length) {
      const counts = new Map<number, number>();
      for (const i of g) for (const c of catOf[i]) counts.set(c, (counts.get(c) ?? 0) + 1);
      for (let c = 0; c < catCount.length; c++) {
        const k = counts.get(c) ?? 0;
        if (k > hi[c]) cost += k - hi[c];
        else if (k < lo[c]) cost += lo[c] - k;
      }
    }
    for (let x = 0; x < g.length; x++) {
      const a = g[x];
      let shared = lang[a] === 0;
      for (let y = 0; y < g.length; y++) {
        if (x === y) continue;
        const b = g[y];
        if (!shared && (lang[a] & lang[b]) !== 0) shared = true;
        if (y > x && apart.has(a * n + b)) cost++;
      }
      if (!shared) cost++;
      for (const t of unit[a]) if (t !== a && !g.includes(t)) cost++;
    }
    return cost;
  };

  /** No rule broken and no more repeats than the bound: nothing better exists, stop searching. */
  const atBound = () => {
    if (hardTotal > 0) return false;
    let c = 0;
    for (let a = 0; a < n; a++)
      for (let b = a + 1; b < n; b++) {
        const k = meet[a * n + b];
        if (k > 1 && !togetherSet.has(a * n + b)) c += k - 1;
      }
    return c <= lowerBound;
  };

  const repeatCost = () => {
    let c = 0;
    for (let a = 0; a < n; a++)
      for (let b = a + 1; b < n; b++) {
        const k = meet[a * n + b];
        if (k > 1 && !togetherSet.has(a * n + b)) for (let j = 1; j < k; j++) c += addCost(j);
      }
    return c;
  };

  // Swapping a (in group A) and b (in group B) of round r: the meeting-cost change.
  const swapRepeatDelta = (A: number[], B: number[], a: number, b: number) => {
    let d = 0;
    for (const x of A) {
      if (x === a) continue;
      if (!togetherSet.has(a * n + x)) d -= addCost(meet[a * n + x] - 1);
      if (!togetherSet.has(b * n + x)) d += addCost(meet[b * n + x]);
    }
    for (const y of B) {
      if (y === b) continue;
      if (!togetherSet.has(b * n + y)) d -= addCost(meet[b * n + y] - 1);
      if (!togetherSet.has(a * n + y)) d += addCost(meet[a * n + y]);
    }
    return d;
  };

  const doSwap = (r: number, a: number, b: number) => {
    const w = where[r];
    const A = groupsOf[r][w[a]];
    const B = groupsOf[r][w[b]];
    const move = (from: number, to: number, x: number) => {
      meet[from * n + x]--;
      meet[x * n + from]--;
      meet[to * n + x]++;
      meet[x * n + to]++;
    };
    for (const x of A) if (x !== a) move(a, b, x);
    for (const y of B) if (y !== b) move(b, a, y);
    A[A.indexOf(a)] = b;
    B[B.indexOf(b)] = a;
    const ga = w[a];
    w[a] = w[b];
    w[b] = ga;
  };

  // A move: lists of people to exchange between two groups of one round (a unit and what replaces it).
  const moveFor = (r: number, a: number, b: number): [number[], number[]] | null => {
    const ua = unit[a];
    const ub = unit[b];
    if (ua.length === 1 && ub.length === 1) return [[a], [b]];
    if (ua.length === ub.length) return [ua, ub];
    const [big, small, bigIsA] = ua.length > ub.length ? [ua, ub, true] : [ub, ua, false];
    const other = groupsOf[r][where[r][small[0]]];
    const extra = other.filter((x) => unit[x].length === 1 && !small.includes(x)).slice(0, big.length - small.length);
    if (extra.length < big.length - small.length) return null;
    return bigIsA ? [big, [...small, ...extra]] : [[...small, ...extra], big];
  };

  // Designs and earlier plans may split people who must stay together: bring each unit to the group
  // of its first member, trading places with people who stand alone. Moves below keep units whole.
  for (let r = 0; r < free; r++)
    for (const u of units) {
      if (u.length < 2) continue;
      const home = where[r][u[0]];
      for (const t of u.slice(1)) {
        if (where[r][t] === home) continue;
        const s = groupsOf[r][home].find((x) => unit[x].length === 1);
        if (s !== undefined) doSwap(r, t, s);
      }
    }

  let hardTotal = 0;
  const hardOf: number[][] = groupsOf.map((round) => round.map((g) => groupHard(g)));
  for (const round of hardOf) for (const h of round) hardTotal += h;
  let repeats = repeatCost();
  let cost = HARD * hardTotal + repeats;
  const target = lowerBoundCost(lowerBound);

  /** Replace the current plan (meetings, places, costs) by a saved one. */
  const load = (saved: number[][][]) => {
    meet.set(heldMeet);
    saved.forEach((round, r) => {
      groupsOf[r] = round.map((g) => [...g]);
      addMeetings(groupsOf[r], meet, n);
      where[r].fill(-1);
      groupsOf[r].forEach((g, gi) => g.forEach((i) => (where[r][i] = gi)));
      hardOf[r] = groupsOf[r].map((g) => groupHard(g));
    });
    hardTotal = hardOf.flat().reduce((x, y) => x + y, 0);
    repeats = repeatCost();
    cost = HARD * hardTotal + repeats;
  };

  // ---- simulated annealing over single swaps: fast and global, for most of the budget ----
  const singles = active.filter((i) => unit[i].length === 1);
  const hasRules = catCount.length > 0 || apart.size > 0 || langBit.size > 0;
  const anneal = (span: number) => {
    const annealUntil = Date.now() + span;
    if (free === 0 || m < 2 || singles.length < 2 || cost <= target) return;
    let temperature = REPEAT;
    let bestSa = cost;
    let bestSaRounds = groupsOf.map((rd) => rd.map((g) => [...g]));
    for (let it = 0; cost > target; it++) {
      if ((it & 1023) === 0) {
        if (atBound()) break;
        const left = (annealUntil - Date.now()) / span;
        if (left <= 0) break;
        temperature = REPEAT * 0.6 * left * left + 0.05;
      }
      const r = Math.floor(random() * free);
      const a = singles[Math.floor(random() * singles.length)];
      const b = singles[Math.floor(random() * singles.length)];
      const w = where[r];
      const ga = w[a];
      const gb = w[b];
      if (ga === gb) continue;
      const A = groupsOf[r][ga];
      const B = groupsOf[r][gb];
      let delta = swapRepeatDelta(A, B, a, b);
      let hardDelta = 0;
      if (hasRules) {
        A[A.indexOf(a)] = b;
        B[B.indexOf(b)] = a;
        hardDelta = groupHard(A) + groupHard(B) - hardOf[r][ga] - hardOf[r][gb];
        A[A.indexOf(b)] = a;
        B[B.indexOf(a)] = b;
        delta += HARD * hardDelta;
      }
      if (delta > 0 && random() >= Math.exp(-delta / temperature)) continue;
      doSwap(r, a, b);
      if (hasRules) {
        hardOf[r][ga] = groupHard(A);
        hardOf[r][gb] = groupHard(B);
        hardTotal += hardDelta;
      }
      repeats += delta - HARD * hardDelta;
      cost += delta;
      if (cost < bestSa) {
        bestSa = cost;
        bestSaRounds = groupsOf.map((rd) => rd.map((g) => [...g]));
      }
    }
    if (bestSa < cost) load(bestSaRounds);
  };

  // ---- tabu search ----
  const tabu = Array.from({ length: free }, () => new Int32Array(n));
  let iterations = 0;
  const conflicted = (r: number): number[] => {
    const out: number[] = [];
    groupsOf[r].forEach((g, gi) => {
      if (hardOf[r][gi] > 0) return out.push(...g);
      for (let x = 0; x < g.length; x++)
        for (let y = x + 1; y < g.length; y++) if (meet[g[x] * n + g[y]] > 1 && !togetherSet.has(g[x] * n + g[y])) out.push(g[x], g[y]);
    });
    return out;
  };

  /** Tabu search until the deadline, or until `patience` iterations bring nothing better; ends on its best plan. */
  const tabuSearch = (deadline: number, patience: number) => {
    let best = cost;
    let bestRounds = groupsOf.map((round) => round.map((g) => [...g]));
    let sinceBest = 0;
    while (cost > target && free > 0 && m > 1) {
      if ((iterations & 63) === 0 && (Date.now() > deadline || atBound())) break;
      iterations++;
      const r = Math.floor(random() * free);
      const candidates = conflicted(r);
      if (candidates.length === 0) {
        sinceBest++;
        if (sinceBest > 50 * free) break;
        continue;
      }
      const round = groupsOf[r];
      const w = where[r];
      let bestMove: [number[], number[]] | null = null;
      let bestDelta = Infinity;
      let ties = 0;
      // The whole neighbourhood of the round's conflicts, sampled when it is large.
      const pool = [...new Set(candidates)];
      for (let k = pool.length - 1; k > 0; k--) {
        const j = Math.floor(random() * (k + 1));
        [pool[k], pool[j]] = [pool[j], pool[k]];
      }
      for (const a of pool.slice(0, 16))
        for (let gb = 0; gb < m; gb++) {
          if (gb === w[a]) continue;
          for (const b of round[gb]) {
            const simple = unit[a].length === 1 && unit[b].length === 1;
            const move = simple ? null : moveFor(r, a, b);
            if (!simple && !move) continue;
            let delta: number;
            const ga = w[a];
            if (simple) {
              const A = round[ga];
              const B = round[gb];
              delta = swapRepeatDelta(A, B, a, b);
              if (hardTotal > 0 || catCount.length > 0 || apart.size > 0 || langBit.size > 0) {
                const before = hardOf[r][ga] + hardOf[r][gb];
                A[A.indexOf(a)] = b;
                B[B.indexOf(b)] = a;
                const after = groupHard(A) + groupHard(B);
                A[A.indexOf(b)] = a;
                B[B.indexOf(a)] = b;
                delta += HARD * (after - before);
              }
            } else {
              // Compound moves are rare (people kept together): apply, measure, undo.
              const [xs, ys] = move!;
              const gx = w[xs[0]];
              const gy = w[ys[0]];
              const before = HARD * (hardOf[r][gx] + hardOf[r][gy]) + repeats;
              xs.forEach((x, i) => doSwap(r, x, ys[i]));
              const after = HARD * (groupHard(round[gx]) + groupHard(round[gy])) + repeatCost();
              xs.forEach((x, i) => doSwap(r, x, ys[i]));
              delta = after - before;
            }
            const isTabu = tabu[r][b] > iterations || tabu[r][a] > iterations;
            if (isTabu && cost + delta >= best) continue;
            if (delta < bestDelta) {
              bestDelta = delta;
              bestMove = move ?? [[a], [b]];
              ties = 1;
            } else if (delta === bestDelta && random() * ++ties < 1) bestMove = move ?? [[a], [b]];
          }
        }
      if (!bestMove) continue;
      const [xs, ys] = bestMove;
      const gx = w[xs[0]];
      const gy = w[ys[0]];
      const oldHard = hardOf[r][gx] + hardOf[r][gy];
      xs.forEach((x, i) => doSwap(r, x, ys[i]));
      hardOf[r][gx] = groupHard(round[gx]);
      hardOf[r][gy] = groupHard(round[gy]);
      hardTotal += hardOf[r][gx] + hardOf[r][gy] - oldHard;
      repeats = bestMove[0].length === 1 ? repeats + (bestDelta - HARD * (hardOf[r][gx] + hardOf[r][gy] - oldHard)) : repeatCost();
      cost = HARD * hardTotal + repeats;
      const tenure = 4 + Math.floor(random() * 8);
      for (const x of [...xs, ...ys]) tabu[r][x] = iterations + tenure;
      if (cost < best) {
        best = cost;
        bestRounds = groupsOf.map((rd) => rd.map((g) => [...g]));
        sinceBest = 0;
      } else if (++sinceBest > patience) {
        break;
      } else if (sinceBest % (2000 + 20 * n) === 0) {
        // Stuck: shake one round with a few random swaps, then carry on from there.
        const rr = Math.floor(random() * free);
        for (let k = 0; k < 3; k++) {
          const p = active[Math.floor(random() * active.length)];
          const q = active[Math.floor(random() * active.length)];
          if (where[rr][p] === where[rr][q] || unit[p].length > 1 || unit[q].length > 1) continue;
          const gp = where[rr][p];
          const gq = where[rr][q];
          doSwap(rr, p, q);
          const old = hardOf[rr][gp] + hardOf[rr][gq];
          hardOf[rr][gp] = groupHard(groupsOf[rr][gp]);
          hardOf[rr][gq] = groupHard(groupsOf[rr][gq]);
          hardTotal += hardOf[rr][gp] + hardOf[rr][gq] - old;
        }
        repeats = repeatCost();
        cost = HARD * hardTotal + repeats;
      }
    }
    if (best < cost) load(bestRounds);
  };

  // Tabu first: it settles easy instances at once and repairs broken constraints with unit moves.
  // Annealing then explores widely, and a last tabu search finishes from the best plan found.
  const budget = input.timeLimitMs ?? 2000;
  const start = Date.now();
  tabuSearch(start + budget * 0.15, 500 + 5 * n);
  anneal(Math.max(0, start + budget * 0.9 - Date.now()));
  tabuSearch(start + budget, Infinity);
  const bestRounds = groupsOf;
  if (iterations > 0 && method === 'design') method = 'design+search';

  // ---- result ----
  const rounds: Rounds = [...held.map((round) => round.map((g) => [...g])), ...bestRounds].map((round) =>
    round.map((g) => [...g].sort((x, y) => x - y)),
  );
  const finalMeet = new Uint16Array(n * n);
  let repeatPairs = 0;
  let maxMeetings = 0;
  for (const round of rounds)
    for (const g of round)
      for (let x = 0; x < g.length; x++)
        for (let y = x + 1; y < g.length; y++) {
          const k = ++finalMeet[g[x] * n + g[y]];
          if (togetherSet.has(g[x] * n + g[y])) continue;
          if (k > 1) repeatPairs++;
          if (k > maxMeetings) maxMeetings = k;
        }
  problems.push(...brokenConstraints(rounds.slice(held.length), held.length, { n, unit, apart, lang, catOf, lo, hi, catCount, catName }));
  return { rounds, repeatPairs, maxMeetings, lowerBound, problems, method, iterations };
}

/** The search's cost at the counting bound: every unavoidable repeat a second meeting. */
function lowerBoundCost(bound: number) {
  return bound * REPEAT;
}

function addMeetings(round: number[][], meet: Uint16Array, n: number) {
  for (const g of round)
    for (let x = 0; x < g.length; x++)
      for (let y = x + 1; y < g.length; y++) {
        meet[g[x] * n + g[y]]++;
        meet[g[y] * n + g[x]]++;
      }
}

/**
 * A known design for these group sizes, as seats 0..n-1. When n falls short of m full groups of the
 * larger size, the missing seats are taken from one class of people who never meet in the design, so
 * no group loses more than one seat.
 */
function designRounds(sizes: number[], rounds: number): Rounds | null {
  const m = sizes.length;
  const g = Math.max(...sizes);
  const n = sizes.reduce((a, b) => a + b, 0);
  const missing = m * g - n;
  const design = knownSchedule(g, m);
  if (!design || rounds < 1) return null;
  const used = design.slice(0, rounds);
  if (missing === 0) return used;
  // Seats that never share a group in the rounds used: greedily pick `missing` of them.
  const total = m * g;
  const together = new Uint8Array(total * total);
  for (const round of used) for (const grp of round) for (const a of grp) for (const b of grp) together[a * total + b] = 1;
  const gone: number[] = [];
  for (let s = total - 1; s >= 0 && gone.length < missing; s--) if (gone.every((x) => !together[x * total + s])) gone.push(s);
  if (gone.length < missing) return null;
  const renumber = new Map<number, number>();
  for (let s = 0, k = 0; s < total; s++) if (!gone.includes(s)) renumber.set(s, k++);
  return used.map((round) => round.map((grp) => grp.filter((s) => renumber.has(s)).map((s) => renumber.get(s)!)));
}

/**
 * Which person takes which seat of a design: a short local search over renamings that keeps units
 * (people kept together) on seats that always share a group when it can, and spreads categories.
 */
function assignSeats(
  design: Rounds,
  active: number[],
  unit: number[][],
  catOf: number[][],
  lo: number[],
  hi: number[],
  lang: number[],
  apart: Set<number>,
  n: number,
  random: () => number,
): number[] {
  const seats = active.length;
  const order = [...active].sort(() => random() - 0.5);
  // Units of two or more need seats that always share a group: only the design's first round groups
  // qualify in general, so they are seated first and stay put; the search then places them itself.
  const perm = order.slice();
  const cost = () => {
    let c = 0;
    for (const round of design)
      for (const grp of round) {
        const members = grp.map((s) => perm[s]);
        const counts = new Map<number, number>();
        for (const i of members) for (const k of catOf[i]) counts.set(k, (counts.get(k) ?? 0) + 1);
        for (let k = 0; k < lo.length; k++) {
          const v = counts.get(k) ?? 0;
          c += Math.max(0, v - hi[k]) + Math.max(0, lo[k] - v);
        }
        for (const a of members) {
          if (lang[a] && !members.some((b) => b !== a && (lang[a] & lang[b]) !== 0)) c++;
          for (const b of members) if (a < b && apart.has(a * n + b)) c++;
          for (const t of unit[a]) if (t !== a && !members.includes(t)) c++;
        }
      }
    return c;
  };
  let current = cost();
  for (let it = 0; it < 4000 && current > 0; it++) {
    const x = Math.floor(random() * seats);
    const y = Math.floor(random() * seats);
    if (x === y) continue;
    [perm[x], perm[y]] = [perm[y], perm[x]];
    const next = cost();
    if (next <= current) current = next;
    else [perm[x], perm[y]] = [perm[y], perm[x]];
  }
  return perm;
}

/** A round from a previous plan with absent people taken out and new people put in the smallest groups. */
function reseat(previous: number[][], sizes: number[], active: number[], unit: number[][]): number[][] {
  const present = new Set(active);
  const groups = previous.map((g) => g.filter((i) => present.has(i)));
  const placed = new Set(groups.flat());
  while (groups.length < sizes.length) groups.push([]);
  for (const i of active) {
    if (placed.has(i)) continue;
    const members = unit[i].filter((j) => !placed.has(j));
    const smallest = groups.reduce((a, b) => (b.length < a.length ? b : a));
    smallest.push(...members);
    for (const j of members) placed.add(j);
  }
  // Fewer groups than before: fold the extra ones into the smallest remaining.
  while (groups.length > sizes.length) {
    const extra = groups.pop()!;
    for (const i of extra) groups.reduce((a, b) => (b.length < a.length ? b : a)).push(i);
  }
  // Even out sizes: move single people from the largest group to the smallest until within one.
  for (;;) {
    const big = groups.reduce((a, b) => (b.length > a.length ? b : a));
    const small = groups.reduce((a, b) => (b.length < a.length ? b : a));
    if (big.length - small.length <= 1) break;
    const k = big.findIndex((i) => unit[i].length === 1);
    if (k < 0) break;
    small.push(...big.splice(k, 1));
  }
  return groups;
}

/** A round built greedily: each unit joins the open group where it has met the fewest people. */
function greedyRound(sizes: number[], units: number[][], meet: Uint16Array, n: number, random: () => number): number[][] {
  const groups: number[][] = sizes.map(() => []);
  const order = [...units].sort((a, b) => b.length - a.length || random() - 0.5);
  for (const u of order) {
    let bestG = -1;
    let bestScore = Infinity;
    for (let g = 0; g < groups.length; g++) {
      if (groups[g].length + u.length > sizes[g]) continue;
      let score = 0;
      for (const x of groups[g]) for (const i of u) score += meet[i * n + x];
      score = score * 100 + groups[g].length + random();
      if (score < bestScore) {
        bestScore = score;
        bestG = g;
      }
    }
    if (bestG < 0) bestG = groups.reduce((bi, g, gi) => (g.length < groups[bi].length ? gi : bi), 0);
    groups[bestG].push(...u);
  }
  return groups;
}

interface Rules {
  n: number;
  unit: number[][];
  apart: Set<number>;
  lang: number[];
  catOf: number[][];
  lo: number[];
  hi: number[];
  catCount: number[];
  catName: string[];
}

/** Every constraint the final plan does not meet, by round and table, so nothing is dropped silently. */
function brokenConstraints(rounds: Rounds, offset: number, rules: Rules): Problem[] {
  const out: Problem[] = [];
  rounds.forEach((round, r) =>
    round.forEach((g, t) => {
      const at = { round: offset + r + 1, table: t + 1 };
      for (const a of g) {
        for (const b of g) if (a < b && rules.apart.has(a * rules.n + b)) out.push({ code: 'keepApartBroken', people: [a, b], ...at });
        for (const b of rules.unit[a]) if (a < b && !g.includes(b)) out.push({ code: 'keepTogetherBroken', people: [a, b], ...at });
        if (rules.lang[a] && !g.some((b) => b !== a && (rules.lang[a] & rules.lang[b]) !== 0))
          out.push({ code: 'languageBroken', people: [a], ...at });
      }
      const counts = new Map<number, number>();
      for (const i of g) for (const k of rules.catOf[i]) counts.set(k, (counts.get(k) ?? 0) + 1);
      for (let k = 0; k < rules.catCount.length; k++) {
        const v = counts.get(k) ?? 0;
        if (v < rules.lo[k] || v > rules.hi[k]) out.push({ code: 'balanceBroken', ...at, detail: rules.catName[k] });
      }
    }),
  );
  return out;
}
