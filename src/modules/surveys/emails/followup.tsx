import { emailHtml, EmailButton } from '../../../platform/mail/render';
import type { Locale } from '../../../platform/i18n';
import { surveysMessages } from '../messages';

/** A placement follow-up (or its one reminder), in the person's language, with a way to stop them. */
export function followupEmail(p: { locale: Locale; title: string; url: string; stopUrl: string; reminder: boolean }) {
  const t = surveysMessages.for(p.locale);
  const subject = p.reminder ? t('surveys.mail.reminder', { title: p.title }) : t('surveys.mail.subject', { title: p.title });
  const body = t('surveys.mail.body');
  const html = emailHtml({
    locale: p.locale,
    title: subject,
    children: (
      <>
        <h1 style="font-size:24px">{subject}</h1>
        <p>{body}</p>
        <EmailButton href={p.url}>{t('surveys.mail.open')}</EmailButton>
        <p>
          <a href={p.stopUrl}>{t('surveys.mail.stop')}</a>
        </p>
      </>
    ),
  });
  const text = `${body}\n\n${t('surveys.mail.open')}: ${p.url}\n\n${t('surveys.mail.stop')}: ${p.stopUrl}\n`;
  return { subject, html, text };
}
