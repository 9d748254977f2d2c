import { eq } from 'drizzle-orm';
import type { Deps } from '../../../platform/http/context';
import { enqueue, type TaskHandler } from '../../../platform/queue/queue';
import { signLink, verifyLink } from '../../../platform/auth/tokens';
import { surveyFollowups } from '../schema';
import { followupEmail } from '../emails/followup';
import { claimDueFollowups, getSurvey } from './surveys';
import { pickText } from '../../events';

const INVITE = 'surveyinvite';
const STOP = 'surveystop';

export const inviteToken = (secret: Uint8Array, email: string) => signLink(secret, INVITE, { e: email });
const stopToken = (secret: Uint8Array, email: string) => signLink(secret, STOP, { e: email });
export async function emailFromInvite(secret: Uint8Array, token: string): Promise<string | null> {
  return (await verifyLink<{ e: string }>(secret, INVITE, token))?.e ?? null;
}
export async function emailFromStop(secret: Uint8Array, token: string): Promise<string | null> {
  return (await verifyLink<{ e: string }>(secret, STOP, token))?.e ?? null;
}

/** Due follow-ups and reminders: each marked sent in the same transaction that queues its email. */
export async function queueDueFollowups(deps: Deps, now = new Date()): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const due = await claimDueFollowups(tx as unknown as Deps['db'], now);
    for (const d of due)
      await enqueue(tx, 'surveys.followup', { id: d.id, kind: d.kind }, { dedupeKey: `surveys.followup:${d.id}:${d.kind}` });
    return due.length;
  });
}

const sendFollowup: TaskHandler = async (deps, payload) => {
  const [f] = await deps.db
    .select()
    .from(surveyFollowups)
    .where(eq(surveyFollowups.id, String(payload.id)));
  if (!f || f.stoppedAt) return;
  const s = await getSurvey(deps.db, f.surveyId);
  const locale = f.language === 'es' ? 'es' : 'en';
  const prefix = `${deps.config.baseUrl}${locale === 'es' ? '/es' : ''}`;
  const mail = followupEmail({
    locale,
    title: pickText(s.title, locale),
    url: `${prefix}/surveys/${s.id}?invite=${await inviteToken(deps.secret, f.email)}`,
    stopUrl: `${prefix}/surveys/stop/${await stopToken(deps.secret, f.email)}`,
    reminder: payload.kind === 'reminder',
  });
  await deps.mailer.send({ to: f.email, ...mail });
};

export const surveyTasks: Record<string, TaskHandler> = { 'surveys.followup': sendFollowup };
