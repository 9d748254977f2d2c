import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { AppError, FieldProblems, notFound } from '../../../platform/http/errors';
import { emailAddress, personName } from '../../../platform/http/validation';
import type { Locale } from '../../../platform/i18n';
import { enqueue } from '../../../platform/queue/queue';
import { mentorships, type MentorshipRow, type StoredMentee, type StoredMentor, type StoredPair } from '../schema';
import { eventFor } from './groupings';
import { explainMatch, introductions, matchMentorship, type MatchInput } from './mentorship';

const MAX_PEOPLE = 1000;
const words = z.array(z.string().trim().min(1).max(100)).max(20).default([]);
const choices = z.array(z.string().trim().min(1).max(200)).max(MAX_PEOPLE).default([]);
const language = z.enum(['en', 'es']).optional();

/** Both sides' lists as organizers enter them; choices name the other side by email or by name. */
export const mentorshipInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    event: z.string().trim().min(1).max(100).optional(),
    mode: z.enum(['stable', 'optimal']).default('stable'),
    mentors: z
      .array(
        z
          .object({
            name: personName,
            email: emailAddress.optional(),
            language,
            capacity: z.number({ message: 'groups.mentorship.error.capacity' }).int().min(1).max(50),
            languages: words,
            agency: z.string().trim().max(200).optional(),
            topics: words,
            choices,
          })
          .strict(),
      )
      .min(1, { message: 'groups.mentorship.error.noMentors' })
      .max(MAX_PEOPLE),
    mentees: z
      .array(z.object({ name: personName, email: emailAddress.optional(), language, languages: words, goals: words, choices }).strict())
      .min(1, { message: 'groups.mentorship.error.noMentees' })
      .max(MAX_PEOPLE),
  })
  .strict();
type Parsed = z.infer<typeof mentorshipInput>;

const keyOf = (p: { name: string; email?: string | null }) => (p.email ? p.email.toLowerCase() : p.name);
/** Someone who only lists Spanish reads their introduction in Spanish unless told otherwise. */
const languageOf = (p: { language?: 'en' | 'es'; languages: string[] }): 'en' | 'es' =>
  p.language ?? (p.languages.length > 0 && p.languages.every((l) => l.toLowerCase() === 'es') ? 'es' : 'en');

/** Turns the lists into stored people, each choice resolved to a key of the other side; unknown names are 422s. */
function storedLists(input: Parsed): { mentors: StoredMentor[]; mentees: StoredMentee[] } {
  const problems = new FieldProblems();
  const index = (list: { name: string; email?: string }[], side: string) => {
    const byKey = new Map<string, string>();
    const byName = new Map<string, string>();
    list.forEach((p, i) => {
      const key = keyOf(p);
      if (byKey.has(key.toLowerCase())) problems.add(`${side}.${i}`, 'groups.mentor.error.duplicate', { who: p.email ?? p.name });
      byKey.set(key.toLowerCase(), key);
      byName.set(p.name.toLowerCase(), key);
    });
    return (ref: string) => byKey.get(ref.toLowerCase()) ?? byName.get(ref.toLowerCase());
  };
  const mentorKey = index(input.mentors, 'mentors');
  const menteeKey = index(input.mentees, 'mentees');
  const resolve = (refs: string[], find: (ref: string) => string | undefined, field: string) =>
    refs.flatMap((ref) => {
      const key = find(ref);
      if (!key) problems.add(field, 'groups.mentor.error.unknown', { who: ref });
      return key ? [key] : [];
    });
  const mentors = input.mentors.map((m, i) => ({
    key: keyOf(m),
    name: m.name,
    email: m.email?.toLowerCase() ?? null,
    language: languageOf(m),
    capacity: m.capacity,
    languages: m.languages,
    agency: m.agency || null,
    topics: m.topics,
    choices: resolve(m.choices, menteeKey, `mentors.${i}.choices`),
  }));
  const mentees = input.mentees.map((m, i) => ({
    key: keyOf(m),
    name: m.name,
    email: m.email?.toLowerCase() ?? null,
    language: languageOf(m),
    languages: m.languages,
    goals: m.goals,
    choices: resolve(m.choices, mentorKey, `mentees.${i}.choices`),
  }));
  problems.throwIfAny();
  return { mentors, mentees };
}

const shareCount = (a: string[], b: string[]) => a.filter((x) => b.some((y) => y.toLowerCase() === x.toLowerCase())).length;

/**
 * The matcher's input. A mentor who ranked no one accepts every mentee who chose them, those sharing
 * more of their topics and then more languages first (ties in list order): entering a ranking for
 * every mentor is rarely practical, and a mentor left with an empty list could never be matched.
 */
