import type { Db } from '../../db/client';

/** The statuses a recommendation moves through, as the directory records them. */
export const RECOMMENDATION_STATUSES = ['proposed', 'adopted', 'in_progress', 'implemented', 'declined', 'stalled'] as const;
type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** A chapter as the figures need it: its slug, names, and the zone its periods are read in. */
export interface ChapterInfo {
  slug: string;
  name: string;
  nameEs: string | null;
  city: string | null;
  timeZone: string;
}

/** One published event of a period, with its RSVPs (people going, waiting or pending). */
interface ActivityEvent {
  id: string;
  slug: string;
  chapter: string | null;
  title: { en?: string | null; es?: string | null };
  rsvps: number;
  livestream: boolean;
  views: number;
}

/**
 * What the metrics module reads from other modules, handed in by the composition root
 * (`src/modules/index.ts`, decision 0013). Only `chapters` is needed; without a hook its figures are
 * left out of the reports (a network without the jobs board reports no jobs).
 */
export interface MetricsHooks {
  chapters: {
    listChapters: (db: Db) => Promise<ChapterInfo[]>;
    chapterOrganizers?: (db: Db) => Promise<Map<string, { id: string; fullName: string }[]>>;
  };
  events?: {
    eventActivity: (
      db: Db,
      q: { from: string; to: string; chapters: string[] | null; zones: Record<string, string> },
    ) => Promise<{
      events: ActivityEvent[];
      uniqueRsvps: number;
      attendeesByDomain: { domain: string | null; governmentSector: boolean; people: number }[];
    }>;
    chapterEventIds: (db: Db, chapter: string) => Promise<string[]>;
    lastEventByChapter?: (db: Db) => Promise<Map<string, Date>>;
  };
  /** The agency directory: which agency owns an email address's domain. */
  agencies?: { agenciesForEmails: (db: Db, emails: readonly string[]) => Promise<Map<string, { slug: string }>> };
  newsletter?: {
    subscribersAt: (db: Db, q: { at: Date; chapter?: string | null }) => Promise<number>;
    opensAndDeliveries: (db: Db, q: { from: Date; to: Date; chapter?: string | null }) => Promise<{ opens: number; delivered: number }>;
  };
  /**
   * The network directory: recommendations made in a period (`from` inclusive, `to` exclusive, only
   * those of these convenings when `eventIds` is given), by the status each had when it ended.
   */
  directory?: {
    recommendationCountsByStatus: (
      db: Db,
      q: { from: Date; to: Date; eventIds?: readonly string[] },
    ) => Promise<Record<RecommendationStatus, number>>;
  };
  /**
   * Surveys: over answers recorded in [from, to) of a chapter's surveys, distinct people who answered a
   * follow-up's placement question (and those who said yes), and each paired person's before/after change.
   * Where a chapter has none, the organizers' entries count instead.
   */
  surveys?: {
    surveyOutcomes: (
      db: Db,
      q: { from: Date; to: Date; chapter: string | null },
    ) => Promise<{ placementAnswers: number; placed: number; confidenceChanges: number[] }>;
  };
  jobs?: {
    jobsPostedOrPromoted: (db: Db, q: { from: Date; to: Date; chapter?: string; eventIds?: string[] }) => Promise<number>;
  };
}
