import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Locale } from '../../../platform/i18n';
import type { EventRow, RsvpRefusal } from '../../events';
import { conferencesMessages } from '../messages';
import { conferenceUrl } from '../lib/urls';
import { conferences } from '../schema';

/**
 * Events' registration hook: a conference that takes applications seats only the applicants who
 * confirm an offer (they get their RSVP through `answer`), so a public RSVP is sent to the form.
 */
export async function applicationOnlyRefusal(db: Db, e: EventRow, locale: Locale): Promise<RsvpRefusal | null> {
  const [c] = await db.select({ only: conferences.requiresApplication }).from(conferences).where(eq(conferences.eventId, e.id));
  if (!c?.only) return null;
  const t = conferencesMessages.for(locale);
  return {
    code: 'application_required',
    messageKey: 'conferences.error.applicationRequired',
    text: t('conferences.error.applicationRequired'),
    link: { label: t('conferences.schedule.applyForSeat'), url: conferenceUrl('', locale, e.slug, '/apply') },
  };
}