function matcherInput(m: Pick<MentorshipRow, 'mentors' | 'mentees' | 'mode' | 'locked'>): { input: MatchInput; unranked: Set<string> } {
  const unranked = new Set(m.mentors.filter((x) => x.choices.length === 0).map((x) => x.key));
  // Who chose each mentor, gathered once: a thousand mentors each scanning every mentee's list was slow.
  const chosenBy = new Map<string, { e: StoredMentee; order: number }[]>();
  m.mentees.forEach((e, order) =>
    e.choices.forEach((key) => {
      const list = chosenBy.get(key) ?? [];
      if (list.length === 0) chosenBy.set(key, list);
      // A mentee naming the mentor twice is listed once (their entries are the list's latest).
      if (list.at(-1)?.e !== e) list.push({ e, order });
    }),
  );
  const input: MatchInput = {
    mode: m.mode,
    mentors: m.mentors.map((x) => ({
      id: x.key,
      name: x.name,
      capacity: x.capacity,
      languages: x.languages,
      agency: x.agency ?? undefined,
      topics: x.topics,
      preferences:
        x.choices.length > 0
          ? x.choices
          : (chosenBy.get(x.key) ?? [])
              .map(({ e, order }) => ({ e, order, topics: shareCount(x.topics, e.goals), spoken: shareCount(x.languages, e.languages) }))
              .sort((a, b) => b.topics - a.topics || b.spoken - a.spoken || a.order - b.order)
              .map(({ e }) => e.key),
      email: x.email ?? undefined,
      language: x.language,
    })),
    mentees: m.mentees.map((x) => ({
      id: x.key,
      name: x.name,
      preferences: x.choices,
      languages: x.languages,
      goals: x.goals,
      email: x.email ?? undefined,
      language: x.language,
    })),
    locked: m.locked,
  };
  return { input, unranked };
}

/** The pairs a run gives, in the order of the mentors' list. */
function run(m: Pick<MentorshipRow, 'mentors' | 'mentees' | 'mode' | 'locked'>): StoredPair[] {
  const { input, unranked } = matcherInput(m);
  return matchMentorship(input, 'en', unranked).matches.flatMap((x) => x.mentees.map((k): StoredPair => [x.mentor, k]));
}

/** Saves both lists and the first run's pairs. `authorize` sees the event's chapter (or the organizer's) first. */
export async function createMentorship(
  db: Db,
  raw: Parsed,
  opts: { chapter: string | null; by: string | null; authorize: (target: { chapter: string | null }) => void },
): Promise<MentorshipRow> {
  const e = raw.event ? await eventFor(db, raw.event) : null;
  const chapter = e ? e.chapter : opts.chapter;
  opts.authorize({ chapter });
  const lists = storedLists(raw);
  const pairs = run({ ...lists, mode: raw.mode, locked: [] });
  const [row] = await db
    .insert(mentorships)
    .values({ eventId: e?.id ?? null, chapter, title: raw.title, mode: raw.mode, ...lists, pairs, createdBy: opts.by })
    .returning();
  return row;
}

/** A round's lists as typed again: the same rules as a new round (every line checked, nothing half-saved). */
export const mentorshipListsInput = mentorshipInput.pick({ title: true, mentors: true, mentees: true });
type Lists = z.infer<typeof mentorshipListsInput>;

/**
 * Replaces a round's title and lists and matches again in its mode. Locked pairs whose two people are
 * still listed (and fit the mentor's places) stay locked; pairs already introduced stay recorded, so
 * nobody is introduced twice. Conditional on `version` (the one the organizer's form or the API
 * client read): a change made meanwhile is a 409, never overwritten.
 */
export async function updateMentorship(db: Db, m: MentorshipRow, raw: Lists, version: number): Promise<MentorshipRow> {
  const lists = storedLists({ ...raw, mode: m.mode });
  expectVersion(m, version);
  const mentorKeys = new Map(lists.mentors.map((x) => [x.key, x.capacity]));
  const menteeKeys = new Set(lists.mentees.map((x) => x.key));
  const load = new Map<string, number>();
  const locked = m.locked.filter(([a, b]) => {
    const room = mentorKeys.get(a) ?? 0;
    const used = load.get(a) ?? 0;
    if (!menteeKeys.has(b) || used >= room) return false;
    load.set(a, used + 1);
    return true;
  });
  const pairs = run({ ...lists, mode: m.mode, locked });
  const [row] = await db
    .update(mentorships)
    .set({ title: raw.title, ...lists, locked, pairs, version: sql`${mentorships.version} + 1`, updatedAt: new Date() })
    .where(and(eq(mentorships.id, m.id), eq(mentorships.version, version)))
    .returning();
  if (!row) throw new AppError('conflict', 409, 'groups.mentorship.changed');
  return row;
}

export async function getMentorship(db: Db, id: string): Promise<MentorshipRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [row] = await db.select().from(mentorships).where(eq(mentorships.id, id));
  if (!row) throw notFound();
  return row;
}

