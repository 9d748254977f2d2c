import type { Deps } from '../../../platform/http/context';
import { AppError } from '../../../platform/http/errors';
import { enqueue, type TaskHandler } from '../../../platform/queue/queue';
import { eventParticipants, getEventById, pickText } from '../../events';
import type { SurveyRow } from '../schema';
import { inviteEmail } from '../emails/followup';
import { getSurvey } from './surveys';
import { inviteToken } from './followups';

/**
 * Emails a survey to its event's people, each once whatever how often an organizer presses the button
 * (the queue's dedupe key is the survey and the address): a "before" survey to everyone going, an
 * after-event one to those checked in (to everyone who had a seat when nobody was checked in). Each in
 * the language of their RSVP. Follow-ups go by their own schedule, to those who agreed, never from here.
 */
export async function sendToEventPeople(deps: Deps, s: SurveyRow): Promise<{ people: number }> {
  if (!s.eventId) throw new AppError('no_event', 409, 'surveys.error.noEvent');
  if (s.kind === 'followup') throw new AppError('followup', 409, 'surveys.error.followupSend');
  let list = await eventParticipants(deps.db, s.eventId, s.kind === 'pre' ? 'going' : 'checked_in');
  if (list.length === 0 && s.kind !== 'pre') list = await eventParticipants(deps.db, s.eventId, 'going');
  const withEmail = list.filter((p) => p.email);
  for (const p of withEmail)
    await enqueue(
      deps.db,
      'surveys.invite',
      { surveyId: s.id, email: p.email, language: p.language },
      { dedupeKey: `surveys.invite:${s.id}:${p.email!.toLowerCase()}` },
    );
  return { people: withEmail.length };
}

const sendInvite: TaskHandler = async (deps, payload) => {
  const s = await getSurvey(deps.db, String(payload.surveyId));
  const e = await getEventById(deps.db, s.eventId!);
  const locale = payload.language === 'es' ? 'es' : 'en';
  const email = String(payload.email);
  const mail = inviteEmail({
    locale,
    title: pickText(s.title, locale),
    event: pickText(e.title, locale),
    url: `${deps.config.baseUrl}${locale === 'es' ? '/es' : ''}/surveys/${s.id}?invite=${await inviteToken(deps.secret, email)}`,
  });
  await deps.mailer.send({ to: email, ...mail });
};

export const inviteTasks: Record<string, TaskHandler> = { 'surveys.invite': sendInvite };
