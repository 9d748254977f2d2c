import type { Config } from '../../config';
import type { Locale } from '../i18n';
import type { OutgoingMail } from '../mail/mailer';
import { EmailButton, emailHtml } from '../mail/render';
import { authMessages } from './messages';

type SigninEmail = { kind: 'signin'; link: string; code: string; name: string } | { kind: 'noAccount'; signupUrl: string };

/** One email in both parts: HTML paragraphs with a button, and the same words as plain text. */
function compose(
  to: string,
  locale: Locale,
  subject: string,
  before: string[],
  button: { href: string; label: string },
  after: string[],
  strong?: string,
): OutgoingMail {
  return {
    to,
    subject,
    html: emailHtml({
      locale,
      title: subject,
      children: (
        <>
          <h1 style="font-size:22px">{subject}</h1>
          {before.map((p) => (
            <p>{p}</p>
          ))}
          <EmailButton href={button.href}>{button.label}</EmailButton>
          {strong && (
            <p style="font-size:18px">
              <strong>{strong}</strong>
            </p>
          )}
          {after.map((p) => (
            <p>{p}</p>
          ))}
        </>
      ),
    }),
    text: [...before, '', button.href, '', ...(strong ? [strong, ''] : []), ...after, ''].join('\n'),
  };
}

export function signinEmail(input: { config: Config; to: string; locale: Locale } & SigninEmail): OutgoingMail {
  const t = authMessages.for(input.locale);
  if (input.kind === 'noAccount') {
    return compose(
      input.to,
      input.locale,
      t('auth.email.noAccountSubject'),
      [t('auth.email.noAccountBody')],
      { href: input.signupUrl, label: t('auth.email.noAccountButton') },
      [t('auth.email.ignore')],
    );
  }
  return compose(
    input.to,
    input.locale,
    t('auth.email.subject'),
    [t('auth.email.greeting', { name: input.name }), t('auth.email.body')],
    { href: input.link, label: t('auth.email.button') },
    [t('auth.email.ignore')],
    t('auth.email.code', { code: input.code }),
  );
}
