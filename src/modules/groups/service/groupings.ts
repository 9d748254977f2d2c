import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { AppError, FieldProblems, notFound } from '../../../platform/http/errors';
import { emailAddress, personName } from '../../../platform/http/validation';
import { signLink, verifyLink } from '../../../platform/auth/tokens';
import { eventParticipants, getEvent, getEventById, type EventRow } from '../../events';
import { findPeopleByEmails, isGovernmentSector } from '../../people';
import { groupSizes, solve, type SolverPerson } from '../lib/solver';
import { groupings, type GroupingRow, type StoredParticipant, type StoredProblem } from '../schema';

const MAX_ROUNDS = 20;
const MAX_PEOPLE = 2000;
/** How long the search may run inside a request; it stops sooner at the counting bound. */
const SEARCH_MS = 2000;

const idText = z.string().trim().min(1).max(200);

const participantInput = z
  .object({
    id: idText.optional(),
    email: emailAddress.optional(),
    name: personName,
    government: z.boolean().optional(),
    sector: z.string().trim().max(100).optional(),
    languages: z.array(z.string().trim().toLowerCase().min(2).max(35)).max(10).optional(),
    facilitator: z.boolean().optional(),
  })
  .strict();
export type ParticipantInput = z.infer<typeof participantInput>;

const pairList = z.array(z.tuple([idText, idText])).max(1000);

export const groupingInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    event: z.string().trim().min(1).max(100).optional(),
    /** Seat the event's people: everyone going, or only those checked in; `participants` may add more. */
    participantsFrom: z.enum(['going', 'checked_in']).optional(),
    participants: z.array(participantInput).max(MAX_PEOPLE).default([]),
    groupSize: z.number().int().optional(),
    groups: z.number().int().optional(),
    rounds: z.number().int().min(1, { message: 'groups.error.rounds' }).max(MAX_ROUNDS, { message: 'groups.error.rounds' }),
    constraints: z
      .object({
        balance: z
          .array(z.enum(['government', 'sector']))
          .max(2)
          .optional(),
        keepApart: pairList.optional(),
        keepTogether: pairList.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.participantsFrom && v.participants.length < 2)
      ctx.addIssue({ code: 'custom', path: ['participants'], message: 'groups.error.notEnoughPeople' });
  });
export type GroupingInput = z.infer<typeof groupingInput>;

export const rebalanceInput = z
  .object({
    fromRound: z.number().int().min(1).max(MAX_ROUNDS),
    absent: z.array(idText).max(MAX_PEOPLE).default([]),
    arrived: z.array(participantInput).max(MAX_PEOPLE).default([]),
  })
  .strict();
export type RebalanceInput = z.infer<typeof rebalanceInput>;

const keyOf = (p: ParticipantInput) => p.id ?? p.email?.toLowerCase() ?? null;

/** Participants with their identifiers, refusing duplicates and people with neither id nor email. */
function storedPeople(list: ParticipantInput[], problems: FieldProblems, field: string, taken = new Set<string>()): StoredParticipant[] {
  const out: StoredParticipant[] = [];
  list.forEach((p, i) => {
    const key = keyOf(p);
    if (!key) return problems.add(`${field}.${i}`, 'groups.error.identify');
    if (taken.has(key)) return problems.add(`${field}.${i}`, 'groups.error.duplicate', { who: p.id ?? p.email ?? p.name });
    taken.add(key);
    out.push({
      key,
      id: p.id ?? null,
      email: p.email ?? null,
      name: p.name,
      government: p.government ?? defaultGovernment(p.sector),
      sector: p.sector || null,
      languages: p.languages ?? [],
      facilitator: p.facilitator ?? false,
    });
  });
  return out;
}

/** `government` defaults from the sector label when it says so ("Government", "Gobierno", "Public sector"). */
function defaultGovernment(sector: string | undefined): boolean | null {
  if (!sector) return null;
  return /\b(government|gobierno|public sector|sector público)\b/i.test(sector);
}

/** Finds a person by the identifier the API uses (id, or email without one), case-insensitively for emails. */
function indexOfKey(people: StoredParticipant[], who: string): number {
  const exact = people.findIndex((p) => p.key === who);
  if (exact >= 0) return exact;
  const lower = who.trim().toLowerCase();
  return people.findIndex((p) => p.key.toLowerCase() === lower || p.email?.toLowerCase() === lower);
}

