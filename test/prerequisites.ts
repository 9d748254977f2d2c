/**
 * Some tests need what a developer's machine may lack, such as a PostgreSQL server beside the PGlite
 * run. They must never report "passed" without running: locally they show as skipped, and in CI,
 * where nothing may be skipped, they run and fail with a message naming what is missing.
 */
export const inCI = !!process.env.CI;

/** TEST_DATABASE_URL, or in CI the server .ci/run always starts (so the PGlite pass covers it too). */
export const postgresUrl: string | undefined =
  process.env.TEST_DATABASE_URL || (inCI ? 'postgres://postgres@127.0.0.1:5432/postgres' : undefined);

/** For `it.skipIf(…)`: the prerequisite is missing and skipping is allowed (never in CI). */
export function skipWithout(prerequisite: unknown): boolean {
  return !prerequisite && !inCI;
}

/** The prerequisite, or a failure naming it: only reached without it in CI, where tests never skip. */
export function need<T>(prerequisite: T | null | undefined, what: string): T {
  if (prerequisite === null || prerequisite === undefined || prerequisite === '') {
    throw new Error(`Missing prerequisite: ${what}. CI must provide it; this test does not skip in CI.`);
  }
  return prerequisite;
}
