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
 * plus the mentor's rank of the mentee), within capacities: a min-cost flow (source → mentee →
 * mentor → sink) solved by the primal-dual method. Each phase runs Dijkstra on costs reduced by node
 * potentials (never negative, so Dijkstra is exact), raises the potentials, and then pushes a
 * blocking flow (Dinic) along every residual edge of reduced cost zero at once: many shortest
 * augmenting paths per Dijkstra instead of one Bellman–Ford per mentee. Augmenting along shortest
 * paths until none is left gives the least cost among the largest flows. Edges come only from the
 * preference lists, so the work follows their length, not mentors × mentees.
 */
export function optimalMatching(mentors: MentorPrefs[], mentees: MenteePrefs[], locked: [number, number][] = []): number[] {
  const M = mentees.length;
  const J = mentors.length;
  const { match, capacity, lockedMentee } = withLocks(mentors, mentees, locked);
  // Each mentor's rank of each mentee, looked up once rather than searched for every edge.
  const mentorRank = mentors.map((m) => new Map(m.prefs.map((who, k) => [who, k + 1])));
  // Nodes: source 0, mentees 1..M, mentors M+1..M+J, sink M+J+1. Edge e's reverse is e^1.
  const N = M + J + 2;
  const source = 0;
  const sink = N - 1;
  const from: number[] = [];
  const to: number[] = [];
  const caps: number[] = [];
  const costs: number[] = [];
  const edge = (a: number, b: number, c: number, w: number) => {
    from.push(a, b);
    to.push(b, a);
    caps.push(c, 0);
    costs.push(w, -w);
  };
  for (let i = 0; i < M; i++) {
    if (lockedMentee.has(i)) continue;
    edge(source, 1 + i, 1, 0);
    mentees[i].prefs.forEach((j, k) => {
      const theirs = mentorRank[j]?.get(i);
      if (theirs !== undefined && capacity[j] > 0) edge(1 + i, 1 + M + j, 1, k + 1 + theirs);
    });
  }
  for (let j = 0; j < J; j++) if (capacity[j] > 0) edge(1 + M + j, sink, capacity[j], 0);
  const E = to.length;
  const cap = Int32Array.from(caps);
  const cost = Float64Array.from(costs);
  // Each node's edges in one flat array (compressed rows): first[a] .. first[a + 1].
  const first = new Int32Array(N + 1);
  for (const a of from) first[a + 1]++;
  for (let a = 0; a < N; a++) first[a + 1] += first[a];
  const edges = new Int32Array(E);
  const fill = first.slice(0, N);
  for (let e = 0; e < E; e++) edges[fill[from[e]]++] = e;

  const potential = new Float64Array(N);
  const dist = new Float64Array(N);
  const level = new Int32Array(N);
  const arc = new Int32Array(N);
  const queue = new Int32Array(N);
  const heap = new MinHeap(E + 1);
  const reduced = (e: number) => cost[e] + potential[from[e]] - potential[to[e]];
  /** One augmenting path in the level graph from `a`, or 0 (its dead ends skipped for good, `arc`). */
  const push = (a: number, limit: number): number => {
    if (a === sink) return limit;
    for (; arc[a] < first[a + 1]; arc[a]++) {
      const e = edges[arc[a]];
      const b = to[e];
      if (cap[e] <= 0 || level[b] !== level[a] + 1 || reduced(e) !== 0) continue;
      const sent = push(b, Math.min(limit, cap[e]));
      if (sent > 0) {
        cap[e] -= sent;
        cap[e ^ 1] += sent;
        return sent;
      }
    }
    return 0;
  };
  for (;;) {
    dist.fill(Infinity);
    dist[source] = 0;
    heap.push(0, source);
    while (heap.size > 0) {
      const d = heap.topKey();
      const a = heap.pop();
      if (d > dist[a]) continue;
      // Nodes not settled by now end at least as far as the sink: their potentials rise by its distance alike.
      if (a === sink) break;
      for (let k = first[a]; k < first[a + 1]; k++) {
        const e = edges[k];
        if (cap[e] <= 0) continue;
        const nd = d + reduced(e);
        if (nd < dist[to[e]]) {
          dist[to[e]] = nd;
          heap.push(nd, to[e]);
        }
      }
    }
    heap.size = 0;
    const reach = dist[sink];
    if (reach === Infinity) break;
    // Capped at the sink's distance so every residual edge keeps a reduced cost of zero or more.
    for (let v = 0; v < N; v++) potential[v] += Math.min(dist[v], reach);
    // Blocking flows along the edges now of reduced cost zero (Dinic: levels by BFS, then DFS).
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      queue[0] = source;
      for (let head = 0, tail = 1; head < tail; head++) {
        const a = queue[head];
        for (let k = first[a]; k < first[a + 1]; k++) {
          const e = edges[k];
          if (cap[e] > 0 && level[to[e]] < 0 && reduced(e) === 0) {
            level[to[e]] = level[a] + 1;
            queue[tail++] = to[e];
          }
        }
      }
      if (level[sink] < 0) break;
      arc.set(first.subarray(0, N));
      while (push(source, Infinity) > 0);
    }
  }
  for (let e = 0; e < E; e += 2)
    if (from[e] >= 1 && from[e] <= M && to[e] > M && to[e] < sink && cap[e] === 0) match[from[e] - 1] = to[e] - 1 - M;
  return match;
}

/** A binary min-heap of (key, node) in typed arrays; a node may sit in it more than once (stale entries are skipped by the caller). */
class MinHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  size = 0;
  constructor(room: number) {
    this.keys = new Float64Array(room);
    this.nodes = new Int32Array(room);
  }
  topKey() {
    return this.keys[0];
  }
  push(key: number, node: number) {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.nodes[i] = this.nodes[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }
  pop(): number {
    const top = this.nodes[0];
    const key = this.keys[--this.size];
    const node = this.nodes[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) child++;
      if (this.keys[child] >= key) break;
      this.keys[i] = this.keys[child];
      this.nodes[i] = this.nodes[child];
      i = child;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
    return top;
  }
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
