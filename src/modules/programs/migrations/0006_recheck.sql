ALTER TABLE "program_applications" ADD COLUMN "flags" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "program_applications" ADD COLUMN "rechecked_at" timestamp with time zone;