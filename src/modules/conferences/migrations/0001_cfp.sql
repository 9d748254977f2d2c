CREATE TABLE "conference_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"language" text NOT NULL,
	"sector" text NOT NULL,
	"career_stage" text NOT NULL,
	"why" text NOT NULL,
	"access_needs" text,
	"demographics" jsonb,
	"status" text DEFAULT 'submitted' NOT NULL,
	"waitlist_seq" integer,
	"confirm_by" timestamp with time zone,
	"score" integer,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conference_reviewers" (
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conference_reviewers_event_id_person_id_pk" PRIMARY KEY("event_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "conference_proposal_reviews" (
	"proposal_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conference_proposal_reviews_proposal_id_reviewer_id_pk" PRIMARY KEY("proposal_id","reviewer_id"),
	CONSTRAINT "conference_proposal_reviews_score" CHECK ("conference_proposal_reviews"."score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "conference_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"title" text NOT NULL,
	"abstract" text NOT NULL,
	"type" text NOT NULL,
	"track_id" uuid,
	"language" text NOT NULL,
	"level" text NOT NULL,
	"speaker_name" text NOT NULL,
	"speaker_email" text NOT NULL,
	"speaker_language" text NOT NULL,
	"access_needs" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conference_topic_voters" (
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "conference_topic_voters_event_id_person_id_pk" PRIMARY KEY("event_id","person_id"),
	CONSTRAINT "conference_topic_voters_used" CHECK ("conference_topic_voters"."used" >= 0)
);
--> statement-breakpoint
CREATE TABLE "conference_topic_votes" (
	"topic_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"sector" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conference_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"created_by" uuid,
	"session_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "requires_application" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "cfp_opens_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "cfp_closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "votes_per_member" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "seats_confirmed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "application_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "application_targets" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "conference_applications" ADD CONSTRAINT "conference_applications_event_id_conferences_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."conferences"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_applications" ADD CONSTRAINT "conference_applications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_reviewers" ADD CONSTRAINT "conference_reviewers_event_id_conferences_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."conferences"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_reviewers" ADD CONSTRAINT "conference_reviewers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_proposal_reviews" ADD CONSTRAINT "conference_proposal_reviews_proposal_id_conference_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."conference_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_proposal_reviews" ADD CONSTRAINT "conference_proposal_reviews_reviewer_id_people_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_proposals" ADD CONSTRAINT "conference_proposals_event_id_conferences_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."conferences"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_proposals" ADD CONSTRAINT "conference_proposals_track_id_conference_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."conference_tracks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_topic_voters" ADD CONSTRAINT "conference_topic_voters_event_id_conferences_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."conferences"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_topic_voters" ADD CONSTRAINT "conference_topic_voters_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_topic_votes" ADD CONSTRAINT "conference_topic_votes_topic_id_conference_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."conference_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_topic_votes" ADD CONSTRAINT "conference_topic_votes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_topics" ADD CONSTRAINT "conference_topics_event_id_conferences_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."conferences"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_topics" ADD CONSTRAINT "conference_topics_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_topics" ADD CONSTRAINT "conference_topics_session_id_conference_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."conference_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conference_applications_once" ON "conference_applications" USING btree ("event_id","person_id");--> statement-breakpoint
CREATE INDEX "conference_applications_status" ON "conference_applications" USING btree ("event_id","status","waitlist_seq");--> statement-breakpoint
CREATE INDEX "conference_proposals_event" ON "conference_proposals" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "conference_topic_votes_once" ON "conference_topic_votes" USING btree ("topic_id","person_id");--> statement-breakpoint
CREATE INDEX "conference_topics_event" ON "conference_topics" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_seats_confirmed" CHECK ("conferences"."seats_confirmed" >= 0);--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_votes_per_member" CHECK ("conferences"."votes_per_member" BETWEEN 1 AND 100);