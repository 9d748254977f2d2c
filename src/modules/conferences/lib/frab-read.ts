import { nameUuid } from './uuid';
import { isUuid } from '../../../platform/ids';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SessionType } from '../schema';

/** One `<event>` of a frab/pretalx schedule.xml, read loosely: the fields we keep, raw. */
interface FrabSession {
  id: string;
  guid: string;
  title: string;
  subtitle: string;
  abstract: string;
  description: string;
  type: SessionType;
  language: 'en' | 'es';
  track: string | null;
  room: string | null;
  /** The instant it starts, when the file gave enough to know it. */
  startsAt: Date | null;
  minutes: number | null;
  persons: string[];
}

export interface FrabSchedule {
  title: string;
  acronym: string;
  timeZone: string | null;
  sessions: FrabSession[];
}

export class ScheduleRejected extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

type Obj = Record<string, unknown>;
const asArray = (v: unknown): unknown[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
const str = (v: unknown): string => {
  if (v == null) return '';
  if (typeof v === 'object') return str((v as Obj)['#text']);
  return String(v).trim();
};

const TYPES: [RegExp, SessionType][] = [
  [/keynote/i, 'keynote'],
  [/workshop|hands.?on|tutorial/i, 'workshop'],
  [/lightning/i, 'lightning_talk'],
  [/panel|podium|discussion/i, 'panel'],
  [/break|pause|lunch|coffee/i, 'break'],
  [/meetup|networking|social/i, 'networking'],
  [/small.?group|bof|self.?organi[sz]ed/i, 'small_group'],
];
const sessionType = (raw: string): SessionType => TYPES.find(([re]) => re.test(raw))?.[1] ?? 'talk';

/**
 * A UUID for every session, the same on each import of the same file: frab's own when it is one,
 * else one derived from the acronym and whatever identifies the session (pretalx writes codes).
 */
function stableGuid(acronym: string, key: string): string {
  return isUuid(key) ? key.toLowerCase() : nameUuid(acronym, key);
}

/** An acronym our rules accept (4–30 of a–z, 0–9, _), from whatever the file calls it; the same file gives the same one. */
function normalAcronym(raw: string): string {
  const a = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
  return a.length >= 4 ? a : `${a || 'conf'}_sched`.slice(0, 30);
}

/** "01:30", "1:30:00" or "90" (minutes) → minutes. */
function durationMinutes(raw: string): number | null {
  const m = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(raw.trim());
  if (m) return +m[1] * 60 + +m[2];
  return /^\d{1,4}$/.test(raw.trim()) ? +raw.trim() : null;
}

/**
 * Reads a schedule.xml as frab and pretalx write it. Any XML error refuses the whole file; a session
 * missing what we need is kept with nulls so the caller can list it as skipped, with the reason.
 */
export function readFrab(xml: string): FrabSchedule {
  const body = xml.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new ScheduleRejected(`line ${valid.err.line}: ${valid.err.msg.slice(0, 200)}`);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
  }).parse(body) as Obj;
  const schedule = doc.schedule as Obj | undefined;
  if (!schedule || typeof schedule !== 'object') throw new ScheduleRejected('no <schedule> element');
  const conf = (schedule.conference ?? {}) as Obj;
  const acronymRaw = str(conf.acronym) || str(conf.title);
  if (!acronymRaw) throw new ScheduleRejected('no <acronym> in <conference>');
  const acronym = normalAcronym(acronymRaw);
  const sessions: FrabSession[] = [];
  for (const day of asArray(schedule.day) as Obj[]) {
    for (const room of asArray(day?.room) as Obj[]) {
      for (const ev of asArray(room?.event) as Obj[]) {
        if (!ev || typeof ev !== 'object') continue;
        const date = str(ev.date);
        const startsAt = date && !Number.isNaN(Date.parse(date)) ? new Date(date) : null;
        const id = str(ev['@id']);
        const persons = asArray((ev.persons as Obj | undefined)?.person)
          .map(str)
          .filter(Boolean);
        sessions.push({
          id,
          guid: stableGuid(acronym, str(ev['@guid']) || `id:${id}` || `${str(ev.slug)}`),
          title: str(ev.title),
          subtitle: str(ev.subtitle),
          abstract: str(ev.abstract),
          description: str(ev.description),
          type: sessionType(str(ev.type)),
          language: /^es/i.test(str(ev.language)) ? 'es' : 'en',
          track: str(ev.track) || null,
          room: str(ev.room) || str(room['@name']) || null,
          startsAt,
          minutes: durationMinutes(str(ev.duration)),
          persons,
        });
      }
    }
  }
  return { title: str(conf.title) || acronymRaw, acronym, timeZone: str(conf.time_zone_name) || null, sessions };
}
