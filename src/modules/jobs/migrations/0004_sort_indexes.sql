-- Sorting the public board by pay or closing date walks these instead of sorting every match.
CREATE INDEX "jobs_open_salary_idx" ON "jobs" ("salary_max" DESC NULLS LAST) WHERE "status" = 'published';
--> statement-breakpoint
CREATE INDEX "jobs_open_closing_idx" ON "jobs" ("closes_at" ASC NULLS LAST) WHERE "status" = 'published';
