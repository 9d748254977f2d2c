import { and, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Locale } from '../../../platform/i18n';
import { events, rsvps, type Cover, type EventRow } from '../schema';
import { eventUrl } from '../lib/calendar';
import { listEvents } from './events';
import { pickText } from '../lib/text';

/** An event as other modules show it (the newsletter's events and recordings blocks). */
export interface EventSummary {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  /** Absolute URL of the event's public page. */
  url: string;
  format: 'in_person' | 'online' | 'hybrid';
  recordingUrl: string | null;
  /** The cover picture, for a card (events' `CoverImage` draws it). */
  cover: Cover | null;
}

type ListOpts = { limit: number; locale: Locale; baseUrl: string };

function summary(e: EventRow, locale: Locale, baseUrl: string): EventSummary {
  return {
    id: e.id,
    slug: e.slug,
    title: pickText(e.title, locale),
    summary: pickText(e.summary, locale) || null,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    timeZone: e.timeZone,
    url: eventUrl(baseUrl, locale, e.slug),
    format: e.format,
    recordingUrl: e.recordingUrl,
    cover: e.cover,
  };
}

export async function upcomingEvents(db: Db, opts: ListOpts): Promise<EventSummary[]> {
  const { events: list } = await listEvents(db, { when: 'upcoming', limit: opts.limit, offset: 0 });
  return list.filter((e) => e.status === 'published').map((e) => summary(e, opts.locale, opts.baseUrl));
}

export async function recentRecordings(db: Db, opts: ListOpts): Promise<EventSummary[]> {
  const list = await db
    .select()
    .from(events)
    .where(and(eq(events.status, 'published'), lt(events.endsAt, new Date()), isNotNull(events.recordingUrl)))
    .orderBy(desc(events.startsAt))
    .limit(opts.limit);
  return list.map((e) => summary(e, opts.locale, opts.baseUrl));
}

export async function attendeeEmailsSince(db: Db, since: Date): Promise<string[]> {
  const list = await db
    .selectDistinct({ email: rsvps.email })
    .from(rsvps)
    .innerJoin(events, eq(events.id, rsvps.eventId))
    .where(
      and(
        gte(events.startsAt, since),
        isNotNull(rsvps.email),
        sql`(${rsvps.checkedInAt} IS NOT NULL OR ${inArray(rsvps.status, ['going', 'walkin'])})`,
      ),
    );
  return list.map((r) => r.email!);
}

export async function exportEventData(db: Db, personId: string) {
  const list = await db
    .select({
      event: events.slug,
      title: events.title,
      startsAt: events.startsAt,
      name: rsvps.name,
      email: rsvps.email,
      status: rsvps.status,
      answers: rsvps.answers,
      accessibilityNeeds: rsvps.accessibilityNeeds,
      checkedInAt: rsvps.checkedInAt,
      createdAt: rsvps.createdAt,
    })
    .from(rsvps)
    .innerJoin(events, eq(events.id, rsvps.eventId))
    .where(eq(rsvps.personId, personId));
  return list;
}

/** Keeps the RSVP rows (attendance counts stay true) without name, email, answers or needs. */
export async function eraseEventData(db: Db, personId: string) {
  await db.update(rsvps).set({ name: '', email: null, answers: {}, accessibilityNeeds: null }).where(eq(rsvps.personId, personId));
}