function pairsOf(
  people: StoredParticipant[],
  pairs: [string, string][] | undefined,
  field: string,
  problems: FieldProblems,
): [number, number][] {
  const out: [number, number][] = [];
  (pairs ?? []).forEach(([a, b], i) => {
    const ia = indexOfKey(people, a);
    const ib = indexOfKey(people, b);
    if (ia < 0) return problems.add(`${field}.${i}`, 'groups.error.unknownId', { who: a });
    if (ib < 0) return problems.add(`${field}.${i}`, 'groups.error.unknownId', { who: b });
    if (ia === ib) return problems.add(`${field}.${i}`, 'groups.error.pairSelf');
    out.push([ia, ib]);
  });
  return out;
}

interface Checked {
  people: StoredParticipant[];
  keepApart: [number, number][];
  keepTogether: [number, number][];
}

/** Every bad-input rule of the issue, checked before anything is computed or saved. */
function check(input: GroupingInput): Checked {
  const problems = new FieldProblems();
  const people = storedPeople(input.participants, problems, 'participants');
  const n = input.participants.length;
  if (input.groupSize === undefined && input.groups === undefined) problems.add('groupSize', 'groups.error.sizeOrGroups');
  if (input.groupSize !== undefined && (input.groupSize < 2 || input.groupSize > n)) problems.add('groupSize', 'groups.error.groupSize');
  if (input.groups !== undefined && (input.groups < 1 || input.groups > Math.floor(n / 2))) problems.add('groups', 'groups.error.groups');
  const keepApart = pairsOf(people, input.constraints?.keepApart, 'constraints.keepApart', problems);
  const keepTogether = pairsOf(people, input.constraints?.keepTogether, 'constraints.keepTogether', problems);
  const together = new Set(keepTogether.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
  keepApart.forEach(([a, b], i) => {
    if (together.has(`${Math.min(a, b)}-${Math.max(a, b)}`))
      problems.add(`constraints.keepApart.${i}`, 'groups.error.togetherAndApart', { a: people[a].name, b: people[b].name });
  });
  problems.throwIfAny();
  const m = groupSizes(n, input).length;
  const facilitators = people.filter((p) => p.facilitator).length;
  if (facilitators > m) problems.add('participants', 'groups.error.tooManyFacilitators', { facilitators, groups: m });
  problems.throwIfAny();
  return { people, keepApart, keepTogether };
}

const solverPeople = (people: StoredParticipant[]): SolverPerson[] =>
  people.map((p) => ({
    government: p.government ?? undefined,
    sector: p.sector ?? undefined,
    languages: p.languages,
    facilitator: p.facilitator,
    absent: p.absent,
  }));

function problemsOf(list: ReturnType<typeof solve>['problems'], people: StoredParticipant[]): StoredProblem[] {
  return list.map((p) => ({ ...p, people: p.people?.map((i) => people[i].key) }));
}

/**
 * The event's people (its going or checked-in list) followed by anyone pasted who is not among them
 * (an interpreter, a facilitator). Sector and government come from each person's profile; languages
 * stay unknown, since a profile holds the language a person reads mail in, not every one they speak.
 */
async function withEventPeople(
  db: Db,
  e: EventRow | null,
  from: 'going' | 'checked_in',
  pasted: ParticipantInput[],
): Promise<ParticipantInput[]> {
  const problems = new FieldProblems();
  if (!e) problems.add('participantsFrom', 'groups.error.needsEvent');
  problems.throwIfAny();
  const listed: ParticipantInput[] = [];
  const going = await eventParticipants(db, e!.id, from);
  const profiles = await findPeopleByEmails(
    db,
    going.flatMap((r) => (r.email ? [r.email] : [])),
  );
  for (const r of going) {
    const profile = r.email ? profiles.get(r.email.toLowerCase()) : undefined;
    const sector = profile?.sector ?? undefined;
    listed.push({
      id: r.personId,
      ...(r.email ? { email: r.email } : {}),
      name: r.name,
      ...(sector ? { sector, government: isGovernmentSector(sector) } : {}),
    });
  }
  const emails = new Set(listed.map((p) => p.email?.toLowerCase()).filter(Boolean));
  const all = [...listed, ...pasted.filter((p) => !p.email || !emails.has(p.email.toLowerCase()))];
  if (all.length < 2) problems.add('participants', 'groups.error.notEnoughPeople');
  problems.throwIfAny();
  return all;
}

/** The event a grouping is for, by slug or id. */
export async function eventFor(db: Db, ref: string): Promise<EventRow> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref)) return getEventById(db, ref);
  return getEvent(db, ref);
}

