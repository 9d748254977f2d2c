import { nameUuid } from './uuid';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { XMLBuilder } from 'fast-xml-parser';
import { xmlSafe } from '../../../platform/http/xml';
import type { Locale } from '../../../platform/i18n';
import type { EventRow } from '../../events';
import type { Conference, Room, Session, Track } from '../schema';
import { conferenceUrl } from './urls';
import { datesBetween, dayStart, hhmm, isoWithOffset, localDate, localTime } from './times';
import { utcToZoned } from '../../../platform/time';

export interface ScheduleData {
  event: EventRow;
  conference: Conference;
  sessions: Session[];
  rooms: Room[];
  tracks: Track[];
}

/** Spanish where asked and written, else English, else whatever there is. */
export const textIn = (t: { en?: string | null; es?: string | null } | null | undefined, locale: Locale): string =>
  (locale === 'es' ? (t?.es ?? t?.en) : (t?.en ?? t?.es)) ?? '';

const slugPart = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');

/** frab's per-session slug: unique (the number is), lowercase, ending in a letter or digit. */
const sessionSlug = (acronym: string, s: Session) =>
  [acronym.replace(/_/g, '-'), s.num, slugPart(s.title.en ?? s.title.es ?? '')].filter(Boolean).join('-').replace(/-+$/, '');

/** A person's UUID, the same in every export of this conference (names are all we know of speakers). */
const personGuid = (acronym: string, name: string) => nameUuid(acronym, 'person', name.normalize('NFC').toLowerCase());

interface Day {
  index: number;
  date: string;
  start: string;
  end: string;
  rooms: { room: Room; sessions: Session[] }[];
}

/** The programme as frab sees it: days (local dates in the conference's zone), rooms within days. */
function days(d: ScheduleData): Day[] {
  const tz = d.event.timeZone;
  const dates = datesBetween(d.event.startsAt, d.event.endsAt, tz);
  const dayOf = new Map(d.sessions.map((s) => [s.id, localDate(s.startsAt, tz)]));
  return dates.map((date, i) => {
    const next = dates[i + 1] ?? datesBetween(dayStart(date, tz), new Date(dayStart(date, tz).getTime() + 36 * 3_600_000), tz)[1];
    const inDay = d.sessions.filter((s) => dayOf.get(s.id) === date);
    return {
      index: i + 1,
      date,
      start: isoWithOffset(dayStart(date, tz), tz),
      end: isoWithOffset(dayStart(next, tz), tz),
      rooms: d.rooms.map((room) => ({ room, sessions: inDay.filter((s) => s.roomId === room.id) })),
    };
  });
}

function sessionFields(d: ScheduleData, s: Session, room: Room, locale: Locale, baseUrl: string) {
  const tz = d.event.timeZone;
  const track = d.tracks.find((t) => t.id === s.trackId);
  return {
    guid: s.guid,
    id: s.num,
    date: isoWithOffset(s.startsAt, tz),
    start: localTime(s.startsAt, tz),
    duration: hhmm(Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000)),
    room: room.name,
    slug: sessionSlug(d.conference.acronym, s),
    url: conferenceUrl(baseUrl, locale, d.event.slug, `/sessions/${s.code}`),
    title: textIn(s.title, locale),
    subtitle: '',
    track: track ? textIn(track.name, locale) : '',
    type: s.type,
    language: s.language,
    abstract: textIn(s.abstract, locale),
    persons: s.speakers.map((p) => ({ guid: personGuid(d.conference.acronym, p.name), name: p.name })),
  };
}

function conferenceHead(d: ScheduleData, locale: Locale, baseUrl: string) {
  const tz = d.event.timeZone;
  const dates = datesBetween(d.event.startsAt, d.event.endsAt, tz);
  return {
    title: textIn(d.event.title, locale),
    acronym: d.conference.acronym,
    start: dates[0],
    end: dates[dates.length - 1],
    days: dates.length,
    timeslot_duration: '00:15',
    base_url: conferenceUrl(baseUrl, locale, d.event.slug),
    time_zone_name: tz,
  };
}

