import type { Deps } from '../../../platform/http/context';
import { emailHtml, EmailButton } from '../../../platform/mail/render';
import { newsletterMessages } from '../messages';
import type { Subscriber } from '../schema';
import { confirmToken, manageToken } from './common';

/** Double opt-in (or, for someone already subscribed, a link to their preferences), in their language. */
export async function sendSubscriptionEmail(deps: Deps, s: Subscriber, kind: 'confirm' | 'manage'): Promise<void> {
  const locale = s.language;
  const t = newsletterMessages.for(locale);
  const lp = locale === 'es' ? '/es' : '';
  const url =
    kind === 'confirm'
      ? `${deps.config.baseUrl}${lp}/newsletter/confirm?token=${await confirmToken(deps, s.id)}`
      : `${deps.config.baseUrl}${lp}/newsletter/preferences?token=${await manageToken(deps, s.id)}`;
  const subject = t(kind === 'confirm' ? 'newsletter.email.confirm.subject' : 'newsletter.email.manage.subject');
  const heading = t(kind === 'confirm' ? 'newsletter.email.confirm.heading' : 'newsletter.email.manage.heading');
  const body = t(kind === 'confirm' ? 'newsletter.email.confirm.body' : 'newsletter.email.manage.body');
  const button = t(kind === 'confirm' ? 'newsletter.email.confirm.button' : 'newsletter.email.manage.button');
  const html = emailHtml({
    locale,
    title: subject,
    children: (
      <>
        <h1 style="font-size:24px">{heading}</h1>
        <p>{body}</p>
        <EmailButton href={url}>{button}</EmailButton>
      </>
    ),
  });
  await deps.mailer.send({ to: s.email, subject, html, text: `${heading}\n\n${body}\n\n${button}: ${url}\n` });
}
