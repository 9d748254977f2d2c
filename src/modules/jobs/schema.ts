import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  pgView,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { people } from '../people';

export const AGENCY_LEVELS = ['federal', 'state', 'county', 'city', 'special_district', 'school_district', 'tribal'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];
export const WORKPLACES = ['onsite', 'hybrid', 'remote'] as const;
export type Workplace = (typeof WORKPLACES)[number];
export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'temporary', 'internship', 'other'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const JOB_STATUSES = ['pending', 'published', 'rejected', 'closed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const SALARY_INTERVALS = ['year', 'month', 'biweekly', 'week', 'day', 'hour'] as const;
export type SalaryInterval = (typeof SALARY_INTERVALS)[number];
export type JobSource = 'manual' | 'usajobs' | 'neogov' | 'csv';

/** A place as the source gave it; what it does not say stays out (never a default town or state). */
export interface JobPlace {
  /** As written, for people: "2 Metrotech Center, Brooklyn", "Los Angeles, California". */
  label: string;
  street?: string;
  locality?: string;
  /** State or territory as the source writes it ("California", "CA", "District of Columbia"). */
  region?: string;
  /** ISO 3166 code ("US") when the source names the country. */
  country?: string;
}
export const RULE_KINDS = ['series', 'classification', 'keyword', 'category'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** A government employer. Career-fair booths will reference agencies.id (and jobs.id). */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    nameEs: text(),
    level: text().$type<AgencyLevel>().notNull(),
    parentId: uuid().references((): AnyPgColumn => agencies.id, { onDelete: 'set null' }),
    website: text(),
    careersUrl: text(),
    /** Lower-case domains ("lacity.org"), used to recognise government attendees. */
    emailDomains: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agencies_level_idx').on(t.level), index('agencies_name_trgm').using('gin', sql`f_search_key(${t.name}) gin_trgm_ops`)],
);

/** A plain-language hiring guide for one agency or, with no agency, for a whole level. */
export const hiringGuides = pgTable(
  'hiring_guides',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    agencyId: uuid().references(() => agencies.id, { onDelete: 'cascade' }),
    level: text().$type<AgencyLevel>(),
    titleEn: text().notNull(),
    titleEs: text().notNull(),
    /** Markdown, sanitised when shown. */
    bodyEn: text().notNull(),
    bodyEs: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('hiring_guides_agency_key').on(t.agencyId), index('hiring_guides_level_idx').on(t.level)],
);

export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    agencyId: uuid()
      .notNull()
      .references(() => agencies.id),
    title: text().notNull(),
    classification: text(),
    /** Federal occupational series ("2210"). */
    series: text(),
    grade: text(),
    /** Yearly, whole dollars. */
    salaryMin: integer(),
    salaryMax: integer(),
    /** As the source wrote it ("$45.12/hr", "DOE") and its interval. */
    salarySource: text(),
    salaryInterval: text().$type<SalaryInterval>(),
    /** Pay in its own interval, exactly as posted ($52.50 an hour); salaryMin/Max are only for sorting. */
    payMin: doublePrecision(),
    payMax: doublePrecision(),
    /** Structured places (JSON-LD addresses); `locations` keeps the labels for display and search. */
    places: jsonb().$type<JobPlace[]>().notNull().default([]),
    /** Remote jobs: where applicants must live ("California"), when the source says. */
    remoteAreas: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    locations: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    workplace: text().$type<Workplace>().notNull().default('onsite'),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Null with `continuous` = open until filled. */
    closesAt: timestamp({ withTimezone: true }),
    continuous: boolean().notNull().default(false),
    employmentType: text().$type<EmploymentType>().notNull().default('full_time'),
    minimumQualifications: text(),
    summary: text(),
    /** Sanitised HTML. */
    description: text(),
    /** Spanish title and description (sanitised HTML) from the posting form; null: Spanish pages show the English. */
    titleEs: text(),
    descriptionEs: text(),
    /** The descriptions as typed in the posting form (markdown), so an edit starts from them; null for imports. */
    descriptionSource: text(),
    descriptionEsSource: text(),
    /** Sanitised HTML sections some sources publish apart (NYC "Preferred Skills", "To Apply"). */
    preferredSkills: text(),
    howToApply: text(),
    /** The source's own categories (NYC "Job Category", NEOGOV categories); the classifier reads them. */
    categories: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    noDegree: boolean().notNull().default(false),
    entryLevel: boolean().notNull().default(false),
    applyUrl: text(),
    source: text().$type<JobSource>().notNull().default('manual'),
    sourceId: text(),
    /** The named feed that last listed this posting ("feed:<id>" for a scheduled feed, "name:<NAME>"
     * for `--feed NAME`); null for ad-hoc imports. Only a re-import of this feed closes it. */
    feed: text(),
    /** Why it closed: 'feed' (its feed no longer lists it; it reopens if listed again) or 'organizer'. */
    closedReason: text().$type<'feed' | 'organizer'>(),
    /** agency + normalised title + closing day: the same posting arriving from two sources. */
    dedupeKey: text().notNull(),
    /** Hash of the imported fields: a re-import with no change is not an update. */
    contentHash: text(),
    /** Agency name and places, so words find them (kept in step by the service). */
    keywords: text().notNull().default(''),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    promoted: boolean().notNull().default(false),
    /** The chapter the job is counted under in impact figures; the board itself is organization-wide. */
    chapterSlug: text(),
    status: text().$type<JobStatus>().notNull().default('pending'),
    /** What the classifier decided, and why. */
    tech: boolean().notNull().default(false),
    techReason: text(),
    /** An organizer's decision, which wins over the classifier. */
    techOverride: boolean(),
    publishedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('jobs_source_key')
      .on(t.source, t.sourceId)
      .where(sql`${t.sourceId} IS NOT NULL`),
    index('jobs_dedupe_idx').on(t.dedupeKey),
    index('jobs_feed_idx').on(t.feed, t.status),
    index('jobs_agency_idx').on(t.agencyId),
    index('jobs_public_idx').on(t.status, t.closesAt),
    index('jobs_opened_idx').on(t.openedAt),
    index('jobs_published_idx').on(t.publishedAt),
    index('jobs_salary_idx').on(t.salaryMax),
    index('jobs_title_trgm').using('gin', sql`f_search_key(${t.title}) gin_trgm_ops`),
  ],
);

