import type { Deps } from '../../../platform/http/context';
import { emailHtml, EmailButton } from '../../../platform/mail/render';
import { getEventById, pickText } from '../../events';
import { careerfairMessages } from '../messages';
import { getAttendee, hasConsent, passToken } from '../service';

/** The pass link, in the attendee's language (queued after registration; a repeat registration sends it again). */
export async function sendPassEmail(deps: Deps, attendeeId: string, consentRequested = false): Promise<void> {
  const a = await getAttendee(deps.db, attendeeId).catch(() => null);
  if (!a) return;
  const e = await getEventById(deps.db, a.eventId);
  const locale = a.language === 'es' ? 'es' : 'en';
  const t = careerfairMessages.for(locale);
  const title = pickText(e.title, locale);
  const url = `${deps.config.baseUrl}${locale === 'es' ? '/es' : ''}/events/fair-pass/${await passToken(deps.secret, a.id)}`;
  const subject = t('careerfair.mail.subject', { title });
  const body = t('careerfair.mail.body', { title });
  // Someone asked, with this address, to share its owner's details: only the owner can say yes.
  const ask = consentRequested && !hasConsent(a) ? t('careerfair.mail.confirmConsent') : '';
  const html = emailHtml({
    locale,
    title: subject,
    children: (
      <>
        <h1 style="font-size:24px">{subject}</h1>
        <p>{body}</p>
        {ask && <p>{ask}</p>}
        <EmailButton href={url}>{t('careerfair.mail.open')}</EmailButton>
        <p>
          {t('careerfair.pass.code')}: <strong>{a.passCode}</strong>
        </p>
      </>
    ),
  });
  await deps.mailer.send({
    to: a.email,
    subject,
    html,
    text: `${body}\n\n${ask ? `${ask}\n\n` : ''}${t('careerfair.mail.open')}: ${url}\n${t('careerfair.pass.code')}: ${a.passCode}\n`,
  });
}
