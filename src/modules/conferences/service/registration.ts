import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prepared } from '../../../db/prepared';
import { enqueue } from '../../../platform/queue/queue';
import type { Locale } from '../../../platform/i18n';
import type { EventRow, RsvpRefusal } from '../../events';
import { conferencesMessages } from '../messages';
import { conferenceUrl } from '../lib/urls';
import { applications, conferences } from '../schema';

/**
 * Events' registration hook: a conference that takes applications seats only the applicants who
 * confirm an offer (they get their RSVP through `answer`), so a public RSVP is sent to the form.
 */
export async function applicationOnlyRefusal(db: Db, e: EventRow, locale: Locale): Promise<RsvpRefusal | null> {
  const [c] = await prepared(db, 'conferences.requiresApplication', (db) =>
    db
      .select({ only: conferences.requiresApplication })
      .from(conferences)
      .where(eq(conferences.eventId, sql.placeholder('eventId'))),
  ).execute({ eventId: e.id });
  if (!c?.only) return null;
  const t = conferencesMessages.for(locale);
  return {
    code: 'application_required',
    messageKey: 'conferences.error.applicationRequired',
    text: t('conferences.error.applicationRequired'),
    link: { label: t('conferences.schedule.applyForSeat'), url: conferenceUrl('', locale, e.slug, '/apply') },
  };
}

/**
 * Events' hook when an RSVP gives up its seat (the attendee cancelled from the events pages, or an
 * organizer declined them there): a confirmed applicant's application is released too, so the
 * applications' counts and the seats agree. Queued in the same transaction (so it happens exactly
 * once, and only if the cancel commits) and done by a task that takes the conference's locks in
 * their usual order, then offers the seat to the first applicant waiting.
 */
export async function applicationSeatReleased(tx: Db, eventId: string, personId: string): Promise<void> {
  const [a] = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.eventId, eventId), eq(applications.personId, personId), eq(applications.status, 'confirmed')));
  if (a)
    await enqueue(tx, 'conferences.release-application', { applicationId: a.id }, { dedupeKey: `conferences.release-application:${a.id}` });
}
