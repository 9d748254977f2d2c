import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client';
import type { Locale } from '../../../platform/i18n';
import type { ScheduleData } from '../lib/schedule-export';
import { scheduleJson, scheduleXml } from '../lib/schedule-export';
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
 * What changes the exported programme, in one cheap query on this module's tables: the page cache keeps
 * HTML only, so the XML and JSON exports are kept here, keyed by this and the event's own version.
 */
async function fingerprint(db: Db, v: ConferenceView): Promise<string> {
  const [f] = await rows<{ s: string }>(
    db,
    sql`SELECT concat_ws('|',
          (SELECT concat(count(*), ':', max(updated_at), ':', sum(num)) FROM conference_sessions WHERE event_id = ${v.event.id}),
          (SELECT concat(count(*), ':', max(created_at)) FROM conference_rooms WHERE event_id = ${v.event.id}),
          (SELECT concat(count(*), ':', max(created_at)) FROM conference_tracks WHERE event_id = ${v.event.id})) AS s`,
  );
  return `${v.event.sequence}:${v.event.updatedAt.getTime()}:${v.conference.acronym}:${f.s}`;
}

const cache = new Map<string, { version: string; body: string }>();
const CACHE_MAX = 200;

/** schedule.xml or schedule.json, built once per change of the programme. */
export async function exportedSchedule(
  db: Db,
  v: ConferenceView,
  format: 'xml' | 'json',
  locale: Locale,
  baseUrl: string,
): Promise<string> {
  const version = await fingerprint(db, v);
  const key = `${v.event.id}|${format}|${locale}|${baseUrl}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.body;
  const data = await loadSchedule(db, v);
  // frab's <version> names the revision of the programme: the event's sequence and the session count.
  const label = `${v.event.sequence}.${data.sessions.length}`;
  const body = format === 'xml' ? scheduleXml(data, locale, baseUrl, label) : scheduleJson(data, locale, baseUrl, label);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, { version, body });
  return body;
}