/** The mentorship rounds an organizer may see: those of their chapters (all, for admins), newest first. */
export async function listMentorships(db: Db, chapters: string[] | null): Promise<MentorshipRow[]> {
  const all = await db.select().from(mentorships).orderBy(desc(mentorships.createdAt)).limit(200);
  return chapters === null ? all : all.filter((m) => m.chapter === null || chapters.includes(m.chapter));
}

/** Conditional on the version read, so two organizers' changes at once cannot mix: the second gets 409. */
async function save(db: Db, m: MentorshipRow, set: Partial<Pick<MentorshipRow, 'pairs' | 'locked' | 'mode' | 'introduced'>>) {
  const [row] = await db
    .update(mentorships)
    .set({ ...set, version: sql`${mentorships.version} + 1`, updatedAt: new Date() })
    .where(and(eq(mentorships.id, m.id), eq(mentorships.version, m.version)))
    .returning();
  if (!row) throw new AppError('conflict', 409, 'groups.mentorship.changed');
  return row;
}

const samePair = (a: StoredPair, b: StoredPair) => a[0] === b[0] && a[1] === b[1];

/** The version a client read, when it sent one: a round changed since is a 409 rather than a surprise. */
export function expectVersion(m: MentorshipRow, version: number | undefined): void {
  if (version !== undefined && version !== m.version) throw new AppError('conflict', 409, 'groups.mentorship.changed');
}

/** Locks a pair of the current matches (kept by every later run), or unlocks it. Only a current pair can be locked. */
export async function setLock(db: Db, m: MentorshipRow, pair: StoredPair, locked: boolean): Promise<MentorshipRow> {
  if (locked && !m.pairs.some((p) => samePair(p, pair))) throw notFound();
  const rest = m.locked.filter((p) => !samePair(p, pair));
  return save(db, m, { locked: locked ? [...rest, pair] : rest });
}

/** Runs the matching again around the locked pairs, in the mode asked for. */
export async function rerun(db: Db, m: MentorshipRow, mode: 'stable' | 'optimal'): Promise<MentorshipRow> {
  return save(db, m, { mode, pairs: run({ ...m, mode }) });
}

export interface ExplainedMatch {
  mentor: StoredMentor;
  mentee: StoredMentee;
  locked: boolean;
  introduced: boolean;
  reasons: string[];
}

/** The current pairs, each with its reasons in the reader's language; mentees left without a mentor; mentors' free places. */
export function explain(m: MentorshipRow, locale: Locale) {
  const { input, unranked } = matcherInput(m);
  const mentors = new Map(m.mentors.map((x) => [x.key, x]));
  const mentees = new Map(m.mentees.map((x) => [x.key, x]));
  const matches: ExplainedMatch[] = m.pairs.map(([a, b]) => ({
    mentor: mentors.get(a)!,
    mentee: mentees.get(b)!,
    locked: m.locked.some((p) => samePair(p, [a, b])),
    introduced: m.introduced.some((p) => samePair(p, [a, b])),
    reasons: explainMatch(input, a, b, locale, unranked),
  }));
  const matched = new Set(m.pairs.map(([, b]) => b));
  const load = (key: string) => m.pairs.filter(([a]) => a === key).length;
  return {
    matches,
    unmatched: m.mentees.filter((x) => !matched.has(x.key)),
    freePlaces: m.mentors.map((x) => ({ mentor: x, free: x.capacity - load(x.key) })).filter((x) => x.free > 0),
  };
}

/** Pairs of the current matches not yet introduced, and of those how many lack an address on either side. */
export function pendingIntroductions(m: MentorshipRow) {
  const emails = new Map([...m.mentors, ...m.mentees].map((p) => [p.key, p.email]));
  const pending = m.pairs.filter((p) => !m.introduced.some((q) => samePair(p, q)));
  const ready = pending.filter(([a, b]) => emails.get(a) && emails.get(b));
  return { ready, missingEmail: pending.length - ready.length };
}

/**
 * Emails every current pair not yet introduced, each person in their own language. The pairs are
 * recorded as introduced (conditionally on the version read) in the same transaction that queues the
 * emails, so a pair is introduced once however often the button is pressed.
 */
export async function introduce(db: Db, m: MentorshipRow): Promise<{ pairs: number; row: MentorshipRow }> {
  const { ready } = pendingIntroductions(m);
  if (ready.length === 0) return { pairs: 0, row: m };
  const { input, unranked } = matcherInput({ ...m, locked: [] });
  const byMentor = ready.map(([a, b]) => ({ mentor: a, mentees: [b] }));
  const mails = introductions(input, { matches: byMentor }, unranked);
  const row = await db.transaction(async (tx) => {
    const saved = await save(tx, m, { introduced: [...m.introduced, ...ready] });
    for (const intro of mails)
      await enqueue(
        tx,
        'groups.introduce',
        { intro },
        { dedupeKey: `mentorship:${m.id}:${intro.role}:${intro.to.email}:${intro.other.email}` },
      );
    return saved;
  });
  return { pairs: ready.length, row };
}
