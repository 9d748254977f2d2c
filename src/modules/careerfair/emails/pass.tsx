import { emailHtml, EmailButton } from '../../../platform/mail/render';
import type { Locale } from '../../../platform/i18n';
import { careerfairMessages } from '../messages';

export interface PassEmailProps {
  locale: Locale;
  /** The fair's title in the attendee's language. */
  title: string;
  url: string;
  passCode: string;
  /** Someone else asked, with this address, to share its owner's details. */
  confirmConsent: boolean;
}

/** The pass link email, in the attendee's language. */
export function passEmail(p: PassEmailProps): { subject: string; html: string; text: string } {
  const t = careerfairMessages.for(p.locale);
  const subject = t('careerfair.mail.subject', { title: p.title });
  const body = t('careerfair.mail.body', { title: p.title });
  const ask = p.confirmConsent ? t('careerfair.mail.confirmConsent') : '';
  const html = emailHtml({
    locale: p.locale,
    title: subject,
    children: (
      <>
        <h1 style="font-size:24px">{subject}</h1>
        <p>{body}</p>
        {ask && <p>{ask}</p>}
        <EmailButton href={p.url}>{t('careerfair.mail.open')}</EmailButton>
        <p>
          {t('careerfair.pass.code')}: <strong>{p.passCode}</strong>
        </p>
      </>
    ),
  });
  const text = `${body}\n\n${ask ? `${ask}\n\n` : ''}${t('careerfair.mail.open')}: ${p.url}\n${t('careerfair.pass.code')}: ${p.passCode}\n`;
  return { subject, html, text };
}
