import type { Deps } from '../http/context';
import type { PathwaysModule } from '../module';
import { claimSchedule, drainTasks, type TaskHandler } from './queue';
import { invalidatePublicCache } from '../http/page-cache';

/**
 * The background worker: runs queued tasks and each module's schedules. It runs inside `npm start`
 * (or alone as `pathways worker`); because every task lives in the database, a restart resumes.
 */
export function startWorker(deps: Deps, modules: PathwaysModule[], opts: { pollMs?: number } = {}) {
  const handlers: Record<string, TaskHandler> = Object.assign({}, ...modules.map((m) => m.tasks ?? {}));
  const schedules = modules.flatMap((m) => m.schedules ?? []);
  const lastRun = new Map<string, number>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function tick() {
    for (const s of schedules) {
      const last = lastRun.get(s.name) ?? 0;
      if (Date.now() - last >= s.everySeconds * 1000) {
        lastRun.set(s.name, Date.now());
        // Several workers may share the database: only the one that claims this turn runs it.
        if (!(await claimSchedule(deps.db, s.name, s.everySeconds))) continue;
        let changed: void | boolean = true;
        try {
          deps.logger.debug({ schedule: s.name }, 'schedule ran');
          changed = await s.run(deps);
        } catch (err) {
          deps.logger.error({ err, schedule: s.name }, 'schedule failed');
        } finally {
          if (changed !== false) invalidatePublicCache();
        }
      }
    }
    await drainTasks(deps, handlers, 200);
  }

  function loop() {
    if (stopped) return;
    running = tick()
      .catch((err) => deps.logger.error({ err }, 'worker tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, opts.pollMs ?? 1000);
      });
  }
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
