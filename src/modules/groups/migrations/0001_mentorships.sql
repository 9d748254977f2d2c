CREATE TABLE "mentorships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid,
	"chapter" text,
	"title" text NOT NULL,
	"mode" text DEFAULT 'stable' NOT NULL,
	"mentors" jsonb NOT NULL,
	"mentees" jsonb NOT NULL,
	"pairs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"locked" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"introduced" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mentorships_event" ON "mentorships" USING btree ("event_id");