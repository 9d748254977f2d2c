import type { Db } from '../db/client';
import type { Locale } from './i18n';

/**
 * Seams between modules that are built separately: a module fills a slot in its `setup()`, another
 * reads it and copes with it being empty (the jobs board may not be installed in a chapter that only
 * runs events). Direct `service.ts` calls remain fine where one module truly requires another.
 */
export interface PromotedJob {
  id: string;
  title: string;
  agency: string;
  /** Absolute URL of the job's public page. */
  url: string;
  closesAt: Date | null;
  salaryMin: number | null;
  salaryMax: number | null;
  location: string | null;
}

export interface EventSummary {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  url: string;
  format: 'in_person' | 'online' | 'hybrid';
  recordingUrl: string | null;
}

export interface Slots {
  /** Jobs module: promoted and newest open tech jobs. */
  promotedJobs?: (db: Db, opts: { limit: number; locale: Locale }) => Promise<PromotedJob[]>;
  /** Jobs module: count that these jobs were featured (an event page, a newsletter issue). */
  recordJobPromotion?: (db: Db, input: { jobIds: string[]; channel: 'event' | 'newsletter'; refId: string }) => Promise<void>;
  /** Events module: upcoming published events. */
  upcomingEvents?: (db: Db, opts: { limit: number; locale: Locale }) => Promise<EventSummary[]>;
  /** Events module: past events that have a recording. */
  recentRecordings?: (db: Db, opts: { limit: number; locale: Locale }) => Promise<EventSummary[]>;
  /** Events module: emails of people who attended (checked in or going) an event since a date. */
  attendeeEmailsSince?: (db: Db, since: Date) => Promise<string[]>;
}

export const slots: Slots = {};

export function fillSlot<K extends keyof Slots>(name: K, fn: NonNullable<Slots[K]>): void {
  slots[name] = fn;
}
