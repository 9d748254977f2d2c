import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { outboundFetch } from '../../../platform/http/outbound';
import { youtubeVideoId } from '../lib/youtube';
import { events } from '../schema';

/** The API takes at most 50 ids a request. */
const BATCH = 50;
/** A statistics answer for 50 videos is a few kilobytes: anything far larger is not YouTube's. */
const MAX_BYTES = 256 * 1024;
const TIMEOUT_MS = 10_000;
const MAX_VIEWS = 2_147_483_647;

/** The part of a `videos?part=statistics` answer read here; anything else in it is ignored. */
const answer = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        statistics: z.object({ viewCount: z.string().regex(/^\d{1,15}$/) }).optional(),
      }),
    )
    .default([]),
});

export interface ViewFetchResult {
  /** Events whose count was written. */
  updated: number;
  /** Requests that failed (refused key, quota, timeout, too large, not JSON): nothing written for them. */
  failed: number;
}

/**
 * Fetches the view counts of published events' YouTube livestreams (events that have started) from
 * the YouTube Data API v3 (`videos?part=statistics`, 50 ids a request) and writes each as the event's
 * `livestreamViews`, with the time fetched. Only http(s), through the one outbound fetch (time and
 * size limits, no private addresses unless allowed). A video missing from the answer (private,
 * removed) keeps the count it had; a failed request changes nothing.
 */
export async function fetchLivestreamViews(
  db: Db,
  opts: { key: string; apiUrl: string; allow?: readonly string[]; now?: Date },
): Promise<ViewFetchResult> {
  const now = opts.now ?? new Date();
  const list = await db
    .select({ id: events.id, url: events.livestreamUrl })
    .from(events)
    .where(and(eq(events.status, 'published'), isNotNull(events.livestreamUrl), lte(events.startsAt, now)));
  const byVideo = new Map<string, string[]>();
  for (const e of list) {
    const video = youtubeVideoId(e.url ?? '');
    if (video) byVideo.set(video, [...(byVideo.get(video) ?? []), e.id]);
  }
  const videos = [...byVideo.keys()];
  const result: ViewFetchResult = { updated: 0, failed: 0 };
  for (let i = 0; i < videos.length; i += BATCH) {
    const ids = videos.slice(i, i + BATCH);
    const url = new URL(`${opts.apiUrl.replace(/\/$/, '')}/videos`);
    url.search = new URLSearchParams({ part: 'statistics', id: ids.join(','), key: opts.key }).toString();
    let items: z.infer<typeof answer>['items'];
    try {
      const res = await outboundFetch(url, { allow: opts.allow, maxBytes: MAX_BYTES, timeoutMs: TIMEOUT_MS, maxRedirects: 0 });
      const parsed = answer.safeParse(JSON.parse(res.body.toString('utf8')));
      if (!parsed.success) throw new Error('not a statistics answer');
      items = parsed.data.items;
    } catch {
      // Refused (bad key, quota), too slow, too large or not the answer expected: tried again next hour.
      result.failed++;
      continue;
    }
    for (const item of items) {
      const targets = byVideo.get(item.id);
      if (!targets || !ids.includes(item.id) || !item.statistics) continue;
      const views = Math.min(Number(item.statistics.viewCount), MAX_VIEWS);
      for (const id of targets) {
        await db
          .update(events)
          .set({ livestreamViews: views, livestreamViewsFetchedAt: now })
          .where(and(eq(events.id, id), sql`${events.livestreamUrl} IS NOT NULL`));
        result.updated++;
      }
    }
  }
  return result;
}
