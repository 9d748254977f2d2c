import type { Locale } from '../../../platform/i18n';
import { buildInviteIcs, pickText } from '../../events';
import { tr } from '../messages';
import type { Booking, Program, Session, Slot } from '../schema';

export const teamPageUrl = (baseUrl: string, locale: Locale, p: Pick<Program, 'slug'>) =>
  `${baseUrl}${locale === 'es' ? '/es' : ''}/programs/${p.slug}/team`;

/** One meeting of the program (a booked slot, a session) as an invite, in the program's zone. */
function programInvite(
  baseUrl: string,
  p: Program,
  m: { uid: string; sequence: number; startsAt: Date; endsAt: Date; link: string | null; what: string; cancelled: boolean },
  opts: { locale: Locale; attendees: { name: string; email: string }[] },
): string {
  const url = teamPageUrl(baseUrl, opts.locale, p);
  return buildInviteIcs(
    {
      uid: `${m.uid}@${new URL(baseUrl).hostname}`,
      sequence: m.sequence,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      timeZone: p.timeZone,
      summary: `${m.what} · ${pickText(p.title, opts.locale)}`,
      description: [m.link, url].filter(Boolean).join('\n\n'),
      location: m.link,
      url,
    },
    { locale: opts.locale, method: m.cancelled ? 'CANCEL' : 'REQUEST', attendees: opts.attendees },
  );
}

/**
 * A booking's invite: one stable UID per booking, its SEQUENCE, METHOD:CANCEL once cancelled; the
 * team's members and the host as attendees; times in the program's zone (VTIMEZONE included).
 */
export function inviteFor(
  baseUrl: string,
  p: Program,
  s: Slot,
  b: Booking,
  opts: { locale: Locale; attendees: { name: string; email: string }[] },
): string {
  const host = s.hostEmail ? [{ name: s.hostName ?? s.hostEmail, email: s.hostEmail }] : [];
  return programInvite(
    baseUrl,
    p,
    {
      uid: `program-booking-${b.id}`,
      sequence: b.sequence,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      link: s.link,
      what: tr(opts.locale)(`programs.kind.${s.kind}`),
      cancelled: b.status === 'cancelled',
    },
    { locale: opts.locale, attendees: [...opts.attendees, ...host] },
  );
}

/** A session's invite for one person: UID per session, its SEQUENCE, METHOD:CANCEL once cancelled. */
export function sessionInvite(
  baseUrl: string,
  p: Program,
  s: Session,
  opts: { locale: Locale; attendee: { name: string; email: string } },
) {
  return programInvite(
    baseUrl,
    p,
    {
      uid: `program-session-${s.id}`,
      sequence: s.sequence,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      link: s.link,
      what: pickText(s.title, opts.locale),
      cancelled: !!s.cancelledAt,
    },
    { locale: opts.locale, attendees: [opts.attendee] },
  );
}