/** Editable tech-relevance rules. */
export const techRules = pgTable(
  'job_tech_rules',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<RuleKind>().notNull(),
    pattern: text().notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('job_tech_rules_key').on(t.kind, t.pattern)],
);

export interface ImportReport {
  skipped: { item: string; reason: string; values?: Record<string, string | number> }[];
  closedIds: string[];
  /** True when the import had no feed name and so closed nothing. */
  noFeed?: boolean;
  /** Imported with the closing date unknown (open until filled) because the source's date was unreadable. */
  datesUnread?: { item: string; reason: string; values?: Record<string, string | number> }[];
  /** Imported postings whose link was not a web address and was left out. */
  linksDropped?: { item: string; reason: string }[];
  error?: string;
  errorValues?: Record<string, string | number>;
}

export const jobImports = pgTable('job_imports', {
  id: uuid().primaryKey().defaultRandom(),
  format: text().notNull(),
  fileName: text().notNull(),
  agencySlug: text(),
  mapping: text(),
  /** The named feed this file belongs to; without one the import closes nothing. */
  feed: text(),
  /** The uploaded file, kept until the import has run. */
  content: text(),
  status: text().$type<'queued' | 'running' | 'done' | 'rejected'>().notNull().default('queued'),
  total: integer().notNull().default(0),
  processed: integer().notNull().default(0),
  created: integer().notNull().default(0),
  updated: integer().notNull().default(0),
  unchanged: integer().notNull().default(0),
  closed: integer().notNull().default(0),
  skipped: integer().notNull().default(0),
  report: jsonb().$type<ImportReport>().notNull().default({ skipped: [], closedIds: [] }),
  createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});

export interface SearchFilters {
  q?: string;
  level?: AgencyLevel;
  agency?: string;
  minSalary?: number;
  remote?: boolean;
  closingWithinDays?: number;
  noDegree?: boolean;
  entryLevel?: boolean;
}

export const savedSearches = pgTable(
  'job_saved_searches',
  {
    id: uuid().primaryKey().defaultRandom(),
    personId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    filters: jsonb().$type<SearchFilters>().notNull(),
    frequency: text().$type<'daily' | 'weekly'>().notNull().default('weekly'),
    active: boolean().notNull().default(true),
    /** New matches are jobs published after this. */
    lastSentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // One alert per search and person: saving the same search again finds the one that exists.
  (t) => [index('job_saved_searches_person_idx').on(t.personId), uniqueIndex('job_saved_searches_once').on(t.personId, t.filters)],
);

/** One row per saved search and period ("2026-11-25", "2026-W48"): a digest goes out at most once. */
export const alertSends = pgTable(
  'job_alert_sends',
  {
    id: uuid().primaryKey().defaultRandom(),
    savedSearchId: uuid()
      .notNull()
      .references(() => savedSearches.id, { onDelete: 'cascade' }),
    period: text().notNull(),
    matches: integer().notNull().default(0),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('job_alert_sends_key').on(t.savedSearchId, t.period)],
);

/** A job featured somewhere (an event page, a newsletter issue), counted once per place. */
export const jobPromotions = pgTable(
  'job_promotions',
  {
    id: uuid().primaryKey().defaultRandom(),
    jobId: uuid()
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    channel: text().$type<'event' | 'newsletter'>().notNull(),
    refId: text().notNull(),
    promotedOn: date()
      .notNull()
      .default(sql`current_date`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('job_promotions_key').on(t.jobId, t.channel, t.refId)],
);

export type Agency = typeof agencies.$inferSelect;
export type Job = typeof jobs.$inferSelect;
export type HiringGuide = typeof hiringGuides.$inferSelect;
export type SavedSearch = typeof savedSearches.$inferSelect;
export type JobImport = typeof jobImports.$inferSelect;

/** A feed re-imported on a schedule (a USAJOBS search URL, an agency's RSS, a published CSV). */
export const jobFeeds = pgTable('job_feeds', {
  id: uuid().primaryKey().defaultRandom(),
  url: text().notNull(),
  format: text().notNull(),
  agencySlug: text(),
  mapping: text(),
  /** USAJOBS needs an API key and the caller's email. The key is stored encrypted (service/secrets.ts). */
  apiKey: text(),
  email: text(),
  everyHours: integer().notNull().default(24),
  lastRunAt: timestamp({ withTimezone: true }),
  lastStatus: text(),
  lastSummary: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type JobFeed = typeof jobFeeds.$inferSelect;

/** What other modules may read of an agency inside their own SQL (decision 41): a booth's agency name. */
export const agencyNames = pgView('agency_names', {
  id: uuid().notNull(),
  slug: text().notNull(),
  name: text().notNull(),
  nameEs: text(),
}).as(sql`SELECT id, slug, name, name_es FROM agencies`);
