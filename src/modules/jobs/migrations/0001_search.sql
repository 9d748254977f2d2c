-- Words search with stemming in both languages, accents folded first: "analistas de datos" finds
-- "Analista de Datos", "analysts" finds "Analyst". Generated, so it never drifts from the row.
ALTER TABLE "jobs" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, f_unaccent(coalesce("title", '') || ' ' || coalesce("classification", ''))), 'A') ||
  setweight(to_tsvector('spanish'::regconfig, f_unaccent(coalesce("title", '') || ' ' || coalesce("classification", ''))), 'A') ||
  setweight(to_tsvector('english'::regconfig, f_unaccent(coalesce("summary", '') || ' ' || "keywords" || ' ' || left(coalesce("minimum_qualifications", ''), 2000))), 'B') ||
  setweight(to_tsvector('spanish'::regconfig, f_unaccent(coalesce("summary", '') || ' ' || "keywords")), 'B')
) STORED;
--> statement-breakpoint
CREATE INDEX "jobs_search_idx" ON "jobs" USING gin ("search");
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_salary_order" CHECK ("salary_min" IS NULL OR "salary_max" IS NULL OR "salary_min" <= "salary_max");
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_workplace_check" CHECK ("workplace" IN ('onsite', 'hybrid', 'remote'));
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_level_check" CHECK ("level" IN ('federal', 'state', 'county', 'city', 'special_district', 'school_district', 'tribal'));
--> statement-breakpoint
-- The public board: published jobs, newest first; partial so the common query reads few pages.
CREATE INDEX "jobs_open_idx" ON "jobs" ("opened_at" DESC) WHERE "status" = 'published';
--> statement-breakpoint
-- Starting tech-relevance rules; organizers edit them at /admin/jobs/rules.
INSERT INTO "job_tech_rules" ("kind", "pattern") VALUES
  ('series', '2210'), ('series', '1550'), ('series', '0854'), ('series', '1560'), ('series', '1530'),
  ('classification', 'Systems Analyst'), ('classification', 'Programmer Analyst'), ('classification', 'IT Specialist'),
  ('classification', 'Information Technology'), ('classification', 'Data Analyst'), ('classification', 'GIS'),
  ('classification', 'Information Systems'), ('classification', 'Database Architect'), ('classification', 'Application Developer'),
  ('keyword', 'software'), ('keyword', 'developer'), ('keyword', 'data scientist'), ('keyword', 'data engineer'),
  ('keyword', 'data analyst'), ('keyword', 'cybersecurity'), ('keyword', 'information security'), ('keyword', 'cloud'),
  ('keyword', 'devops'), ('keyword', 'user experience'), ('keyword', 'ux'), ('keyword', 'product manager'),
  ('keyword', 'web'), ('keyword', 'network engineer'), ('keyword', 'digital services'), ('keyword', 'machine learning'),
  ('keyword', 'programador'), ('keyword', 'desarrollador'), ('keyword', 'analista de datos'), ('keyword', 'ciberseguridad'),
  ('keyword', 'tecnologia de la informacion'), ('keyword', 'informatica'), ('keyword', 'sistemas de informacion')
ON CONFLICT DO NOTHING;
