ALTER TABLE "jobs" ADD COLUMN "description_source" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "description_es_source" text;