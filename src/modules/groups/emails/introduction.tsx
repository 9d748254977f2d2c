import { emailHtml } from '../../../platform/mail/render';
import { groupsMessages } from '../messages';
import type { Introduction } from '../service/mentorship';

/** A mentorship introduction, in the recipient's language, naming the other person and their address. */
export function introductionEmail(i: Introduction): { subject: string; html: string; text: string } {
  const t = groupsMessages.for(i.to.language);
  const subject = t('groups.intro.subject', { other: i.other.name });
  const body = t(i.role === 'mentor' ? 'groups.intro.toMentor' : 'groups.intro.toMentee', { name: i.to.name, other: i.other.name });
  const contact = t('groups.intro.contact', { other: i.other.name, email: i.other.email });
  const why = i.reasons?.length ? t('groups.intro.why', { reasons: i.reasons.join('; ') }) : '';
  const html = emailHtml({
    locale: i.to.language,
    title: subject,
    children: (
      <>
        <h1 style="font-size:24px">{subject}</h1>
        <p>{body}</p>
        {why && <p>{why}</p>}
        <p>{contact}</p>
      </>
    ),
  });
  return { subject, html, text: `${body}\n\n${why ? `${why}\n\n` : ''}${contact}\n` };
}
