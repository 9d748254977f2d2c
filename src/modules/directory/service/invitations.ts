import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import type { Deps } from '../../../platform/http/context';
import { FieldProblems } from '../../../platform/http/errors';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { buttonEmail } from '../../../platform/mail/render';
import { enqueue } from '../../../platform/queue/queue';
import { buildInviteIcs, getEventById, pickText, type EventRow } from '../../events';
import { tr } from '../messages';
import { conveningInvitations, interestForms, interestResponses, type InterestForm } from '../schema';
import { getConvening } from './convenings';
import { slug } from './input';

export const invitationInput = z.object({
  convening: slug,
  responses: z.array(z.uuid()).min(1, { message: 'directory.error.chooseResponses' }).max(1000),
});
export type InvitationInput = z.output<typeof invitationInput>;

/** A convening people can still be invited to: published and not started. */
const open = (e: EventRow, now = new Date()) => e.status === 'published' && e.startsAt > now;

/** Upcoming published convenings, soonest first: the ones an organizer can invite people to. */
export function openConvenings(list: EventRow[]): EventRow[] {
  return list.filter((e) => open(e)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/**
 * Invites the people behind the chosen answers of a form to a convening: one invitation per person and
 * convening, whatever is chosen again or by two organizers at once (the unique index decides), each
 * emailed once, in the language the person answered in, by the worker.
 */
export async function inviteRespondents(
  db: Db,
  form: InterestForm,
  input: InvitationInput,
  actorId: string | null,
): Promise<{ invited: number; already: number }> {
  return db.transaction(async (tx) => {
    const problems = new FieldProblems();
    const event = await getConvening(tx, input.convening)
      .then((f) => f.event)
      .catch(() => null);
    if (!event) problems.add('convening', 'directory.error.unknownConvening', { slug: input.convening });
    else if (!open(event)) problems.add('convening', 'directory.error.conveningNotOpen');
    problems.throwIfAny();
    const chosen = await tx
      .select()
      .from(interestResponses)
      .where(and(eq(interestResponses.formId, form.id), inArray(interestResponses.id, input.responses)))
      .orderBy(desc(interestResponses.submittedAt));
    // Someone who answered twice is invited once, by the name and language of their latest answer.
    const byPerson = new Map<string, (typeof chosen)[number]>();
    for (const r of chosen) if (!byPerson.has(r.personId)) byPerson.set(r.personId, r);
    if (byPerson.size === 0) {
      problems.add('responses', 'directory.error.chooseResponses');
      problems.throwIfAny();
    }
    const inserted = await tx
      .insert(conveningInvitations)
      .values(
        [...byPerson.values()].map((r) => ({
          eventId: event!.id,
          personId: r.personId,
          responseId: r.id,
          name: r.name,
          email: r.email,
          language: r.language,
          invitedBy: actorId,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: conveningInvitations.id });
    for (const i of inserted)
      await enqueue(tx, 'directory.invitation', { invitationId: i.id }, { dedupeKey: `directory.invitation:${i.id}` });
    return { invited: inserted.length, already: byPerson.size - inserted.length };
  });
}

/**
 * The invitation email: what, when (in the convening's zone), a button to the event page where the
 * person answers, and the events module's calendar invite under the event's own UID, so a later RSVP
 * updates the same calendar entry.
 */
export async function sendInvitation(deps: Pick<Deps, 'db' | 'mailer' | 'config'>, invitationId: string): Promise<void> {
  const [inv] = await deps.db.select().from(conveningInvitations).where(eq(conveningInvitations.id, invitationId));
  if (!inv) return;
  const event = await getEventById(deps.db, inv.eventId);
  const locale = inv.language;
  const t = tr(locale);
  const title = pickText(event.title, locale);
  const url = `${deps.config.baseUrl}${localePath(locale, `/events/${event.slug}`)}`;
  const values = { name: inv.name, title, when: formatDateTime(locale, event.startsAt, event.timeZone) };
  const mail = buttonEmail({
    locale,
    subject: t('directory.invite.subject', values),
    body: t('directory.invite.body', values),
    button: t('directory.invite.button'),
    url,
  });
  const content = buildInviteIcs(
    {
      uid: `urn:uuid:${event.id}`,
      sequence: event.sequence,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timeZone: event.timeZone,
      summary: title,
      description: url,
      url,
    },
    { locale, method: 'REQUEST', attendees: [{ name: inv.name, email: inv.email }] },
  );
  await deps.mailer.send({ to: inv.email, language: locale, ...mail, icalEvent: { method: 'REQUEST', filename: 'invite.ics', content } });
}

/** The forms organizers made, newest first, for their page. */
export async function listInterestForms(db: Db): Promise<InterestForm[]> {
  return db.select().from(interestForms).orderBy(desc(interestForms.createdAt)).limit(200);
}
