import Bowser from 'bowser';

/**
 * The browser and system a session was started from, as a person names them ("Chrome", "Android"),
 * read from its stored user-agent string. Either is null when the string doesn't say.
 */
export function deviceOf(userAgent: string | null | undefined): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  const parsed = Bowser.parse(userAgent);
  return { browser: parsed.browser.name || null, os: parsed.os.name || null };
}
