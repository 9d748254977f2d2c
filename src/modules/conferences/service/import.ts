import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError } from '../../../platform/http/errors';
import { isTimeZone } from '../../../platform/time';
import type { EventRow } from '../../events';
import { readFrab, ScheduleRejected } from '../lib/frab-read';
import type { ConferencesKey } from '../messages';
import { conferenceRooms, conferenceSessions, conferenceTracks } from '../schema';
import { createConference, findByAcronym, listRooms, listTracks, updateConference } from './conference';
import { sessionInput } from './input';
import { createSession, speakerKey } from './sessions';

/** A schedule.xml larger than this is refused before it is read. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export interface ImportResult {
  slug: string;
  sessions: number;
  speakers: number;
  skipped: { title: string; reason: ConferencesKey }[];
}

const HOUR = 3_600_000;

/**
 * Imports a frab/pretalx schedule.xml into a draft conference: a new one, or the one with the same
 * acronym, whose programme the file then replaces (guids kept, so exports and calendars follow).
 * All in one transaction: a file that cannot be read changes nothing.
 */
export async function importSchedule(
  db: Db,
  xml: string,
  opts: { timeZone?: string | null; actorId: string | null; canUpdate: (e: EventRow) => boolean },
): Promise<ImportResult> {
  if (Buffer.byteLength(xml) > IMPORT_MAX_BYTES) throw new AppError('too_large', 413, 'conferences.error.tooBig');
  let file;
  try {
    file = readFrab(xml);
  } catch (err) {
    if (err instanceof ScheduleRejected)
      throw new AppError(
        'invalid_xml',
        422,
        'conferences.error.xml',
        { file: 'conferences.error.xml' },
        { detail: err.detail },
        { file: { detail: err.detail } },
      );
    throw err;
  }
  const timeZone = file.timeZone && isTimeZone(file.timeZone) ? file.timeZone : opts.timeZone;
  if (!timeZone) throw new AppError('validation_failed', 422, 'errors.validation', { timeZone: 'conferences.error.noTimeZone' });
  if (!isTimeZone(timeZone)) throw new AppError('validation_failed', 422, 'errors.validation', { timeZone: 'conferences.error.timeZone' });

  const timed = file.sessions.filter((s) => s.startsAt && s.minutes != null && s.minutes > 0);
  const first = timed.length ? Math.min(...timed.map((s) => s.startsAt!.getTime())) : Date.now() + 24 * HOUR;
  const last = timed.length ? Math.max(...timed.map((s) => s.startsAt!.getTime() + s.minutes! * 60_000)) : first + 8 * HOUR;
  const fields = {
    title: file.title.slice(0, 200),
    startsAt: new Date(first).toISOString(),
    endsAt: new Date(last).toISOString(),
    timeZone,
    acronym: file.acronym,
  };

  return db.transaction(async (tx) => {
    const existing = await findByAcronym(tx, file.acronym);
    let view;
    if (existing) {
      if (existing.event.status !== 'draft') throw new AppError('not_draft', 409, 'conferences.error.notDraft');
      if (!opts.canUpdate(existing.event)) throw new AppError('forbidden', 403, 'errors.forbidden');
      const old = await tx
        .select({ guid: conferenceSessions.guid })
        .from(conferenceSessions)
        .where(eq(conferenceSessions.eventId, existing.event.id));
      // The programme is replaced; a draft has no sign-ups worth keeping, and guids stay the same.
      if (old.length) await tx.delete(conferenceSessions).where(eq(conferenceSessions.eventId, existing.event.id));
      view = await updateConference(tx, existing.event.slug, fields);
    } else {
      view = await createConference(
        tx,
        { ...fields, titleEs: null, kind: 'conference', status: 'draft', capacity: null, chapter: null },
        opts.actorId,
      );
    }
    const e = view.event;
    const rooms = new Map((await listRooms(tx, e.id)).map((r) => [r.name, r.id]));
    const tracks = new Map((await listTracks(tx, e.id)).map((t) => [t.name.en ?? t.name.es ?? '', t.id]));
    const skipped: ImportResult['skipped'] = [];
    const speakers = new Set<string>();
    let count = 0;
    for (const s of file.sessions) {
      const title = s.title || s.id || '?';
      if (!s.startsAt || !s.minutes || s.minutes <= 0) {
        skipped.push({ title, reason: 'conferences.skip.badTime' });
        continue;
      }
      if (!s.room) {
        skipped.push({ title, reason: 'conferences.skip.noRoom' });
        continue;
      }
      let roomId = rooms.get(s.room);
      if (!roomId) {
        // frab files carry no room sizes: a generous one until organizers set the real capacity.
        [{ id: roomId }] = await tx
          .insert(conferenceRooms)
          .values({
            eventId: e.id,
            name: s.room.slice(0, 120),
            capacity: 1000,
            accessibility: { stepFree: false, hearingLoop: false, cart: false, interpretation: false, quietRoom: false },
          })
          .returning({ id: conferenceRooms.id });
        rooms.set(s.room, roomId);
      }
      let trackId: string | null = null;
      if (s.track) {
        trackId = tracks.get(s.track) ?? null;
        if (!trackId) {
          [{ id: trackId }] = await tx
            .insert(conferenceTracks)
            .values({ eventId: e.id, name: { en: s.track.slice(0, 120), es: null } })
            .returning({ id: conferenceTracks.id });
          tracks.set(s.track, trackId);
        }
      }
      const parsed = sessionInput.safeParse({
        title: s.title.slice(0, 300),
        abstract: (s.abstract || s.description || s.subtitle).slice(0, 5000),
        type: s.type,
        trackId,
        roomId,
        startsAt: s.startsAt.toISOString(),
        endsAt: new Date(s.startsAt.getTime() + s.minutes * 60_000).toISOString(),
        language: s.language,
        // The same person listed twice in one session is one speaker.
        speakers: [...new Map(s.persons.map((p) => [speakerKey(p), { name: p.slice(0, 200) }])).values()].slice(0, 20),
      });
      if (!parsed.success) {
        skipped.push({ title, reason: 'conferences.skip.invalid' });
        continue;
      }
      try {
        await createSession(tx, e, parsed.data, { guid: s.guid });
      } catch (err) {
        if (err instanceof AppError && err.status === 409) skipped.push({ title, reason: 'conferences.skip.clash' });
        else if (err instanceof AppError && err.status === 422)
          skipped.push({ title, reason: err.fields.startsAt ? 'conferences.skip.outside' : 'conferences.skip.invalid' });
        else throw err;
        continue;
      }
      count++;
      for (const p of s.persons) speakers.add(speakerKey(p));
    }
    return { slug: e.slug, sessions: count, speakers: speakers.size, skipped };
  });
}
