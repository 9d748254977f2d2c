import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import { safeHref } from '../../../platform/http/urls';
import type { Deps } from '../../../platform/http/context';
import { signLink } from '../../../platform/auth/tokens';
import type { OutgoingMail } from '../../../platform/mail/mailer';
import { events, rsvps, type EventRow, type RsvpRow } from '../schema';
import { rsvpEmail, type MailTemplate } from '../emails/rsvp';
import { buildIcs, calendarLinks, eventUrl } from '../lib/calendar';
import { pickText } from '../lib/text';
import { mailTemplateFor, waitlistPosition } from './rsvp';

export type { MailTemplate } from '../emails/rsvp';

export async function manageUrl(deps: Pick<Deps, 'secret' | 'config'>, r: Pick<RsvpRow, 'id' | 'language'>): Promise<string> {
  const token = await signLink(deps.secret, 'rsvp', { r: r.id });
  return `${deps.config.baseUrl}${r.language === 'es' ? '/es' : ''}/events/manage/${token}`;
}

function mailFrom(from: string) {
  const m = /^(.*?)\s*<([^>]+)>$/.exec(from);
  return m ? { name: m[1].replace(/"/g, '') || 'Pathways', email: m[2] } : { name: 'Pathways', email: from };
}

/**
 * Builds one email about an RSVP, in the attendee's language: what happened, when and where (in the
 * event's zone), the ticket code and QR for people with a seat, the manage link, and an invite.
 */
export async function rsvpMail(
  deps: Deps,
  rsvpId: string,
  template: MailTemplate | 'placed',
  extra: { hours?: number; subject?: string; body?: string } = {},
): Promise<OutgoingMail | null> {
  const [r] = await deps.db.select().from(rsvps).where(eq(rsvps.id, rsvpId));
  if (!r || !r.email) return null;
  const [e] = await deps.db.select().from(events).where(eq(events.id, r.eventId));
  // A record of a past event never writes to anyone, whatever queued the email.
  if (!e || e.pastRecord) return null;
  // A new RSVP's email is queued before its place is taken: it tells the place held now. One cancelled
  // or declined before it went gets that change's own email only.
  if (template === 'placed') {
    if (!['going', 'waitlist', 'pending'].includes(r.status)) return null;
    return composeMail(deps, e, r, mailTemplateFor(r), extra);
  }
  return composeMail(deps, e, r, template, extra);
}

async function composeMail(
  deps: Deps,
  e: EventRow,
  r: RsvpRow,
  template: MailTemplate,
  extra: { hours?: number; subject?: string; body?: string },
) {
  const locale = r.language === 'es' ? 'es' : 'en';
  const seat = r.status === 'going' || r.status === 'walkin';
  const showTicket = seat && !['declined', 'cancelled', 'eventCancelled'].includes(template);
  const { subject, text, html } = rsvpEmail({
    locale,
    template,
    extra,
    event: e,
    title: pickText(e.title, locale),
    name: r.name,
    ticketCode: r.ticketCode,
    seat,
    showTicket,
    position: await waitlistPosition(deps.db, r),
    livestream: safeHref(e.livestreamUrl),
    url: eventUrl(deps.config.baseUrl, locale, e.slug),
    manage: await manageUrl(deps, r),
    calendar: calendarLinks(e, locale, deps.config.baseUrl),
  });
  const attachments: NonNullable<OutgoingMail['attachments']> = [];
  if (showTicket) {
    attachments.push({
      filename: 'ticket.png',
      content: await QRCode.toBuffer(r.ticketCode, { width: 240, margin: 2 }),
      cid: 'ticket@pathways',
      contentType: 'image/png',
    });
  }
  const inviteMethod =
    template === 'eventCancelled' || template === 'cancelled' || template === 'declined' ? 'CANCEL' : seat ? 'REQUEST' : null;
  const icalEvent = inviteMethod
    ? {
        method: inviteMethod,
        filename: 'invite.ics',
        // A cancel for one person must outrank the invite they hold (RFC 5546), without raising the
        // event's SEQUENCE for everyone else.
        content: buildIcs([inviteMethod === 'CANCEL' && template !== 'eventCancelled' ? { ...e, sequence: e.sequence + 1 } : e], {
          locale,
          baseUrl: deps.config.baseUrl,
          method: inviteMethod,
          organizer: mailFrom(deps.config.MAIL_FROM),
          attendee: r,
        }),
      }
    : undefined;
  return { to: r.email!, subject, text, html, attachments, icalEvent } satisfies OutgoingMail;
}
