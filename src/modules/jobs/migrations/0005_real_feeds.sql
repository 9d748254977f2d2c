ALTER TABLE "job_imports" ADD COLUMN "feed" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "pay_min" double precision;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "pay_max" double precision;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "places" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "remote_areas" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "preferred_skills" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "how_to_apply" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "categories" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "closed_reason" text;--> statement-breakpoint
-- Postings imported before feeds had names carried a key shared by every file of one format, which is
-- why one USAJOBS search closed another's postings. Those keys name no feed: forget them.
UPDATE "jobs" SET "feed" = NULL WHERE "feed" IS NOT NULL AND "feed" NOT LIKE 'feed:%' AND "feed" NOT LIKE 'name:%';
--> statement-breakpoint
UPDATE "jobs" SET "closed_reason" = CASE WHEN "source" = 'manual' THEN 'organizer' ELSE 'feed' END WHERE "status" = 'closed';
--> statement-breakpoint
-- Pay as posted, recovered from the yearly figures with the factors the importers used.
UPDATE "jobs" SET
  "pay_min" = round("salary_min"::numeric / f.factor, 2)::double precision,
  "pay_max" = round("salary_max"::numeric / f.factor, 2)::double precision
FROM (VALUES ('year', 1), ('month', 12), ('biweekly', 26), ('week', 52), ('day', 260), ('hour', 2080)) AS f(interval, factor)
WHERE "jobs"."salary_interval" = f.interval;
--> statement-breakpoint
-- The OPM series of technology work, and the categories sources give their tech postings.
INSERT INTO "job_tech_rules" ("kind", "pattern") VALUES
  ('series', '0332'), ('series', '0334'), ('series', '0335'), ('series', '0391'), ('series', '1515'), ('series', '1529'),
  ('category', 'Technology, Data & Innovation'), ('category', 'Information Technology'), ('category', 'Technology'),
  ('category', 'Information Technology and Telecommunications'), ('category', 'Computer Science'),
  ('keyword', 'sysadmin'), ('keyword', 'infosec'), ('keyword', 'cyber'), ('keyword', 'programmer'),
  ('keyword', 'computer'), ('keyword', 'lan wan'), ('keyword', 'gis')
ON CONFLICT DO NOTHING;
