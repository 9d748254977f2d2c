import { emailHtml, EmailButton } from '../../../platform/mail/render';
import type { Locale } from '../../../platform/i18n';
import { conferencesMessages } from '../messages';

export type SignupTemplate = 'confirmed' | 'waitlist' | 'promoted' | 'cancelled' | 'removed';

export interface SignupEmailProps {
  locale: Locale;
  template: SignupTemplate;
  /** The session's title in the recipient's language. */
  title: string;
  when: string;
  room: string;
  manageUrl: string;
}

/** A workshop sign-up's news, in the recipient's language. */
export function signupEmail(p: SignupEmailProps): { subject: string; html: string; text: string } {
  const t = conferencesMessages.for(p.locale);
  const values = { title: p.title, when: p.when, room: p.room };
  const subject = t(`conferences.mail.${p.template}.subject`, values);
  const body = t(`conferences.mail.${p.template}.body`, values);
  const manage = p.template === 'cancelled' || p.template === 'removed' ? null : p.manageUrl;
  const html = emailHtml({
    locale: p.locale,
    title: subject,
    children: (
      <>
        <h1 style="font-size:24px">{subject}</h1>
        <p>{body}</p>
        {manage && <EmailButton href={manage}>{t('conferences.mail.manage')}</EmailButton>}
      </>
    ),
  });
  const text = `${body}\n${manage ? `\n${t('conferences.mail.manage')}: ${manage}\n` : ''}`;
  return { subject, html, text };
}
