import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import type { Locale } from '../../../platform/i18n';
import type { ScheduleData } from '../lib/schedule-export';
import { scheduleIcs, scheduleJson, scheduleXml, textIn } from '../lib/schedule-export';
import { listRooms, listSessions, listTracks, type ConferenceView } from './conference';

export async function loadSchedule(db: Db, v: ConferenceView): Promise<ScheduleData> {
  const [sessions, rooms, tracks] = await Promise.all([
    listSessions(db, v.event.id),
    listRooms(db, v.event.id),
    listTracks(db, v.event.id),
  ]);
  return { ...v, sessions, rooms, tracks };
}

/**
 * What changes the exported programme, in one cheap query on this module's tables: the sessions (each
 * edit moves `updated_at`; a deletion changes the count and the sum of the never-reused numbers), the
 * rooms and tracks whole (a handful of rows, which carry no change time) and the conference row. Another
 * server on the same database may have made the change, so this is read, not remembered.
 */
async function fingerprint(db: Db, v: ConferenceView): Promise<string> {
  const [f] = await rows<{ s: string }>(
    db,
    sql`SELECT concat_ws('|',
          (SELECT concat(count(*), ':', max(updated_at), ':', sum(num)) FROM conference_sessions WHERE event_id = ${v.event.id}),
          (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) FROM conference_rooms r WHERE r.event_id = ${v.event.id}),
          (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM conference_tracks t WHERE t.event_id = ${v.event.id}),
          (SELECT concat(acronym, ':', kind) FROM conferences WHERE event_id = ${v.event.id})) AS s`,
  );
  return `${v.event.sequence}:${v.event.updatedAt.getTime()}:${f.s}`;
}

export type ExportFormat = 'xml' | 'json' | 'ics';
const cache = new Map<string, { version: string; body: string }>();
const CACHE_MAX = 200;

/**
 * The whole programme as schedule.xml, schedule.json or schedule.ics, built once per change of the
 * programme: the page cache keeps these answers between writes, and after a write anywhere this finds
 * in one query whether this conference's programme really changed.
 */
export async function exportedSchedule(db: Db, v: ConferenceView, format: ExportFormat, locale: Locale, baseUrl: string): Promise<string> {
  const version = await fingerprint(db, v);
  const key = `${v.event.id}|${format}|${locale}|${baseUrl}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.body;
  const data = await loadSchedule(db, v);
  // frab's <version> names the revision of the programme: the event's sequence and the session count.
  const label = `${v.event.sequence}.${data.sessions.length}`;
  const body =
    format === 'xml'
      ? scheduleXml(data, locale, baseUrl, label)
      : format === 'json'
        ? scheduleJson(data, locale, baseUrl, label)
        : scheduleIcs(data, data.sessions, locale, baseUrl, textIn(v.event.title, locale));
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, { version, body });
  return body;
}
