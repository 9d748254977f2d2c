/**
 * Written as a UUID (any version, either case): what a uuid column accepts, so a lookup by it cannot
 * fail in SQL. One regular expression, built once: checking with a zod schema made per call cost more
 * than a job page's queries' parameters together.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);
