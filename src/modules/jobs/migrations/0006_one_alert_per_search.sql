-- Saving the same search twice made two alerts (two emails a week). Keep the oldest of each.
DELETE FROM "job_saved_searches" s USING "job_saved_searches" o
WHERE s."person_id" = o."person_id" AND s."filters" = o."filters" AND (o."created_at", o."id") < (s."created_at", s."id");
--> statement-breakpoint
CREATE UNIQUE INDEX "job_saved_searches_once" ON "job_saved_searches" USING btree ("person_id","filters");