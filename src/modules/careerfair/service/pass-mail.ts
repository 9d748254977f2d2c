import type { Deps } from '../../../platform/http/context';
import { getEventById, pickText } from '../../events';
import { passEmail } from '../emails/pass';
import { passToken } from './connections';
import { getAttendee, hasConsent } from './attendees';

/** The pass link, in the attendee's language (queued after registration; a repeat registration sends it again). */
export async function sendPassEmail(deps: Deps, attendeeId: string, consentRequested = false): Promise<void> {
  const a = await getAttendee(deps.db, attendeeId).catch(() => null);
  if (!a) return;
  const e = await getEventById(deps.db, a.eventId);
  const locale = a.language === 'es' ? 'es' : 'en';
  const url = `${deps.config.baseUrl}${locale === 'es' ? '/es' : ''}/events/fair-pass/${await passToken(deps.secret, a.id)}`;
  const mail = passEmail({
    locale,
    title: pickText(e.title, locale),
    url,
    passCode: a.passCode,
    // Someone asked, with this address, to share its owner's details: only the owner can say yes.
    confirmConsent: consentRequested && !hasConsent(a),
  });
  await deps.mailer.send({ to: a.email, ...mail });
}
