CREATE TABLE "career_fairs" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"rsvp_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"resume_url" text,
	"interests" text,
	"pass_code" text NOT NULL,
	"consented_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_booths" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"table_number" text,
	"staff" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"job_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"present_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booth_id" uuid NOT NULL,
	"attendee_id" uuid NOT NULL,
	"scanned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "career_fairs" ADD CONSTRAINT "career_fairs_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "career_fairs" ADD CONSTRAINT "career_fairs_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_attendees" ADD CONSTRAINT "fair_attendees_event_id_career_fairs_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."career_fairs"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_attendees" ADD CONSTRAINT "fair_attendees_rsvp_id_rsvps_id_fk" FOREIGN KEY ("rsvp_id") REFERENCES "public"."rsvps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_attendees" ADD CONSTRAINT "fair_attendees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_event_id_career_fairs_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."career_fairs"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_connections" ADD CONSTRAINT "fair_connections_booth_id_fair_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."fair_booths"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_connections" ADD CONSTRAINT "fair_connections_attendee_id_fair_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."fair_attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_connections" ADD CONSTRAINT "fair_connections_scanned_by_people_id_fk" FOREIGN KEY ("scanned_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_attendees_person" ON "fair_attendees" USING btree ("event_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_attendees_pass" ON "fair_attendees" USING btree ("event_id","pass_code");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_booths_agency" ON "fair_booths" USING btree ("event_id","agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_booths_table" ON "fair_booths" USING btree ("event_id","table_number") WHERE "fair_booths"."table_number" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_connections_once" ON "fair_connections" USING btree ("booth_id","attendee_id");--> statement-breakpoint
CREATE INDEX "fair_connections_attendee" ON "fair_connections" USING btree ("attendee_id");