import { safeHref } from '../../../platform/http/urls';
import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../../platform/http/context';
import { emailHtml, EmailButton } from '../../../platform/mail/render';
import { formatDateTime } from '../../../platform/i18n/format';
import { signLink } from '../../../platform/auth/tokens';
import type { OutgoingMail } from '../../../platform/mail/mailer';
import { eventsMessages } from '../messages';
import { events, rsvps, type EventRow, type RsvpRow } from '../schema';
import { buildIcs, calendarLinks, eventUrl } from '../service/calendar';
import { pickText } from '../service/text';
import { waitlistPosition } from '../service/rsvp';

export type MailTemplate =
  | 'going'
  | 'waitlist'
  | 'pending'
  | 'confirm'
  | 'promoted'
  | 'declined'
  | 'cancelled'
  | 'updated'
  | 'eventCancelled'
  | 'reminder'
  | 'message';

export async function manageUrl(deps: Deps, r: Pick<RsvpRow, 'id' | 'language'>): Promise<string> {
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
  template: MailTemplate,
  extra: { hours?: number; subject?: string; body?: string } = {},
): Promise<OutgoingMail | null> {
  const [r] = await deps.db.select().from(rsvps).where(eq(rsvps.id, rsvpId));
  if (!r || !r.email) return null;
  const [e] = await deps.db.select().from(events).where(eq(events.id, r.eventId));
  if (!e) return null;
  return composeMail(deps, e, r, template, extra);
}

export async function composeMail(
  deps: Deps,
  e: EventRow,
  r: RsvpRow,
  template: MailTemplate,
  extra: { hours?: number; subject?: string; body?: string },
) {
  const locale = r.language === 'es' ? 'es' : 'en';
  const t = eventsMessages.any(locale);
  const title = pickText(e.title, locale);
  const when = `${formatDateTime(locale, e.startsAt, e.timeZone)} – ${formatDateTime(locale, e.endsAt, e.timeZone)}`;
  const url = eventUrl(deps.config.baseUrl, locale, e.slug);
  const manage = await manageUrl(deps, r);
  const seat = r.status === 'going' || r.status === 'walkin';
  const position = await waitlistPosition(deps.db, r);
  const subject =
    template === 'message'
      ? (extra.subject ?? title)
      : template === 'reminder'
        ? t('events.mail.reminder.subject', { title, hours: extra.hours ?? 0 })
        : t(`events.mail.${template}.subject`, { title });
  const lead =
    template === 'message'
      ? (extra.body ?? '')
      : template === 'reminder'
        ? t('events.mail.reminder.lead', { hours: extra.hours ?? 0 })
        : t(`events.mail.${template}.lead`, { position: position ?? 0 });
  const livestream = safeHref(e.livestreamUrl);
  const online = e.format !== 'in_person' && seat && livestream;
  const where = e.format === 'online' ? t('events.format.online') : [e.venue.name, e.venue.address].filter(Boolean).join(', ');
  const links = calendarLinks(e, locale, deps.config.baseUrl);
  const attachments: NonNullable<OutgoingMail['attachments']> = [];
  const showTicket = seat && !['declined', 'cancelled', 'eventCancelled'].includes(template);
  if (showTicket) {
    attachments.push({
      filename: 'ticket.png',
      content: await QRCode.toBuffer(r.ticketCode, { width: 240, margin: 2 }),
      cid: 'ticket@pathways',
      contentType: 'image/png',
    });
  }
  const textLines = [
    t('events.mail.greeting', { name: r.name }),
    '',
    lead,
    '',
    `${title}`,
    `${t('events.when')}: ${when}`,
    where ? `${t('events.where')}: ${where}` : '',
    online ? `${t('events.livestream')}: ${livestream}` : '',
    showTicket ? `${t('events.ticket.code')}: ${r.ticketCode}` : '',
    '',
    `${t('events.mail.eventPage')}: ${url}`,
    `${t('events.mail.manage')}: ${manage}`,
    seat ? `${t('events.calendar.google')}: ${links.google}` : '',
  ].filter((l, i, a) => l !== '' || a[i - 1] !== '');
  const html = emailHtml({
    locale,
    title: subject,
    children: (
      <>
        <h1 style="font-size:24px">{subject}</h1>
        <p>{t('events.mail.greeting', { name: r.name })}</p>
        {lead.split(/\n{2,}/).map((p) => (
          <p>{p}</p>
        ))}
        <h2 style="font-size:20px">
          <a href={url}>{title}</a>
        </h2>
        <p>
          <strong>{t('events.when')}:</strong> {when}
          <br />
          {where && (
            <>
              <strong>{t('events.where')}:</strong> {where}
            </>
          )}
        </p>
        {online && (
          <p>
            <strong>{t('events.livestream')}:</strong> <a href={livestream!}>{livestream}</a>
          </p>
        )}
        {showTicket && (
          <>
            <p>
              <strong>{t('events.ticket.code')}:</strong>{' '}
              <span style="font-family:monospace;font-size:20px;letter-spacing:2px">{r.ticketCode}</span>
            </p>
            <p>
              <img src="cid:ticket@pathways" width="240" height="240" alt={t('events.ticket.qrAlt', { code: r.ticketCode })} />
            </p>
          </>
        )}
        <EmailButton href={manage}>{t('events.mail.manage')}</EmailButton>
        {seat && (
          <p>
            <a href={links.google}>{t('events.calendar.google')}</a> · <a href={links.outlook}>{t('events.calendar.outlook')}</a> ·{' '}
            <a href={links.ics}>{t('events.calendar.apple')}</a>
          </p>
        )}
      </>
    ),
    footer: <p>{t('events.mail.footer')}</p>,
  });
  const inviteMethod =
    template === 'eventCancelled' || template === 'cancelled' || template === 'declined' ? 'CANCEL' : seat ? 'REQUEST' : null;
  const icalEvent = inviteMethod
    ? {
        method: inviteMethod,
        filename: 'invite.ics',
        content: buildIcs([e], {
          locale,
          baseUrl: deps.config.baseUrl,
          method: inviteMethod,
          organizer: mailFrom(deps.config.MAIL_FROM),
          attendee: r,
        }),
      }
    : undefined;
  return { to: r.email!, subject, text: textLines.join('\n'), html, attachments, icalEvent } satisfies OutgoingMail;
}
