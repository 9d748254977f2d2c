import type { Ctx } from '../../../platform/http/context';
import { isAdmin, organizerScopes } from '../../../platform/auth/roles';
import { errorMessages } from '../../../platform/http/validation';
import { AppError } from '../../../platform/http/errors';
import type { MetricsHooks } from '../hooks';
import { metricsMessages, tr } from '../messages';
import { PRESETS, presetPeriod } from '../lib/period';
import { dayInZone } from '../../../platform/i18n/format';
import { DEFAULT_TIME_ZONE } from '../../../platform/time';
import { metricsQuery } from '../service/publication';

/** Today as a calendar day in `timeZone`: a period preset turns over at the chapter's midnight, not UTC's. */
export const today = (timeZone: string) => dayInZone(new Date(), timeZone);

/** The chapters this viewer may pick: all for admins, their own for organizers. */
export async function pickableChapters(c: Ctx, hooks: MetricsHooks) {
  const all = await hooks.chapters.listChapters(c.var.db);
  const scopes = organizerScopes(c.var.viewer);
  return scopes === null ? all : all.filter((ch) => scopes.includes(ch.slug));
}

export const chapterLabel = (c: Ctx, ch: { name: string; nameEs: string | null }) => (c.var.locale === 'es' && ch.nameEs) || ch.name;

/**
 * The dashboard's query: a preset or two dates, and a chapter (an organizer's own by default, the
 * network for admins). Problems come back as translated field messages, never a 500.
 */
export async function dashboardQuery(c: Ctx, hooks: MetricsHooks) {
  const raw = c.req.query();
  const preset = (PRESETS as readonly string[]).includes(raw.preset ?? '')
    ? (raw.preset as (typeof PRESETS)[number])
    : raw.from
      ? 'custom'
      : 'quarter';
  const own = await pickableChapters(c, hooks);
  const chapter = raw.chapter !== undefined ? raw.chapter : isAdmin(c.var.viewer) ? '' : (own[0]?.slug ?? '');
  const zone = own.find((ch) => ch.slug === chapter)?.timeZone ?? own[0]?.timeZone ?? DEFAULT_TIME_ZONE;
  const period = preset === 'custom' ? { from: raw.from ?? '', to: raw.to ?? '' } : presetPeriod(preset, today(zone));
  const parsed = metricsQuery.safeParse({ ...period, ...(chapter ? { chapter } : {}) });
  const errors: Record<string, string> = parsed.success ? {} : errorMessages(c, parsed.error, metricsMessages);
  if (parsed.success && parsed.data.from > parsed.data.to) errors.to = tr(c)('metrics.error.order');
  return { preset, from: period.from, to: period.to, chapter, own, errors, query: parsed.success ? parsed.data : null };
}

/** A refused period or chapter as the page's field messages (the service's keys, translated). */
export function fieldErrors(c: Ctx, err: unknown): Record<string, string> | null {
  if (!(err instanceof AppError) || err.status !== 422) return null;
  const t = metricsMessages.for(c.var.locale) as (k: string) => string;
  return Object.fromEntries(Object.entries(err.fields).map(([f, k]) => [f, k.startsWith('metrics.') ? t(k) : c.var.t(k as never)]));
}

export const queryString = (q: { preset?: string; from: string; to: string; chapter?: string | null }) =>
  new URLSearchParams({
    ...(q.preset ? { preset: q.preset } : {}),
    from: q.from,
    to: q.to,
    ...(q.chapter ? { chapter: q.chapter } : {}),
  }).toString();
