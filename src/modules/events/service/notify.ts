import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import type { Deps } from '../../../platform/http/context';
import { enqueue, type TaskHandler } from '../../../platform/queue/queue';
import { AppError } from '../../../platform/http/errors';
import { events, rsvps } from '../schema';
import { rsvpMail, type MailTemplate } from './mail';
import { localText } from './input';

/** Sends one RSVP email (confirmation, promotion, update, reminder, organizer message). */
const mail: TaskHandler = async (deps, payload) => {
  const m = await rsvpMail(deps, String(payload.rsvpId), payload.template as MailTemplate | 'placed', {
    hours: typeof payload.hours === 'number' ? payload.hours : undefined,
    subject: typeof payload.subject === 'string' ? payload.subject : undefined,
    body: typeof payload.body === 'string' ? payload.body : undefined,
  });
  if (m) await deps.mailer.send(m);
};

/** An organizer changed or cancelled the event: everyone holding a place gets the new invite. */
const notifyChange: TaskHandler = async (deps, payload) => {
  const eventId = String(payload.eventId);
  const template = payload.kind === 'cancelled' ? 'eventCancelled' : 'updated';
  const list = await deps.db
    .select({ id: rsvps.id })
    .from(rsvps)
    .where(
      and(
        eq(rsvps.eventId, eventId),
        inArray(rsvps.status, template === 'updated' ? ['going', 'walkin'] : ['going', 'waitlist', 'pending', 'walkin']),
      ),
    );
  for (const r of list) {
    await enqueue(deps.db, 'events.mail', { rsvpId: r.id, template }, { dedupeKey: `events.mail:${r.id}:${template}:${payload.sequence}` });
  }
};

export const messageInput = z.object({
  audience: z.enum(['going', 'waitlist', 'pending']),
  subject: localText(200).refine((t) => !!(t.en || t.es), { message: 'validation.required' }),
  body: localText(10000).refine((t) => !!(t.en || t.es), { message: 'validation.required' }),
});

/** Organizer message to all attendees (or all waitlisted): each person reads it in their language. */
export async function messageAttendees(db: Db, eventId: string, input: z.output<typeof messageInput>): Promise<number> {
  const [e] = await db.select({ pastRecord: events.pastRecord }).from(events).where(eq(events.id, eventId));
  if (e?.pastRecord) throw new AppError('past_record', 409, 'events.error.pastRecordNoMail');
  const list = await db
    .select({ id: rsvps.id, language: rsvps.language })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, input.audience)));
  const batch = Date.now();
  await db.transaction(async (tx) => {
    for (const r of list) {
      const lang = r.language === 'es' ? 'es' : 'en';
      const other = lang === 'es' ? 'en' : 'es';
      await enqueue(
        tx,
        'events.mail',
        {
          rsvpId: r.id,
          template: 'message',
          subject: input.subject[lang] ?? input.subject[other],
          body: input.body[lang] ?? input.body[other],
        },
        { dedupeKey: `events.message:${r.id}:${batch}` },
      );
    }
  });
  return list.length;
}

/**
 * Reminders: for every published event, each reminder time (hours before the start) that has come,
 * for people going who RSVPed before it. The (rsvp, hours) primary key records each send, and the
 * record and the queued email commit together, so a reminder is never sent twice.
 */
export async function queueReminders(deps: Deps): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const due = await rows<{ rsvp_id: string; hours: number }>(
      tx,
      sql`INSERT INTO event_reminders (rsvp_id, hours)
          SELECT r.id, h.hours
          FROM events e
          CROSS JOIN LATERAL (SELECT x::int AS hours FROM jsonb_array_elements_text(e.reminder_hours) AS x) h
          JOIN rsvps r ON r.event_id = e.id AND r.status = 'going'
          WHERE e.status = 'published' AND NOT e.past_record AND e.starts_at > now()
            AND e.starts_at - make_interval(hours => h.hours) <= now()
            AND r.created_at < e.starts_at - make_interval(hours => h.hours)
          ON CONFLICT DO NOTHING
          RETURNING rsvp_id, hours`,
    );
    for (const d of due) {
      await enqueue(
        tx,
        'events.mail',
        { rsvpId: d.rsvp_id, template: 'reminder', hours: d.hours },
        { dedupeKey: `events.reminder:${d.rsvp_id}:${d.hours}` },
      );
    }
    return due.length;
  });
}

export const eventTasks: Record<string, TaskHandler> = {
  'events.mail': mail,
  'events.notifyChange': notifyChange,
};
