import { eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../../platform/http/context';
import { formatDateTime } from '../../../platform/i18n/format';
import { pickText } from '../../events';
import { buttonEmail } from '../../../platform/mail/render';
import { tr } from '../messages';
import {
  programApplicationDrafts,
  programApplications,
  programBookings,
  programSessions,
  programSlots,
  programTeamMembers,
  programTeams,
  type Booking,
} from '../schema';
import { teamMembers } from './bookings';
import { inviteFor, sessionInvite, teamPageUrl } from './invites';
import { getProgramById } from './programs';
import { draftPath, draftToken } from './drafts';

/** The decision, in the applicant's language; an acceptance goes to every team member, with the sign-in way in. */
export async function sendDecisionMail(deps: Deps, applicationId: string): Promise<void> {
  const [a] = await deps.db.select().from(programApplications).where(eq(programApplications.id, applicationId));
  if (!a || !['accepted', 'declined', 'waitlisted'].includes(a.status)) return;
  const p = await getProgramById(deps.db, a.programId);
  const locale = a.language;
  const t = tr(locale);
  const key = a.status as 'accepted' | 'declined' | 'waitlisted';
  const values = { title: pickText(p.title, locale), organization: a.organization };
  const url = teamPageUrl(deps.config.baseUrl, locale, p);
  const mail = buttonEmail({
    locale,
    subject: t(`programs.mail.${key}.subject`, values),
    body: t(`programs.mail.${key}.body`, values),
    button: t('programs.mail.open'),
    url: key === 'accepted' ? url : `${deps.config.baseUrl}${locale === 'es' ? '/es' : ''}/programs/${p.slug}`,
  });
  const to = new Set([a.contactEmail.toLowerCase()]);
  if (key === 'accepted') for (const m of a.members) to.add(m.email.toLowerCase());
  for (const address of to) await deps.mailer.send({ to: address, language: locale, ...mail });
}

/**
 * A booking's invite to each team member and the host, each in their own language, with the same UID
 * and SEQUENCE. A notice overtaken by a later change (its SEQUENCE is old) is not sent: the later one is.
 */
export async function sendBookingMail(deps: Deps, payload: { bookingId: string; what: string; sequence: number }): Promise<void> {
  const [b] = await deps.db.select().from(programBookings).where(eq(programBookings.id, payload.bookingId));
  if (!b || b.sequence !== payload.sequence) return;
  const [s] = await deps.db.select().from(programSlots).where(eq(programSlots.id, b.slotId));
  const [team] = await deps.db.select().from(programTeams).where(eq(programTeams.id, b.teamId));
  const p = await getProgramById(deps.db, s.programId);
  const members = await teamMembers(deps.db, [team.id]);
  const people = [
    ...members.map((m) => ({ name: m.name, email: m.email, locale: m.language })),
    ...(s.hostEmail ? [{ name: s.hostName ?? s.hostEmail, email: s.hostEmail, locale: s.hostLanguage }] : []),
  ];
  const what = (['booked', 'moved', 'cancelled'].includes(payload.what) ? payload.what : 'booked') as 'booked' | 'moved' | 'cancelled';
  for (const person of people) await deps.mailer.send(bookingMail(deps, p, s, b, team.name, members, person, what));
}

function bookingMail(
  deps: Deps,
  p: Awaited<ReturnType<typeof getProgramById>>,
  s: typeof programSlots.$inferSelect,
  b: Booking,
  teamName: string,
  members: { name: string; email: string }[],
  person: { email: string; locale: 'en' | 'es' },
  what: 'booked' | 'moved' | 'cancelled',
) {
  const t = tr(person.locale);
  const values = {
    kind: t(`programs.kind.${s.kind}`),
    when: formatDateTime(person.locale, s.startsAt, p.timeZone),
    team: teamName,
    program: pickText(p.title, person.locale),
  };
  const ics = inviteFor(deps.config.baseUrl, p, s, b, { locale: person.locale, attendees: members });
  const mail = buttonEmail({
    locale: person.locale,
    subject: t(`programs.mail.${what}.subject`, values),
    body: t('programs.mail.booking.body', values),
    button: t('programs.mail.open'),
    url: teamPageUrl(deps.config.baseUrl, person.locale, p),
  });
  const method = b.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
  return { to: person.email, language: person.locale, ...mail, icalEvent: { method, filename: 'invite.ics', content: ics } };
}

/**
 * A session's invite to every member of every team, each in their language, each with only their own
 * address in it. A notice overtaken by a later change is not sent: the later one is.
 */
export async function sendSessionMail(deps: Deps, payload: { sessionId: string; sequence: number }): Promise<void> {
  const [s] = await deps.db.select().from(programSessions).where(eq(programSessions.id, payload.sessionId));
  if (!s || s.sequence !== payload.sequence) return;
  const p = await getProgramById(deps.db, s.programId);
  const teams = await deps.db.select({ id: programTeams.id }).from(programTeams).where(eq(programTeams.programId, p.id));
  const people = teams.length
    ? await deps.db
        .select()
        .from(programTeamMembers)
        .where(
          inArray(
            programTeamMembers.teamId,
            teams.map((t) => t.id),
          ),
        )
    : [];
  for (const m of people) {
    const t = tr(m.language);
    const values = {
      title: pickText(s.title, m.language),
      kind: pickText(s.title, m.language),
      when: formatDateTime(m.language, s.startsAt, p.timeZone),
      program: pickText(p.title, m.language),
    };
    const subject = s.cancelledAt
      ? 'programs.mail.cancelled.subject'
      : s.sequence > 0
        ? 'programs.mail.moved.subject'
        : 'programs.mail.session.subject';
    const mail = buttonEmail({
      locale: m.language,
      subject: t(subject, values),
      body: t('programs.mail.session.body', values),
      button: t('programs.mail.open'),
      url: teamPageUrl(deps.config.baseUrl, m.language, p),
    });
    const content = sessionInvite(deps.config.baseUrl, p, s, { locale: m.language, attendee: { name: m.name, email: m.email } });
    await deps.mailer.send({
      to: m.email,
      language: m.language,
      ...mail,
      icalEvent: { method: s.cancelledAt ? 'CANCEL' : 'REQUEST', filename: 'invite.ics', content },
    });
  }
}

/** The link back to a saved draft, to its contact, in the language they chose on the form. */
export async function sendDraftMail(deps: Deps, draftId: string): Promise<void> {
  const [d] = await deps.db.select().from(programApplicationDrafts).where(eq(programApplicationDrafts.id, draftId));
  if (!d || d.sentAt) return;
  const p = await getProgramById(deps.db, d.programId);
  const locale = d.language;
  const t = tr(locale);
  const token = await draftToken(deps.secret, d);
  const values = { title: pickText(p.title, locale), deadline: formatDateTime(locale, p.applicationDeadline, p.timeZone) };
  const mail = buttonEmail({
    locale,
    subject: t('programs.mail.draft.subject', values),
    body: t('programs.mail.draft.body', values),
    button: t('programs.mail.draft.open'),
    url: `${deps.config.baseUrl}${draftPath(locale, p, token)}`,
  });
  await deps.mailer.send({ to: d.contactEmail, language: locale, ...mail });
}
