import type { Db } from '../../../db/client';
import type { Locale } from '../../../platform/i18n';
import type { AgencyLookup } from './checkin';
import type { EventRow } from '../schema';

/** An RSVP gave up its seat: the module that gave the seat out may take back what it promised. */
export type SeatReleased = (tx: Db, eventId: string, personId: string) => Promise<void>;

/** A job an event page lists under "Opportunities": what this module needs of it, nothing more. */
export interface PromotedJob {
  id: string;
  title: string;
  agency: string;
  /** Absolute URL of the job's public page. */
  url: string;
}

/** Why the public may not RSVP to an event, and where to go instead (another module admits its people itself). */
export interface RsvpRefusal {
  /** The API's error code. */
  code: string;
  /** The message's catalog key (the admitting module's, registered for errors). */
  messageKey: string;
  /** The same message in the reader's language, for pages. */
  text: string;
  link: { label: string; url: string };
}

/**
 * What the events module reads from other modules, handed in by the composition root
 * (`src/modules/index.ts`). Every member is optional: a chapter without the jobs board still runs
 * its events, and the pages simply list no jobs.
 */
export interface EventsHooks {
  /** The agency directory: which agency owns an email's domain, for telling government attendees apart at the door. */
  agencies?: { agenciesForEmails: AgencyLookup };
  jobs?: {
    /** Open jobs to list on an upcoming event's page, promoted ones first. */
    promotedJobs: (db: Db, opts: { limit: number; locale: Locale; baseUrl: string }) => Promise<PromotedJob[]>;
    /** Counts, once per job and event, that an event page featured these jobs (impact reports). */
    recordJobPromotion: (db: Db, input: { jobIds: string[]; channel: 'event'; refId: string }) => Promise<void>;
  };
  surveys?: {
    /** The event's surveys people may answer now (after it, or before it for a "before" survey), linked from its page. */
    eventSurveyLinks: (db: Db, q: { eventId: string; startsAt: Date; locale: Locale }) => Promise<{ label: string; url: string }[]>;
  };
  groups?: {
    /** Links for the ticket page to the holder's own "your table" pages (small groups at this event). */
    yourTableLinks: (
      db: Db,
      q: { eventId: string; email: string; locale: Locale; baseUrl: string; secret: Uint8Array },
    ) => Promise<{ label: string; url: string }[]>;
  };
  careerFair?: {
    /** Is this event a career fair? (The organizer's "Career fair" link, or "Turn into a career fair".) */
    isFair: (db: Db, eventId: string) => Promise<boolean>;
    /** Links from a fair's event page to its registration and booth list; empty for other events. */
    eventFairLinks: (db: Db, q: { eventId: string; slug: string; locale: Locale }) => Promise<{ label: string; url: string }[]>;
  };
  registration?: {
    /** Null when anyone may RSVP; otherwise why not (checked before every public RSVP, page or API). */
    refusal: (db: Db, e: EventRow, locale: Locale) => Promise<RsvpRefusal | null>;
    /** Told, inside the same transaction, when an RSVP gives up its seat (the attendee cancelled, an organizer declined). */
    released?: SeatReleased;
  };
}
