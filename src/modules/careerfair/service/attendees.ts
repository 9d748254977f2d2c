import { safeHref } from '../../../platform/http/urls';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { emailAddress, optionalText, personName } from '../../../platform/http/validation';
import { type EventRow, createRsvp } from '../../events';
import { fairAttendees, type FairAttendee } from '../schema';
import { isUuid } from '../../../platform/ids';

export const registrationInput = z.object({
  name: personName,
  email: emailAddress,
  language: z.enum(['en', 'es']).default('en'),
  consent: z.boolean().default(false),
  resumeUrl: optionalText(500).pipe(
    z
      .string()
      .url({ message: 'careerfair.error.url' })
      .refine((u) => safeHref(u) !== null, { message: 'careerfair.error.url' })
      .nullable(),
  ),
  interests: optionalText(500),
});
export type RegistrationInput = z.output<typeof registrationInput>;

const PASS_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function passCode(): string {
  return [...crypto.randomBytes(8)].map((b) => PASS_ALPHABET[b % PASS_ALPHABET.length]).join('');
}

/**
 * Registers for the fair: an RSVP through the events service, then the fair pass. Consent is only
 * recorded when `trusted` (the signed-in person themselves). Anyone can type any address, so an
 * anonymous "share my details" is only a request (`consentRequested`): the pass email tells the
 * address's owner, and it takes effect when they press "share" on the pass the email links to.
 */
export async function register(
  db: Db,
  e: EventRow,
  input: RegistrationInput,
  opts: { trusted: boolean; sendEmail?: boolean },
): Promise<{ attendee: FairAttendee; created: boolean; consentRequested: boolean }> {
  const consentRequested = input.consent && !opts.trusted;
  const r = await createRsvp(
    db,
    e,
    { name: input.name, email: input.email, language: input.language, answers: {}, accessibilityNeeds: null },
    { source: 'careerfair', sendEmail: opts.sendEmail, owner: opts.trusted },
  );
  const now = new Date();
  const [inserted] = await db
    .insert(fairAttendees)
    .values({
      eventId: e.id,
      rsvpId: r.rsvp.id,
      personId: r.rsvp.personId,
      name: r.rsvp.name,
      email: r.rsvp.email ?? input.email,
      language: input.language,
      resumeUrl: input.resumeUrl,
      interests: input.interests,
      passCode: passCode(),
      consentedAt: input.consent && opts.trusted ? now : null,
    })
    .onConflictDoNothing({ target: [fairAttendees.eventId, fairAttendees.personId] })
    .returning();
  if (inserted) return { attendee: inserted, created: true, consentRequested };
  const [existing] = await db
    .select()
    .from(fairAttendees)
    .where(and(eq(fairAttendees.eventId, e.id), eq(fairAttendees.personId, r.rsvp.personId)));
  if (opts.trusted) {
    const [updated] = await db
      .update(fairAttendees)
      .set({ resumeUrl: input.resumeUrl, interests: input.interests, ...(input.consent ? { consentedAt: now, withdrawnAt: null } : {}) })
      .where(eq(fairAttendees.id, existing.id))
      .returning();
    return { attendee: updated, created: false, consentRequested };
  }
  return { attendee: existing, created: false, consentRequested };
}

/**
 * Registers and emails the pass. Registering again resends it, but at most once per ten minutes per
 * person, so a form submitted over and over cannot flood an address.
 */
export async function registerAndSendPass(
  db: Db,
  e: EventRow,
  input: RegistrationInput,
  opts: { trusted: boolean },
): Promise<{ attendee: FairAttendee; created: boolean; consentRequested: boolean }> {
  const result = await register(db, e, input, opts);
  const { attendee, consentRequested } = result;
  await enqueue(
    db,
    'careerfair.mail',
    { attendeeId: attendee.id, consentRequested },
    { dedupeKey: `careerfair.mail:${attendee.id}:${Math.floor(Date.now() / 600_000)}` },
  );
  return result;
}

export async function getAttendee(db: Db, id: string): Promise<FairAttendee> {
  if (!isUuid(id)) throw notFound();
  const [a] = await db.select().from(fairAttendees).where(eq(fairAttendees.id, id));
  if (!a) throw notFound();
  return a;
}

export async function attendeeFor(db: Db, eventId: string, personId: string): Promise<FairAttendee | undefined> {
  const [a] = await db
    .select()
    .from(fairAttendees)
    .where(and(eq(fairAttendees.eventId, eventId), eq(fairAttendees.personId, personId)));
  return a;
}

export const hasConsent = (a: Pick<FairAttendee, 'consentedAt' | 'withdrawnAt'>) => !!a.consentedAt && !a.withdrawnAt;

/** Gives or withdraws consent. Withdrawing hides the person from every agency's list and export from now on. */
export async function setConsent(db: Db, attendeeId: string, give: boolean): Promise<FairAttendee> {
  const now = new Date();
  const [a] = await db
    .update(fairAttendees)
    .set(give ? { consentedAt: now, withdrawnAt: null } : { withdrawnAt: now })
    .where(eq(fairAttendees.id, attendeeId))
    .returning();
  if (!a) throw notFound();
  return a;
}
