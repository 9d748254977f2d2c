import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client';
import { builtOnce } from '../../db/prepared';
import type { Deps } from '../http/context';
import { tasks } from './schema';
import { invalidatePublicCache } from '../http/page-cache';

export type TaskHandler = (deps: Deps, payload: Record<string, unknown>, task: { id: string; attempts: number }) => Promise<void>;

/** Built once: every RSVP and send queues tasks, most of them inside a transaction of its own. */
const insertTask = builtOnce('queue.insertTask', (db) =>
  db
    .insert(tasks)
    .values({
      kind: sql.placeholder('kind'),
      payload: sql.placeholder('payload'),
      runAt: sql.placeholder('runAt'),
      dedupeKey: sql.placeholder('dedupeKey'),
      maxAttempts: sql.placeholder('maxAttempts'),
    })
    .onConflictDoNothing(),
);

/** Adds background work. With a dedupe key, the same work is queued once however often it is asked for. */
export async function enqueue(
  db: Db,
  kind: string,
  payload: Record<string, unknown> = {},
  opts: { runAt?: Date; dedupeKey?: string; maxAttempts?: number } = {},
): Promise<void> {
  await insertTask(db, {
    kind,
    payload,
    runAt: opts.runAt ?? new Date(),
    dedupeKey: opts.dedupeKey ?? null,
    maxAttempts: opts.maxAttempts ?? 8,
  });
}

interface Claimed {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

/**
 * Claims one due task with a conditional update: the row is taken only if it is still pending (or its
 * lease ran out after a crash), so two workers never hold the same task. Safe on PGlite and PostgreSQL.
 */
async function claimTask(db: Db, kinds: string[], leaseSeconds = 300): Promise<Claimed | null> {
  if (kinds.length === 0) return null;
  const [task] = await rows<Claimed>(
    db,
    sql`UPDATE tasks SET status = 'running', attempts = attempts + 1,
               locked_until = now() + make_interval(secs => ${leaseSeconds})
        WHERE id = (
          SELECT id FROM tasks
          WHERE kind IN (${sql.join(
            kinds.map((k) => sql`${k}`),
            sql`, `,
          )})
            AND ((status = 'pending' AND run_at <= now()) OR (status = 'running' AND locked_until < now()))
          ORDER BY run_at LIMIT 1
          FOR UPDATE SKIP LOCKED)
          AND ((status = 'pending' AND run_at <= now()) OR (status = 'running' AND locked_until < now()))
        RETURNING id, kind, payload, attempts, max_attempts`,
  );
  return task ?? null;
}

async function completeTask(db: Db, id: string): Promise<void> {
  await db.execute(sql`UPDATE tasks SET status = 'done', finished_at = now(), locked_until = NULL WHERE id = ${id}`);
}

/** Retries with exponential backoff (30 s, 1 min, 2 min … capped at 1 h) until maxAttempts. */
async function failTask(db: Db, task: Claimed, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const final = task.attempts >= task.max_attempts;
  const delay = Math.min(3600, 30 * 2 ** (task.attempts - 1));
  await db.execute(
    sql`UPDATE tasks SET status = ${final ? 'failed' : 'pending'}, last_error = ${message.slice(0, 2000)},
               run_at = now() + make_interval(secs => ${delay}), locked_until = NULL,
               finished_at = ${final ? sql`now()` : sql`NULL`}
        WHERE id = ${task.id}`,
  );
}

/**
 * Takes this turn of a schedule for the calling worker: true for exactly one of several workers asking at
 * once, and for nobody again until `everySeconds` have passed (a little less, so a worker polling on
 * the beat is not pushed a whole period late by clock jitter).
 */
export async function claimSchedule(db: Db, name: string, everySeconds: number): Promise<boolean> {
  const due = Math.max(0, everySeconds - 0.5);
  const claimed = await rows<{ name: string }>(
    db,
    sql`INSERT INTO schedule_runs (name, last_run_at) VALUES (${name}, now())
        ON CONFLICT (name) DO UPDATE SET last_run_at = now()
          WHERE schedule_runs.last_run_at <= now() - make_interval(secs => ${due})
        RETURNING name`,
  );
  return claimed.length === 1;
}

/** Runs due tasks until none is left; returns how many ran. */
export async function drainTasks(deps: Deps, handlers: Record<string, TaskHandler>, limit = 1000): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const task = await claimTask(deps.db, Object.keys(handlers));
    if (!task) break;
    ran++;
    try {
      await handlers[task.kind](deps, task.payload, { id: task.id, attempts: task.attempts });
      await completeTask(deps.db, task.id);
    } catch (err) {
      deps.logger.warn({ err, task: task.id, kind: task.kind }, 'task failed');
      await failTask(deps.db, task, err);
    }
  }
  // Background work may have changed what public pages show (see the page cache).
  if (ran > 0) invalidatePublicCache();
  return ran;
}
