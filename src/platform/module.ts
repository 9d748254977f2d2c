import type { Hono } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Deps } from './http/context';
import type { TaskHandler } from './queue/queue';

/** What `pathways <module> <command>` gets: open services, the arguments after the command, output. */
export interface CliContext {
  deps: Deps;
  args: string[];
  out: (line: string) => void;
  err: (line: string) => void;
}
/** Returns the process exit code. */
export type CliCommand = (ctx: CliContext) => Promise<number>;

/**
 * One capability, as the application sees it. `src/modules/index.ts` lists them in order; the app,
 * the migrator, the worker, the seed and the CLI all read that one list.
 */
export interface PathwaysModule {
  name: string;
  /** Folder of this module's migrations, relative to src/. Applied in list order. */
  migrations?: string;
  /** HTML routes, mounted at `/` and `/es`. */
  pages?: Hono<AppEnv>;
  /** JSON routes under /api/v1, registered on the OpenAPI router. */
  api?: (api: OpenAPIHono<AppEnv>) => void;
  /** Menu entries, footer blocks, data-rights providers, error catalogs. Must be idempotent. */
  setup?: () => void;
  /** Background task handlers by kind. */
  tasks?: Record<string, TaskHandler>;
  /**
   * Periodic work the worker runs (reminders, scheduled imports, digests), every `everySeconds`. After a
   * run the public page cache is cleared (on every server) unless `run` answers `false`: "nothing
   * changed", which a frequent poll should say when it found nothing to do.
   */
  schedules?: { name: string; everySeconds: number; run: (deps: Deps) => Promise<void | boolean> }[];
  /** `pathways <name> <command> …` */
  cli?: Record<string, CliCommand>;
  /** Demo data for the Los Angeles chapter. */
  seed?: (deps: Deps) => Promise<void>;
}
