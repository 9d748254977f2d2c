import type { Db } from '../../../db/client';
import type { Locale } from '../../../platform/i18n';

/** An event as the newsletter's blocks show it. */
interface BlockEvent {
  title: string;
  /** Absolute URL of the event's public page. */
  url: string;
  startsAt: Date;
  timeZone: string;
  recordingUrl: string | null;
}

/** A job as the newsletter's jobs block shows it; the id lets clicks and promotions be counted. */
interface BlockJob {
  id: string;
  title: string;
  agency: string;
  /** Absolute URL of the job's public page. */
  url: string;
}

/** A post as the newsletter's "latest posts" block shows it. */
interface BlockPost {
  /** In the block's language when the post has it, else the other. */
  title: string;
  /** Absolute URL of the post's page in the block's language. */
  url: string;
}

type ListOpts = { limit: number; locale: Locale; baseUrl: string };

/**
 * What the newsletter reads from other modules, handed in by the composition root
 * (`src/modules/index.ts`). Each group is optional: without the events module the events and
 * recordings blocks come out empty and the "attended" segment matches nobody; without the jobs board
 * the jobs block is empty; without the directory the latest posts block is empty.
 */
export interface NewsletterHooks {
  events?: {
    /** Upcoming published events. */
    upcomingEvents: (db: Db, opts: ListOpts) => Promise<BlockEvent[]>;
    /** Past events that have a recording. */
    recentRecordings: (db: Db, opts: ListOpts) => Promise<BlockEvent[]>;
    /** Emails of people who attended (checked in or going) an event that started since `since`. */
    attendeeEmailsSince: (db: Db, since: Date) => Promise<string[]>;
  };
  jobs?: {
    /** Open jobs for the jobs block, promoted ones first. */
    promotedJobs: (db: Db, opts: ListOpts) => Promise<BlockJob[]>;
    /** Counts, once per job and issue, that an issue featured these jobs (impact reports). */
    recordJobPromotion: (db: Db, input: { jobIds: string[]; channel: 'newsletter'; refId: string }) => Promise<void>;
  };
  posts?: {
    /** The most recently published posts that are public now (drafts and scheduled ones left out). */
    latestPosts: (db: Db, opts: ListOpts) => Promise<BlockPost[]>;
  };
}
