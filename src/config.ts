import { z } from 'zod';

/**
 * Every environment variable Pathways reads, in one place. The README's configuration table mirrors
 * this schema; change both together.
 */
const booleanish = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Public address used in links inside emails and feeds. */
  BASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** `demo` loads the Los Angeles demo chapter into an empty database; `none` starts empty. */
  SEED: z.enum(['demo', 'none']).default('demo'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Pathways <hello@pathways.localhost>'),
  /** Secret for signed links and cookies. Generated and kept in DATA_DIR when not set. */
  SECRET_KEY: z.string().min(32).optional(),
  /** `off` disables rate limits (load benchmarks on loopback only). */
  RATE_LIMITS: booleanish.default(true),
  /** Sign-in emails allowed per address and per IP address in 15 minutes. */
  RATE_LIMIT_SIGNIN_PER_EMAIL: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_SIGNIN_PER_IP: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_RSVP_PER_IP: z.coerce.number().int().positive().default(300),
  RATE_LIMIT_RSVP_PER_IP_EVENT: z.coerce.number().int().positive().default(20),
  /**
   * How many reverse proxies stand in front of the app (`1` or `true`: one). Each appends the address
   * it saw to X-Forwarded-For, so the client is the Nth address from the right; anything to its left
   * was written by the client and proves nothing. Unset or 0: the connection's own address.
   */
  TRUST_PROXY: z
    .enum(['true', 'false', 'on', 'off'])
    .transform((v) => (v === 'true' || v === 'on' ? 1 : 0))
    .or(z.coerce.number().int().min(0).max(10))
    .default(0),
  /** Largest request body accepted, in bytes (uploads included). */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `auto`: readable lines on a terminal, JSON lines otherwise (files, pipes, log collectors). */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  /**
   * Longest time a public page may be served from the in-memory page cache. Writes through this
   * process clear it at once; this bounds what other processes' writes take to show. 0 turns it off.
   */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /**
   * `host:port` entries the server may fetch even on a private address or a port other than 80/443
   * (a feed on the office network); `*:port` opens a port for public addresses only.
   */
  OUTBOUND_ALLOW: z
    .string()
    .regex(
      /^\s*(\*|\[[0-9a-fA-F:.]+\]|[^\s:,[\]]+):\d{1,5}\s*(,\s*(\*|\[[0-9a-fA-F:.]+\]|[^\s:,[\]]+):\d{1,5}\s*)*$/,
      'comma-separated host:port entries',
    )
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /**
   * Smallest count of people shown outside the organizers: counts from 1 to below it (and rates from
   * fewer people) are hidden on public pages, the public API and grant reports.
   */
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  /** Background worker inside the web process (`off` when running `pathways worker` separately). */
  WORKER: booleanish.default(true),
  /**
   * A YouTube Data API v3 key: with it, the worker fetches the view counts of events' YouTube
   * livestreams every hour (`videos?part=statistics`). Without it, organizers enter them.
   */
  YOUTUBE_API_KEY: z.string().trim().min(1).max(200).optional(),
  /** Where the YouTube Data API answers (http or https). */
  YOUTUBE_API_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//i, 'an http or https address')
    .default('https://www.googleapis.com/youtube/v3'),
});

export type Config = z.infer<typeof configSchema> & { baseUrl: string };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return { ...c, baseUrl: (c.BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '') };
}
