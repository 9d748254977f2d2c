ALTER TABLE "jobs" ADD COLUMN "title_es" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "description_es" text;