import type { Locale } from '../../../platform/i18n';
import { emailHtml, EmailButton } from '../../../platform/mail/render';
import { newsletterMessages } from '../messages';

/** Double opt-in, or for someone already subscribed a link to their preferences, in their language. */
export function subscriptionEmail(p: { locale: Locale; kind: 'confirm' | 'manage'; url: string }) {
  const t = newsletterMessages.for(p.locale);
  const confirm = p.kind === 'confirm';
  const subject = t(confirm ? 'newsletter.email.confirm.subject' : 'newsletter.email.manage.subject');
  const heading = t(confirm ? 'newsletter.email.confirm.heading' : 'newsletter.email.manage.heading');
  const body = t(confirm ? 'newsletter.email.confirm.body' : 'newsletter.email.manage.body');
  const button = t(confirm ? 'newsletter.email.confirm.button' : 'newsletter.email.manage.button');
  const html = emailHtml({
    locale: p.locale,
    title: subject,
    children: (
      <>
        <h1 style="font-size:24px">{heading}</h1>
        <p>{body}</p>
        <EmailButton href={p.url}>{button}</EmailButton>
      </>
    ),
  });
  return { subject, html, text: `${heading}\n\n${body}\n\n${button}: ${p.url}\n` };
}
