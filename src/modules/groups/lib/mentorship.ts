/**
 * Mentorship matching, pure: mentors with capacities and ranked mentees, mentees with ranked mentors.
 * A pair is acceptable only when each lists the other. Answers, for each mentee, the mentor's index
 * or -1.
 */

export interface MentorPrefs {
  capacity: number;
  /** Mentee indexes, most wanted first. */
  prefs: number[];
}
export interface MenteePrefs {
  /** Mentor indexes, most wanted first. */
  prefs: number[];
}

/** 1-based rank of `who` in `list`, or 0 when absent. */
const rankIn = (list: number[], who: number) => list.indexOf(who) + 1;

function acceptable(mentors: MentorPrefs[], mentees: MenteePrefs[], mentor: number, mentee: number): boolean {
  return rankIn(mentors[mentor].prefs, mentee) > 0 && rankIn(mentees[mentee].prefs, mentor) > 0;
}

/** Locked pairs placed first: they take a place of the mentor's capacity and leave the mentee out of the rest. */
function withLocks(mentors: MentorPrefs[], mentees: MenteePrefs[], locked: [number, number][]) {
  const match = new Array<number>(mentees.length).fill(-1);
  const capacity = mentors.map((m) => m.capacity);
  const lockedMentee = new Set<number>();
  for (const [mentor, mentee] of locked) {
    match[mentee] = mentor;
    capacity[mentor]--;
    lockedMentee.add(mentee);
  }
  return { match, capacity, lockedMentee };
}

/**
 * Mentee-proposing deferred acceptance with capacities (Gale–Shapley, hospitals/residents form): each
 * unmatched mentee asks the next mentor on their list; a mentor keeps the best `capacity` askers so
 * far. The result is stable and the best stable matching for every mentee. Locked pairs are placed
 * first and take a place of the mentor's capacity.
 */
export function stableMatching(mentors: MentorPrefs[], mentees: MenteePrefs[], locked: [number, number][] = []): number[] {
  const { match, capacity, lockedMentee } = withLocks(mentors, mentees, locked);
  const held: number[][] = mentors.map(() => []);
  const next = new Array<number>(mentees.length).fill(0);
  const free = mentees.map((_, i) => i).filter((i) => !lockedMentee.has(i));
  while (free.length > 0) {
    const i = free.pop()!;
    const list = mentees[i].prefs;
    while (next[i] < list.length) {
      const j = list[next[i]++];
      if (capacity[j] <= 0 || rankIn(mentors[j].prefs, i) === 0) continue;
      held[j].push(i);
      held[j].sort((a, b) => rankIn(mentors[j].prefs, a) - rankIn(mentors[j].prefs, b));
      if (held[j].length > capacity[j]) {
        const rejected = held[j].pop()!;
        if (rejected !== i) {
          match[i] = j;
          match[rejected] = -1;
          free.push(rejected);
        }
        if (rejected === i) continue;
      } else match[i] = j;
      break;
    }
  }
  return match;
}

/**
 * The most mentees matched, and among those the least total rank (the mentee's rank of the mentor
 * plus the mentor's rank of the mentee), within capacities: a min-cost flow, augmenting along
 * shortest paths (Bellman–Ford, costs are small integers).
 */
export function optimalMatching(mentors: MentorPrefs[], mentees: MenteePrefs[], locked: [number, number][] = []): number[] {
  const M = mentees.length;
  const J = mentors.length;
  const { match, capacity, lockedMentee } = withLocks(mentors, mentees, locked);
  // Nodes: source 0, mentees 1..M, mentors M+1..M+J, sink M+J+1.
  const N = M + J + 2;
  const sink = N - 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const adj: number[][] = Array.from({ length: N }, () => []);
  const edge = (a: number, b: number, c: number, w: number) => {
    for (const [from, target, c2, w2] of [
      [a, b, c, w],
      [b, a, 0, -w],
    ]) {
      adj[from].push(to.length);
      to.push(target);
      cap.push(c2);
      cost.push(w2);
    }
  };
  for (let i = 0; i < M; i++) if (!lockedMentee.has(i)) edge(0, 1 + i, 1, 0);
  for (let i = 0; i < M; i++)
    for (const j of mentees[i].prefs)
      if (!lockedMentee.has(i) && acceptable(mentors, mentees, j, i))
        edge(1 + i, 1 + M + j, 1, rankIn(mentees[i].prefs, j) + rankIn(mentors[j].prefs, i));
  for (let j = 0; j < J; j++) if (capacity[j] > 0) edge(1 + M + j, sink, capacity[j], 0);
  for (;;) {
    const dist = new Array<number>(N).fill(Infinity);
    const via = new Array<number>(N).fill(-1);
    dist[0] = 0;
    for (let round = 0, changed = true; changed && round < N; round++) {
      changed = false;
      for (let a = 0; a < N; a++) {
        if (dist[a] === Infinity) continue;
        for (const e of adj[a])
          if (cap[e] > 0 && dist[a] + cost[e] < dist[to[e]]) {
            dist[to[e]] = dist[a] + cost[e];
            via[to[e]] = e;
            changed = true;
          }
      }
    }
    if (dist[sink] === Infinity) break;
    for (let v = sink; v !== 0; v = to[via[v] ^ 1]) {
      cap[via[v]]--;
      cap[via[v] ^ 1]++;
    }
  }
  for (let i = 0; i < M; i++)
    for (const e of adj[1 + i]) if (to[e] > M && to[e] <= M + J && cap[e] === 0 && cost[e] > 0) match[i] = to[e] - 1 - M;
  return match;
}

/** Pairs that would both rather be together than with what they have: none, in a stable matching. */
export function blockingPairs(mentors: MentorPrefs[], mentees: MenteePrefs[], match: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < mentees.length; i++)
    for (const j of mentees[i].prefs) {
      if (match[i] === j || !acceptable(mentors, mentees, j, i)) continue;
      const menteeWants = match[i] < 0 || rankIn(mentees[i].prefs, j) < rankIn(mentees[i].prefs, match[i]);
      if (!menteeWants) continue;
      const mine = match.map((m, k) => (m === j ? k : -1)).filter((k) => k >= 0);
      const worst = Math.max(0, ...mine.map((k) => rankIn(mentors[j].prefs, k)));
      if (mine.length < mentors[j].capacity || rankIn(mentors[j].prefs, i) < worst) out.push([j, i]);
    }
  return out;
}
