import type { Deps } from '../../../platform/http/context';
import { buttonEmail } from '../../../platform/mail/render';
import { formatDateTime } from '../../../platform/i18n/format';
import { getEventById, pickText } from '../../events';
import { conferencesMessages, type ConferencesKey } from '../messages';
import { conferenceUrl } from '../lib/urls';
import { applicationById, answerToken } from './applications';
import { proposalById, proposalToken } from './proposals';

/** A speaker's or applicant's news, in their own language, with the one link that lets them act on it. */
export async function sendCfpEmail(deps: Deps, kind: string, id: string, template: string): Promise<void> {
  if (kind === 'proposal') {
    const p = await proposalById(deps.db, id).catch(() => null);
    if (!p) return;
    const e = await getEventById(deps.db, p.eventId);
    const locale = p.speakerLanguage === 'es' ? 'es' : 'en';
    const t = conferencesMessages.for(locale);
    const values = { title: p.title, conference: pickText(e.title, locale) };
    const key = `conferences.cfpmail.proposal.${template}` as const;
    const mail = buttonEmail({
      locale,
      subject: t(`${key}.subject` as ConferencesKey, values),
      body: t(`${key}.body` as ConferencesKey, values),
      button: t('conferences.cfpmail.proposal.button'),
      url: conferenceUrl(deps.config.baseUrl, locale, e.slug, `/proposals/${await proposalToken(deps.secret, p.id)}`),
    });
    await deps.mailer.send({ to: p.speakerEmail, ...mail });
    return;
  }
  const a = await applicationById(deps.db, id).catch(() => null);
  if (!a) return;
  const e = await getEventById(deps.db, a.eventId);
  const locale = a.language === 'es' ? 'es' : 'en';
  const t = conferencesMessages.for(locale);
  const values = {
    conference: pickText(e.title, locale),
    confirmBy: a.confirmBy ? formatDateTime(locale, a.confirmBy, e.timeZone) : '',
  };
  const key = `conferences.cfpmail.application.${template}` as const;
  const mail = buttonEmail({
    locale,
    subject: t(`${key}.subject` as ConferencesKey, values),
    body: t(`${key}.body` as ConferencesKey, values),
    button: t('conferences.cfpmail.application.button'),
    url: conferenceUrl(deps.config.baseUrl, locale, e.slug, `/answer/${await answerToken(deps.secret, a.id)}`),
  });
  await deps.mailer.send({ to: a.email, ...mail });
}
