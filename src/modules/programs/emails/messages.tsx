import { emailHtml, EmailButton } from '../../../platform/mail/render';
import type { Locale } from '../../../platform/i18n';

/** One short message with a button: decisions and booking notices share this frame. */
export function simpleEmail(p: { locale: Locale; subject: string; body: string; button: string; url: string }) {
  const html = emailHtml({
    locale: p.locale,
    title: p.subject,
    children: (
      <>
        <h1 style="font-size:24px">{p.subject}</h1>
        <p>{p.body}</p>
        <EmailButton href={p.url}>{p.button}</EmailButton>
      </>
    ),
  });
  return { subject: p.subject, html, text: `${p.body}\n\n${p.button}: ${p.url}\n` };
}
