CREATE TABLE "agenda_stars" (
	"person_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_stars_person_id_session_id_pk" PRIMARY KEY("person_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "conference_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"accessibility" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conference_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"num" serial NOT NULL,
	"event_id" uuid NOT NULL,
	"code" text NOT NULL,
	"guid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" jsonb NOT NULL,
	"abstract" jsonb NOT NULL,
	"type" text NOT NULL,
	"language" text NOT NULL,
	"track_id" uuid,
	"room_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"speakers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"capacity" integer,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"waitlist_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conference_sessions_seats" CHECK ("conference_sessions"."capacity" IS NULL OR "conference_sessions"."seats_taken" <= "conference_sessions"."capacity")
);
--> statement-breakpoint
CREATE TABLE "conference_tracks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" jsonb NOT NULL,
	"color" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conferences" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"kind" text DEFAULT 'conference' NOT NULL,
	"acronym" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conferences_acronym_unique" UNIQUE("acronym")
);
--> statement-breakpoint
CREATE TABLE "session_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"voter" text NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	CONSTRAINT "session_feedback_rating" CHECK ("session_feedback"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "session_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"waitlist_seq" integer,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agenda_stars" ADD CONSTRAINT "agenda_stars_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_stars" ADD CONSTRAINT "agenda_stars_session_id_conference_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."conference_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_rooms" ADD CONSTRAINT "conference_rooms_event_id_conferences_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."conferences"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_sessions" ADD CONSTRAINT "conference_sessions_event_id_conferences_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."conferences"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_sessions" ADD CONSTRAINT "conference_sessions_track_id_conference_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."conference_tracks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_sessions" ADD CONSTRAINT "conference_sessions_room_id_conference_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."conference_rooms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_tracks" ADD CONSTRAINT "conference_tracks_event_id_conferences_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."conferences"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_session_id_conference_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."conference_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_signups" ADD CONSTRAINT "session_signups_session_id_conference_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."conference_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_signups" ADD CONSTRAINT "session_signups_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conference_sessions_code" ON "conference_sessions" USING btree ("event_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "conference_sessions_guid" ON "conference_sessions" USING btree ("event_id","guid");--> statement-breakpoint
CREATE INDEX "conference_sessions_room" ON "conference_sessions" USING btree ("room_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "session_feedback_once" ON "session_feedback" USING btree ("session_id","voter");--> statement-breakpoint
CREATE UNIQUE INDEX "session_signups_once" ON "session_signups" USING btree ("session_id","person_id");--> statement-breakpoint
CREATE INDEX "session_signups_line" ON "session_signups" USING btree ("session_id","status","waitlist_seq");