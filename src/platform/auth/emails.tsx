import type { Config } from '../../config';
import type { Locale } from '../i18n';
import type { OutgoingMail } from '../mail/mailer';
import { EmailButton, emailHtml } from '../mail/render';
import { authMessages } from './messages';

type SigninEmail =
  | { kind: 'signin'; link: string; code: string; name: string }
  | { kind: 'noAccount'; signupUrl: string };

export function signinEmail(input: { config: Config; to: string; locale: Locale } & SigninEmail): OutgoingMail {
  const t = authMessages.for(input.locale);
  if (input.kind === 'noAccount') {
    const subject = t('auth.email.noAccountSubject');
    return {
      to: input.to,
      subject,
      html: emailHtml({
        locale: input.locale,
        title: subject,
        children: (
          <>
            <h1 style="font-size:22px">{subject}</h1>
            <p>{t('auth.email.noAccountBody')}</p>
            <EmailButton href={input.signupUrl}>{t('auth.email.noAccountButton')}</EmailButton>
            <p>{t('auth.email.ignore')}</p>
          </>
        ),
      }),
      text: `${t('auth.email.noAccountBody')}\n\n${input.signupUrl}\n\n${t('auth.email.ignore')}\n`,
    };
  }
  const subject = t('auth.email.subject');
  return {
    to: input.to,
    subject,
    html: emailHtml({
      locale: input.locale,
      title: subject,
      children: (
        <>
          <h1 style="font-size:22px">{subject}</h1>
          <p>{t('auth.email.greeting', { name: input.name })}</p>
          <p>{t('auth.email.body')}</p>
          <EmailButton href={input.link}>{t('auth.email.button')}</EmailButton>
          <p style="font-size:18px">
            <strong>{t('auth.email.code', { code: input.code })}</strong>
          </p>
          <p>{t('auth.email.ignore')}</p>
        </>
      ),
    }),
    text: [
      t('auth.email.greeting', { name: input.name }),
      '',
      t('auth.email.body'),
      input.link,
      '',
      t('auth.email.code', { code: input.code }),
      '',
      t('auth.email.ignore'),
      '',
    ].join('\n'),
  };
}
