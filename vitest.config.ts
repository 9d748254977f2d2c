import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/*.test.ts', 'test/sweeps/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest leaves one core free by default, which on a 2-core machine runs the files one at a time.
    // Every file has its own database and much of a test's time is waiting (SMTP, child processes, the
    // PostgreSQL server), so one fork per core keeps both busy.
    maxWorkers: os.availableParallelism(),
    // Files run one after another in each worker and share its loaded modules: each file still has its
    // own database and app (testEnv), but no longer pays for loading PGlite, Hono, Zod and the app's
    // modules afresh. That was about half of the suite's time; the page cache, the only module-level
    // state a file could see from the one before, is cleared by testEnv.
    isolate: false,
  },
});
