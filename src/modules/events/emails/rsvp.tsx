import { emailHtml, EmailButton } from '../../../platform/mail/render';
import { formatWhenRange } from '../../../platform/i18n/format';
import type { Locale } from '../../../platform/i18n';
import { eventsMessages } from '../messages';
import type { EventRow } from '../schema';

export type MailTemplate =
  | 'going'
  | 'waitlist'
  | 'pending'
  | 'confirm'
  | 'promoted'
  | 'declined'
  | 'cancelled'
  | 'walkin'
  | 'updated'
  | 'eventCancelled'
  | 'reminder'
  | 'message';

export interface RsvpEmailProps {
  locale: Locale;
  template: MailTemplate;
  extra: { hours?: number; subject?: string; body?: string };
  event: Pick<EventRow, 'startsAt' | 'endsAt' | 'timeZone' | 'format' | 'venue'>;
  /** The event's title in the attendee's language. */
  title: string;
  name: string;
  ticketCode: string;
  /** Holds a seat (going or walk-in). */
  seat: boolean;
  /** Carries the ticket code and its QR image (attached as `cid:ticket@pathways`). */
  showTicket: boolean;
  /** Place on the waitlist, when waiting. */
  position: number | null;
  /** The livestream link, already checked as safe, when there is one. */
  livestream: string | null;
  url: string;
  manage: string;
  calendar: { google: string; outlook: string; ics: string };
}

/** One email about an RSVP, in the attendee's language: subject, text and HTML. */
export function rsvpEmail(p: RsvpEmailProps): { subject: string; text: string; html: string } {
  const { locale, template, extra, event: e, title, seat, showTicket, url, manage, livestream } = p;
  const t = eventsMessages.any(locale);
  // Written once, as on the event page: "Thu, Dec 18, 8:30 – 10:00 AM PST".
  const when = formatWhenRange(locale, e.startsAt, e.endsAt, e.timeZone);
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
        : t(`events.mail.${template}.lead`, { position: p.position ?? 0 });
  const online = e.format !== 'in_person' && seat && livestream;
  const where = e.format === 'online' ? t('events.format.online') : [e.venue.name, e.venue.address].filter(Boolean).join(', ');
  const links = p.calendar;
  const textLines = [
    t('events.mail.greeting', { name: p.name }),
    '',
    lead,
    '',
    `${title}`,
    `${t('events.when')}: ${when}`,
    where ? `${t('events.where')}: ${where}` : '',
    online ? `${t('events.livestream')}: ${livestream}` : '',
    showTicket ? `${t('events.ticket.code')}: ${p.ticketCode}` : '',
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
        <p>{t('events.mail.greeting', { name: p.name })}</p>
        {lead.split(/\n{2,}/).map((para) => (
          <p>{para}</p>
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
              <span style="font-family:monospace;font-size:20px;letter-spacing:2px">{p.ticketCode}</span>
            </p>
            <p>
              <img src="cid:ticket@pathways" width="240" height="240" alt={t('events.ticket.qrAlt', { code: p.ticketCode })} />
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
  return { subject, text: textLines.join('\n'), html };
}
