ALTER TABLE "chapters" ADD COLUMN "name_es" text;--> statement-breakpoint
ALTER TABLE "chapters" ADD COLUMN "city" text;