import type { Db } from '../../../db/client';
import { enqueue, type TaskHandler } from '../../../platform/queue/queue';
import { introductionEmail } from '../emails/introduction';
import type { Introduction } from './mentorship';

/** Queues the introductions in one transaction: all of a run's emails go, or none. */
export async function queueIntroductions(db: Db, list: Introduction[]): Promise<void> {
  if (list.length === 0) return;
  await db.transaction(async (tx) => {
    for (const intro of list) await enqueue(tx, 'groups.introduce', { intro });
  });
}

const introduce: TaskHandler = async (deps, payload) => {
  const intro = payload.intro as Introduction;
  await deps.mailer.send({ to: intro.to.email, language: intro.to.language, ...introductionEmail(intro) });
};

export const groupsTasks: Record<string, TaskHandler> = { 'groups.introduce': introduce };
