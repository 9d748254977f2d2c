import { buttonEmail } from '../../../platform/mail/render';
import type { Locale } from '../../../platform/i18n';
import { surveysMessages } from '../messages';

/** A placement follow-up (or its one reminder), in the person's language, with a way to stop them. */
export function followupEmail(p: { locale: Locale; title: string; url: string; stopUrl: string; reminder: boolean }) {
  const t = surveysMessages.for(p.locale);
  return buttonEmail({
    locale: p.locale,
    subject: p.reminder ? t('surveys.mail.reminder', { title: p.title }) : t('surveys.mail.subject', { title: p.title }),
    body: t('surveys.mail.body'),
    button: t('surveys.mail.open'),
    url: p.url,
    link: { label: t('surveys.mail.stop'), url: p.stopUrl },
  });
}

/** A survey sent to an event's people, in the language of their RSVP. */
export function inviteEmail(p: { locale: Locale; title: string; event: string; url: string }) {
  const t = surveysMessages.for(p.locale);
  return buttonEmail({
    locale: p.locale,
    subject: t('surveys.invite.subject', { title: p.title }),
    body: t('surveys.invite.body', { event: p.event }),
    button: t('surveys.mail.open'),
    url: p.url,
  });
}
