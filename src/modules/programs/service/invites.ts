import type { Locale } from '../../../platform/i18n';
import { buildInviteIcs, pickText } from '../../events';
import { tr } from '../messages';
import type { Booking, Program, Session, Slot } from '../schema';

export const teamPageUrl = (baseUrl: string, locale: Locale, p: Pick<Program, 'slug'>) =>
  `${baseUrl}${locale === 'es' ? '/es' : ''}/programs/${p.slug}/team`;

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
  const t = tr(opts.locale);
  const host = new URL(baseUrl).hostname;
  const url = teamPageUrl(baseUrl, opts.locale, p);
  return buildInviteIcs(
    {
      uid: `program-booking-${b.id}@${host}`,
      sequence: b.sequence,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      timeZone: p.timeZone,
      summary: `${t(`programs.kind.${s.kind}`)} · ${pickText(p.title, opts.locale)}`,
      description: [s.link, url].filter(Boolean).join('\n\n'),
      location: s.link,
      url,
    },
    {
      locale: opts.locale,
      method: b.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
      attendees: [...opts.attendees, ...(s.hostEmail ? [{ name: s.hostName ?? s.hostEmail, email: s.hostEmail }] : [])],
    },
  );
}

/** A session's invite for one person: UID per session, its SEQUENCE, METHOD:CANCEL once cancelled. */
export function sessionInvite(
  baseUrl: string,
  p: Program,
  s: Session,
  opts: { locale: Locale; attendee: { name: string; email: string } },
) {
  const url = teamPageUrl(baseUrl, opts.locale, p);
  return buildInviteIcs(
    {
      uid: `program-session-${s.id}@${new URL(baseUrl).hostname}`,
      sequence: s.sequence,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      timeZone: p.timeZone,
      summary: `${pickText(s.title, opts.locale)} · ${pickText(p.title, opts.locale)}`,
      description: [s.link, url].filter(Boolean).join('\n\n'),
      location: s.link,
      url,
    },
    { locale: opts.locale, method: s.cancelledAt ? 'CANCEL' : 'REQUEST', attendees: [opts.attendee] },
  );
}
