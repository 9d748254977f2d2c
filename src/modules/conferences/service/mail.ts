import { eq } from 'drizzle-orm';
import type { Locale } from '../../../platform/i18n';
import type { Deps } from '../../../platform/http/context';
import { formatDateTime } from '../../../platform/i18n/format';
import { getEventById, pickText } from '../../events';
import { signupEmail, type SignupTemplate } from '../emails/signup';
import { conferenceRooms, conferenceSessions, sessionSignups } from '../schema';
import { conferenceUrl } from '../lib/urls';
import { signupToken } from './signups';

/** Sends a sign-up's email (queued with the change that caused it), in the attendee's language. */
export async function sendSignupEmail(deps: Deps, signupId: string, template: SignupTemplate): Promise<void> {
  const [signup] = await deps.db.select().from(sessionSignups).where(eq(sessionSignups.id, signupId));
  if (!signup) return;
  const [s] = await deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.id, signup.sessionId));
  const [room] = s.roomId ? await deps.db.select().from(conferenceRooms).where(eq(conferenceRooms.id, s.roomId)) : [];
  const e = await getEventById(deps.db, s.eventId);
  const locale = signup.language === 'es' ? 'es' : 'en';
  const mail = signupEmail({
    locale,
    template,
    title: pickText(s.title, locale),
    when: formatDateTime(locale, s.startsAt, e.timeZone),
    room: room?.name ?? '',
    manageUrl: conferenceUrl(deps.config.baseUrl, locale, 'signups', `/${await signupToken(deps.secret, signup.id)}`),
  });
  await deps.mailer.send({ to: signup.email, ...mail });
}

/** What a deleted session's email says, fixed when it was deleted (its sign-ups are gone by sending time). */
export interface RemovedNews {
  to: string;
  locale: Locale;
  title: string;
  when: string;
  room: string;
}

export async function sendRemovedEmail(deps: Deps, news: RemovedNews): Promise<void> {
  const mail = signupEmail({
    locale: news.locale,
    template: 'removed',
    title: news.title,
    when: news.when,
    room: news.room,
    manageUrl: '',
  });
  await deps.mailer.send({ to: news.to, ...mail });
}