/**
 * Plans and saves a grouping. `authorize` sees the event (or, without one, the chapter) before
 * anything is computed, so a refused caller learns nothing and costs no search.
 */
export async function createGrouping(
  db: Db,
  input: GroupingInput,
  opts: { chapter: string | null; by: string | null; authorize: (target: { chapter: string | null }) => void; seed?: number },
): Promise<GroupingRow> {
  const e = input.event ? await eventFor(db, input.event) : null;
  const chapter = e ? e.chapter : opts.chapter;
  opts.authorize({ chapter });
  if (input.participantsFrom) input = { ...input, participants: await withEventPeople(db, e, input.participantsFrom, input.participants) };
  const { people, keepApart, keepTogether } = check(input);
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const result = solve({
    people: solverPeople(people),
    groupSize: input.groupSize,
    groups: input.groups,
    rounds: input.rounds,
    balance: input.constraints?.balance,
    keepApart,
    keepTogether,
    seed,
    timeLimitMs: SEARCH_MS,
  });
  const [row] = await db
    .insert(groupings)
    .values({
      eventId: e?.id ?? null,
      chapter,
      title: input.title,
      groupSize: input.groupSize ?? null,
      groups: input.groups ?? null,
      rounds: input.rounds,
      participants: people,
      constraints: {
        balance: input.constraints?.balance ?? [],
        keepApart: keepApart.map(([a, b]) => [people[a].key, people[b].key]),
        keepTogether: keepTogether.map(([a, b]) => [people[a].key, people[b].key]),
      },
      plan: result.rounds,
      repeatPairs: result.repeatPairs,
      maxMeetings: result.maxMeetings,
      lowerBound: result.lowerBound,
      warnings: problemsOf(result.problems, people),
      createdBy: opts.by,
    })
    .returning();
  return row;
}

export async function getGrouping(db: Db, id: string): Promise<GroupingRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [row] = await db.select().from(groupings).where(eq(groupings.id, id));
  if (!row) throw notFound();
  return row;
}

/** Groupings an organizer may see: those of their chapters (all, for admins), newest first. */
export async function listGroupings(db: Db, chapters: string[] | null): Promise<GroupingRow[]> {
  const all = await db.select().from(groupings).orderBy(desc(groupings.createdAt)).limit(200);
  return chapters === null ? all : all.filter((g) => g.chapter === null || chapters.includes(g.chapter));
}

/**
 * Marks people absent and seats arrivals from `fromRound` on. Rounds before it are held: they never
 * change and their meetings count. A round already held (before an earlier rebalance's start) is refused.
 */
