import { z } from 'zod';
import type { Db } from '../../../db/client';
import { conferenceRooms, conferenceSessions, conferenceTracks } from '../schema';
import { createWithEvent, listRooms, listSessions, listTracks, sessionCode, type ConferenceView } from './conference';
import { ACRONYM } from './input';
import { zonedToUtc } from '../../../platform/time';
import { localDate, localTime } from '../lib/times';

export const copyInput = z.object({
  acronym: z.string().max(30).regex(ACRONYM, { message: 'conferences.error.acronym' }),
  title: z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1).max(200)),
  firstDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' }),
});

/**
 * Another city or year: the event's structure (text, venue, accessibility, questions, reminders),
 * the tracks, rooms and sessions moved to the new first day. People, sign-ups, stars and feedback stay.
 */
export async function copyConference(
  db: Db,
  from: ConferenceView,
  input: z.output<typeof copyInput>,
  actorId: string | null,
): Promise<ConferenceView> {
  const e = from.event;
  const tz = e.timeZone;
  const days = Math.round((Date.parse(`${input.firstDay}T00:00Z`) - Date.parse(`${localDate(e.startsAt, tz)}T00:00Z`)) / 86_400_000);
  // Moved by calendar days at the same wall-clock time, so 09:00 stays 09:00 across a change of clocks.
  const move = (d: Date) => {
    const day = new Date(`${localDate(d, tz)}T00:00Z`);
    day.setUTCDate(day.getUTCDate() + days);
    return zonedToUtc(`${day.toISOString().slice(0, 10)}T${localTime(d, tz)}`, tz)!;
  };
  const fields = {
    title: { en: input.title, es: e.title.es ? input.title : null },
    summary: e.summary,
    description: e.description,
    startsAt: move(e.startsAt),
    endsAt: move(e.endsAt),
    timeZone: tz,
    format: e.format,
    venue: e.venue,
    accessibility: e.accessibility,
    capacity: e.capacity,
    requiresApproval: e.requiresApproval,
    requireEmailConfirmation: e.requireEmailConfirmation,
    questions: e.questions,
    reminderHours: e.reminderHours,
    chapter: e.chapter,
    status: 'draft',
  };
  const [tracks, rooms, sessions] = await Promise.all([listTracks(db, e.id), listRooms(db, e.id), listSessions(db, e.id)]);
  return createWithEvent(db, fields, { kind: from.conference.kind, acronym: input.acronym }, actorId, async (tx, { event }) => {
    const trackIds = new Map<string, string>();
    for (const t of tracks) {
      const [n] = await tx.insert(conferenceTracks).values({ eventId: event.id, name: t.name, color: t.color }).returning();
      trackIds.set(t.id, n.id);
    }
    const roomIds = new Map<string, string>();
    for (const r of rooms) {
      const [n] = await tx
        .insert(conferenceRooms)
        .values({ eventId: event.id, name: r.name, capacity: r.capacity, accessibility: r.accessibility })
        .returning();
      roomIds.set(r.id, n.id);
    }
    for (const s of sessions) {
      await tx.insert(conferenceSessions).values({
        eventId: event.id,
        code: sessionCode(),
        title: s.title,
        abstract: s.abstract,
        type: s.type,
        language: s.language,
        trackId: s.trackId ? (trackIds.get(s.trackId) ?? null) : null,
        roomId: s.roomId ? (roomIds.get(s.roomId) ?? null) : null,
        startsAt: move(s.startsAt),
        endsAt: move(s.endsAt),
        speakers: s.speakers,
        capacity: s.capacity,
      });
    }
  });
}
