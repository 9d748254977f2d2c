import { z } from 'zod';
import { AppError } from '../../../platform/http/errors';
import { emailAddress, personName } from '../../../platform/http/validation';
import type { Locale } from '../../../platform/i18n';
import { optimalMatching, stableMatching, type MenteePrefs, type MentorPrefs } from '../lib/mentorship';
import { groupsMessages } from '../messages';

const idText = z.string().trim().min(1).max(200);
const words = z.array(z.string().trim().min(1).max(100)).max(20).optional();

export const matchInput = z
  .object({
    mentors: z
      .array(
        z
          .object({
            id: idText,
            name: personName,
            capacity: z.number().int().min(1).max(50),
            preferences: z.array(idText).max(1000),
            languages: words,
            agency: z.string().trim().max(200).optional(),
            topics: words,
            email: emailAddress.optional(),
            /** The language their introduction is written in. */
            language: z.enum(['en', 'es']).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(1000),
    mentees: z
      .array(
        z
          .object({
            id: idText,
            name: personName,
            preferences: z.array(idText).max(1000),
            languages: words,
            goals: words,
            email: emailAddress.optional(),
            language: z.enum(['en', 'es']).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(1000),
    mode: z.enum(['stable', 'optimal']).default('stable'),
    /** Email each matched pair an introduction, each in their own language (both need an email). */
    introduce: z.boolean().optional(),
    /** Pairs organizers have settled: [mentorId, menteeId]. The rest is matched around them. */
    locked: z
      .array(z.tuple([idText, idText]))
      .max(1000)
      .optional(),
  })
  .strict();
export type MatchInput = z.infer<typeof matchInput>;

const LANGUAGE_NAMES: Record<Locale, Record<string, string>> = {
  en: { en: 'English', es: 'Spanish' },
  es: { en: 'inglés', es: 'español' },
};

/**
 * Why a mentor and a mentee were matched, in the reader's language, as the mentee reads it ("your
 * 2nd choice; speaks Spanish; works at LA County ISD"). `unranked` mentors listed no choices of their
 * own (their list was filled in for them), so their rank says nothing and is left out.
 */
export function explainMatch(input: MatchInput, mentorId: string, menteeId: string, locale: Locale, unranked?: Set<string>): string[] {
  const t = groupsMessages.for(locale);
  const mentor = input.mentors.find((m) => m.id === mentorId)!;
  const mentee = input.mentees.find((m) => m.id === menteeId)!;
  const names = LANGUAGE_NAMES[locale];
  const out: string[] = [];
  if ((input.locked ?? []).some(([a, b]) => a === mentorId && b === menteeId)) out.push(t('groups.mentor.locked'));
  const rank = mentee.preferences.indexOf(mentorId) + 1;
  if (rank > 0) out.push(t('groups.mentor.rank', { rank }));
  const theirs = mentor.preferences.indexOf(menteeId) + 1;
  if (theirs > 0 && !unranked?.has(mentorId)) out.push(t('groups.mentor.theirRank', { rank: theirs }));
  const spoken = (mentee.languages ?? []).map((x) => x.toLowerCase());
  const shared = (mentor.languages ?? []).filter((l) => spoken.includes(l.toLowerCase()));
  if (shared.some((l) => l.toLowerCase() !== 'en'))
    out.push(t('groups.mentor.speaks', { languages: shared.map((l) => names[l.toLowerCase()] ?? l).join(', ') }));
  if (mentor.agency) out.push(t('groups.mentor.agency', { agency: mentor.agency }));
  const topics = (mentor.topics ?? []).filter((x) => (mentee.goals ?? []).some((g) => g.toLowerCase() === x.toLowerCase()));
  if (topics.length > 0) out.push(t('groups.mentor.topics', { topics: topics.join(', ') }));
  return out;
}

/** Matches with their reasons, in the reader's language; bad references are a 422 naming each one. */
export function matchMentorship(input: MatchInput, locale: Locale, unranked?: Set<string>) {
  const fields: Record<string, string> = {};
  const values: Record<string, Record<string, string | number>> = {};
  const fail = (field: string, key: string, v: Record<string, string>) => {
    if (fields[field]) return;
    fields[field] = key;
    values[field] = v;
  };
  const mentorIndex = new Map<string, number>();
  const menteeIndex = new Map<string, number>();
  input.mentors.forEach((m, i) =>
    mentorIndex.has(m.id) ? fail(`mentors.${i}.id`, 'groups.mentor.error.duplicate', { who: m.id }) : mentorIndex.set(m.id, i),
  );
  input.mentees.forEach((m, i) =>
    menteeIndex.has(m.id) ? fail(`mentees.${i}.id`, 'groups.mentor.error.duplicate', { who: m.id }) : menteeIndex.set(m.id, i),
  );
  const mentors: MentorPrefs[] = input.mentors.map((m, i) => ({
    capacity: m.capacity,
    prefs: m.preferences.flatMap((id, k) => {
      const x = menteeIndex.get(id);
      if (x === undefined) fail(`mentors.${i}.preferences.${k}`, 'groups.mentor.error.unknown', { who: id });
      return x === undefined ? [] : [x];
    }),
  }));
  const mentees: MenteePrefs[] = input.mentees.map((m, i) => ({
    prefs: m.preferences.flatMap((id, k) => {
      const x = mentorIndex.get(id);
      if (x === undefined) fail(`mentees.${i}.preferences.${k}`, 'groups.mentor.error.unknown', { who: id });
      return x === undefined ? [] : [x];
    }),
  }));
  const locked: [number, number][] = [];
  const load = mentors.map(() => 0);
  (input.locked ?? []).forEach(([mentorId, menteeId], i) => {
    const j = mentorIndex.get(mentorId);
    const k = menteeIndex.get(menteeId);
    if (j === undefined || k === undefined || locked.some(([, m]) => m === k) || ++load[j] > mentors[j].capacity)
      return fail(`locked.${i}`, 'groups.mentor.error.lock', { mentor: mentorId, mentee: menteeId });
    locked.push([j, k]);
  });
  if (Object.keys(fields).length > 0) throw new AppError('validation_failed', 422, 'errors.validation', fields, {}, values);

  const match = input.mode === 'optimal' ? optimalMatching(mentors, mentees, locked) : stableMatching(mentors, mentees, locked);
  const why = (j: number, k: number) => explainMatch(input, input.mentors[j].id, input.mentees[k].id, locale, unranked);
  return {
    matches: input.mentors.map((mentor, j) => {
      const mine = match.map((m, k) => (m === j ? k : -1)).filter((k) => k >= 0);
      return {
        mentor: mentor.id,
        mentees: mine.map((k) => input.mentees[k].id),
        reasons: Object.fromEntries(mine.map((k) => [input.mentees[k].id, why(j, k)])),
      };
    }),
    unmatched: input.mentees.filter((_, k) => match[k] < 0).map((m) => m.id),
  };
}

export interface Introduction {
  to: { name: string; email: string; language: 'en' | 'es' };
  other: { name: string; email: string };
  role: 'mentor' | 'mentee';
  /** Why they were matched, in the recipient's language (mentees: as `explainMatch` says it). */
  reasons?: string[];
}

/** The introductions to send for a set of matches: one to each side of every pair with two addresses. */
export function introductions(
  input: MatchInput,
  result: { matches: { mentor: string; mentees: string[] }[] },
  unranked?: Set<string>,
): Introduction[] {
  const mentees = new Map(input.mentees.map((m) => [m.id, m]));
  const out: Introduction[] = [];
  for (const match of result.matches) {
    const mentor = input.mentors.find((m) => m.id === match.mentor)!;
    for (const id of match.mentees) {
      const mentee = mentees.get(id)!;
      if (!mentor.email || !mentee.email) continue;
      out.push({
        to: { name: mentor.name, email: mentor.email, language: mentor.language ?? 'en' },
        other: { name: mentee.name, email: mentee.email },
        role: 'mentor',
      });
      out.push({
        to: { name: mentee.name, email: mentee.email, language: mentee.language ?? 'en' },
        other: { name: mentor.name, email: mentor.email },
        role: 'mentee',
        reasons: explainMatch({ ...input, locked: [] }, mentor.id, id, mentee.language ?? 'en', unranked),
      });
    }
  }
  return out;
}