export async function rebalanceGrouping(db: Db, g: GroupingRow, input: RebalanceInput, seed?: number): Promise<GroupingRow> {
  const problems = new FieldProblems();
  if (input.fromRound <= g.heldRounds)
    problems.add('fromRound', 'groups.error.roundHeld', { round: input.fromRound, next: g.heldRounds + 1 });
  else if (input.fromRound < 2 || input.fromRound > g.rounds) problems.add('fromRound', 'groups.error.fromRound', { rounds: g.rounds });
  const people = g.participants.map((p) => ({ ...p }));
  input.absent.forEach((who, i) => {
    const k = indexOfKey(people, who);
    if (k < 0) problems.add(`absent.${i}`, 'groups.error.unknownAbsent', { who });
    else people[k].absent = true;
  });
  const taken = new Set(people.map((p) => p.key));
  // Someone marked absent earlier who arrives after all comes back rather than being added twice.
  const arrivals = input.arrived.filter((a) => {
    const k = indexOfKey(people, keyOf(a) ?? '');
    if (k >= 0 && people[k].absent) {
      people[k].absent = false;
      return false;
    }
    return true;
  });
  people.push(...storedPeople(arrivals, problems, 'arrived', taken));
  problems.throwIfAny();
  const index = (key: string) => indexOfKey(people, key);
  const keepApart = (g.constraints.keepApart ?? []).map(([a, b]) => [index(a), index(b)] as [number, number]);
  const keepTogether = (g.constraints.keepTogether ?? []).map(([a, b]) => [index(a), index(b)] as [number, number]);
  const activeCount = people.filter((p) => !p.absent).length;
  const m = groupSizes(activeCount, { groupSize: g.groupSize ?? undefined, groups: g.groups ?? undefined }).length;
  if (activeCount < 2) problems.add('absent', 'groups.error.notEnoughPeople');
  else if (people.filter((p) => p.facilitator && !p.absent).length > m)
    problems.add('arrived', 'groups.error.tooManyFacilitators', { facilitators: people.filter((p) => p.facilitator).length, groups: m });
  problems.throwIfAny();
  const held = g.plan.slice(0, input.fromRound - 1);
  const result = solve({
    people: solverPeople(people),
    groupSize: g.groupSize ?? undefined,
    groups: g.groups ?? undefined,
    rounds: g.rounds,
    balance: g.constraints.balance,
    keepApart: keepApart.filter(([a, b]) => a >= 0 && b >= 0 && !people[a].absent && !people[b].absent),
    keepTogether: keepTogether.filter(([a, b]) => a >= 0 && b >= 0 && !people[a].absent && !people[b].absent),
    held,
    start: g.plan.slice(input.fromRound - 1),
    seed: seed ?? Math.floor(Math.random() * 2 ** 31),
    timeLimitMs: SEARCH_MS,
  });
  // Conditional on the version read: two rebalances at once cannot both apply to the same plan.
  const [row] = await db
    .update(groupings)
    .set({
      participants: people,
      plan: result.rounds,
      heldRounds: input.fromRound - 1,
      repeatPairs: result.repeatPairs,
      maxMeetings: result.maxMeetings,
      lowerBound: result.lowerBound,
      warnings: problemsOf(result.problems, people),
      version: sql`${groupings.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(groupings.id, g.id), eq(groupings.version, g.version)))
    .returning();
  if (!row) throw new AppError('conflict', 409, 'groups.error.changed');
  return row;
}

/** The API's answer: rounds of tables listing each member's identifier. */
export function groupingJson(g: GroupingRow, url: string) {
  return {
    id: g.id,
    url,
    title: g.title,
    rounds: g.plan.map((round, r) => ({
      round: r + 1,
      held: r < g.heldRounds,
      groups: round.map((members, t) => ({ table: t + 1, members: members.map((i) => g.participants[i].key) })),
    })),
    repeatPairs: g.repeatPairs,
    maxMeetings: g.maxMeetings,
    lowerBound: g.lowerBound,
    warnings: g.warnings,
  };
}

// ---- signed links: the printable sheets for facilitators, and each person's "your table" page ----

const SHEET = 'groupsheet';
const MINE = 'grouptable';

export const sheetToken = (secret: Uint8Array, id: string) => signLink(secret, SHEET, { g: id });
export async function groupingFromSheet(db: Db, secret: Uint8Array, token: string): Promise<GroupingRow> {
  const claims = await verifyLink<{ g: string }>(secret, SHEET, token);
  if (!claims) throw notFound();
  return getGrouping(db, claims.g);
}

const tableToken = (secret: Uint8Array, id: string, key: string) => signLink(secret, MINE, { g: id, k: key });
export async function seatFromToken(db: Db, secret: Uint8Array, token: string): Promise<{ g: GroupingRow; index: number }> {
  const claims = await verifyLink<{ g: string; k: string }>(secret, MINE, token);
  if (!claims) throw notFound();
  const g = await getGrouping(db, claims.g);
  const index = g.participants.findIndex((p) => p.key === claims.k);
  if (index < 0) throw notFound();
  return { g, index };
}

/**
 * For an event's ticket page: a "your table" link for each grouping of that event the ticket's owner
 * is in (matched by email). Handed to the events module as a hook at composition.
 */
export async function tableLinks(
  db: Db,
  secret: Uint8Array,
  q: { eventId: string; email: string },
): Promise<{ title: string; token: string }[]> {
  const list = await db.select().from(groupings).where(eq(groupings.eventId, q.eventId)).orderBy(groupings.createdAt);
  const email = q.email.toLowerCase();
  const out: { title: string; token: string }[] = [];
  for (const g of list) {
    const p = g.participants.find((x) => !x.absent && x.email?.toLowerCase() === email);
    if (p) out.push({ title: g.title, token: await tableToken(secret, g.id, p.key) });
  }
  return out;
}

/** Where each person sits, round by round: the table number (1-based), or null when absent. */
export function seatsOf(g: GroupingRow, index: number): (number | null)[] {
  return g.plan.map((round) => {
    const t = round.findIndex((members) => members.includes(index));
    return t < 0 ? null : t + 1;
  });
}