/** schedule.xml in the frab format, as the C3VOC's XSD describes it. */
export function scheduleXml(d: ScheduleData, locale: Locale, baseUrl: string, version: string): string {
  const head = conferenceHead(d, locale, baseUrl);
  const doc = {
    schedule: {
      generator: { '@name': 'Pathways' },
      version,
      conference: { ...head, days: head.days },
      day: days(d).map((day) => ({
        '@index': day.index,
        '@date': day.date,
        '@start': day.start,
        '@end': day.end,
        room: day.rooms.map(({ room, sessions }) => ({
          '@name': room.name,
          event: sessions.map((s) => {
            const f = sessionFields(d, s, room, locale, baseUrl);
            return {
              '@guid': f.guid,
              '@id': f.id,
              date: f.date,
              start: f.start,
              duration: f.duration,
              room: f.room,
              slug: f.slug,
              url: f.url,
              title: f.title,
              subtitle: f.subtitle,
              track: f.track,
              type: f.type,
              language: f.language,
              abstract: f.abstract,
              persons: { person: f.persons.map((p) => p.name) },
            };
          }),
        })),
      })),
    },
  };
  const xml = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: false }).build(doc);
  return xmlSafe(`<?xml version="1.0" encoding="utf-8"?>\n${xml}`);
}

/** schedule.json: the same programme, as the C3VOC's JSON schema describes it (persons as {guid, name}). */
export function scheduleJson(d: ScheduleData, locale: Locale, baseUrl: string, version: string): string {
  const head = conferenceHead(d, locale, baseUrl);
  return JSON.stringify({
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'Pathways' },
    schedule: {
      version,
      base_url: head.base_url,
      conference: {
        acronym: head.acronym,
        title: head.title,
        start: head.start,
        end: head.end,
        daysCount: head.days,
        timeslot_duration: head.timeslot_duration,
        time_zone_name: head.time_zone_name,
        url: conferenceUrl(baseUrl, locale, d.event.slug, '/schedule'),
        tracks: d.tracks.map((t) => ({ name: textIn(t.name, locale), ...(t.color ? { color: t.color } : {}) })),
        rooms: d.rooms.map((r) => ({ name: r.name, guid: personGuid(d.conference.acronym, `room:${r.id}`), capacity: r.capacity })),
        days: days(d).map((day) => ({
          index: day.index,
          date: day.date,
          day_start: day.start,
          day_end: day.end,
          rooms: Object.fromEntries(
            day.rooms.map(({ room, sessions }) => [
              room.name,
              // The JSON schema wants `start` as a full date-time; the XSD wants local "HH:MM".
              sessions.map((s) => {
                const f = sessionFields(d, s, room, locale, baseUrl);
                return { ...f, start: f.date, links: [] };
              }),
            ]),
          ),
        })),
      },
    },
  });
}

/** ical-generator reads a Date's local fields when given a zone: hand it the conference's wall clock. */
function wall(d: Date, timeZone: string): Date {
  const [date, time] = utcToZoned(d, timeZone).split('T');
  const [y, mo, day] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(y, mo - 1, day, h, mi);
}

/** Calendar file with one VEVENT per session (UID from its guid), times in the conference's zone with its VTIMEZONE. */
export function scheduleIcs(d: ScheduleData, sessions: Session[], locale: Locale, baseUrl: string, name: string): string {
  const host = new URL(baseUrl).hostname;
  const cal = ical({
    prodId: { company: 'Pathways', product: 'Conferences', language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    name,
  });
  cal.timezone({ name: null, generator: (tz) => tzlib_get_ical_block(tz)[0] });
  for (const s of sessions) {
    const room = d.rooms.find((r) => r.id === s.roomId);
    const url = conferenceUrl(baseUrl, locale, d.event.slug, `/sessions/${s.code}`);
    cal.createEvent({
      id: `${s.guid}@${host}`,
      start: wall(s.startsAt, d.event.timeZone),
      end: wall(s.endsAt, d.event.timeZone),
      timezone: d.event.timeZone,
      summary: textIn(s.title, locale),
      description: [textIn(s.abstract, locale), s.speakers.map((p) => p.name).join(', '), url].filter(Boolean).join('\n\n'),
      location: room ? `${room.name}, ${textIn(d.event.title, locale)}` : null,
      url,
      sequence: Math.floor(s.updatedAt.getTime() / 1000) - Math.floor(s.createdAt.getTime() / 1000),
      stamp: s.updatedAt,
    });
  }
  return cal.toString();
}
