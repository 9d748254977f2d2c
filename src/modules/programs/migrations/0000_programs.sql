CREATE TABLE "program_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"organization" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" "citext" NOT NULL,
	"language" text NOT NULL,
	"language_needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"members" jsonb NOT NULL,
	"answers" jsonb NOT NULL,
	"status" text NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"ics" text DEFAULT '' NOT NULL,
	"booked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "program_reviews" (
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_reviews_application_id_reviewer_id_pk" PRIMARY KEY("application_id","reviewer_id"),
	CONSTRAINT "program_reviews_score" CHECK ("program_reviews"."score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "program_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"host_name" text,
	"host_email" "citext",
	"host_language" text DEFAULT 'en' NOT NULL,
	"link" text,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_slots_seats" CHECK ("program_slots"."capacity" >= 1 AND "program_slots"."booked" >= 0 AND "program_slots"."booked" <= "program_slots"."capacity")
);
--> statement-breakpoint
CREATE TABLE "program_team_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" "citext" NOT NULL,
	"role" text,
	"language" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_team_quotas" (
	"team_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quota" integer NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "program_team_quotas_team_id_kind_pk" PRIMARY KEY("team_id","kind"),
	CONSTRAINT "program_team_quotas_used" CHECK ("program_team_quotas"."used" >= 0 AND "program_team_quotas"."used" <= "program_team_quotas"."quota")
);
--> statement-breakpoint
CREATE TABLE "program_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"name" text NOT NULL,
	"organization" text NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_teams_applicationId_unique" UNIQUE("application_id")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"chapter" text,
	"time_zone" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"application_deadline" timestamp with time zone NOT NULL,
	"languages" text[] DEFAULT '{en,es}'::text[] NOT NULL,
	"booking_quotas" jsonb NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"eligibility" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "program_applications" ADD CONSTRAINT "program_applications_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_applications" ADD CONSTRAINT "program_applications_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD CONSTRAINT "program_bookings_slot_id_program_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."program_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD CONSTRAINT "program_bookings_team_id_program_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."program_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD CONSTRAINT "program_bookings_booked_by_people_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_reviews" ADD CONSTRAINT "program_reviews_application_id_program_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."program_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_reviews" ADD CONSTRAINT "program_reviews_reviewer_id_people_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_slots" ADD CONSTRAINT "program_slots_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_team_members" ADD CONSTRAINT "program_team_members_team_id_program_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."program_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_team_members" ADD CONSTRAINT "program_team_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_team_quotas" ADD CONSTRAINT "program_team_quotas_team_id_program_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."program_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_teams" ADD CONSTRAINT "program_teams_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_teams" ADD CONSTRAINT "program_teams_application_id_program_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."program_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "program_applications_program" ON "program_applications" USING btree ("program_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "program_bookings_once" ON "program_bookings" USING btree ("slot_id","team_id") WHERE "program_bookings"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "program_bookings_team" ON "program_bookings" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "program_slots_program" ON "program_slots" USING btree ("program_id","kind","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "program_team_members_person" ON "program_team_members" USING btree ("team_id","person_id");--> statement-breakpoint
CREATE INDEX "program_team_members_by_person" ON "program_team_members" USING btree ("person_id");