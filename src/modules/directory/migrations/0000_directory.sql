CREATE TABLE "convening_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"organization_id" uuid,
	"organization_text" text,
	"role" text NOT NULL,
	"public_consent" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "convenings" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"agenda" text,
	"notes" text,
	"outputs" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_goals" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_es" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_topics" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_es" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_organizations" (
	"initiative_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "initiative_organizations_initiative_id_organization_id_pk" PRIMARY KEY("initiative_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_es" text,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"start_year" integer,
	"end_year" integer,
	"description" text,
	"description_es" text,
	"links" text[] DEFAULT '{}'::text[] NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"goals" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiatives_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_es" text,
	"kind" text NOT NULL,
	"agency_id" uuid,
	"city" text,
	"region" text,
	"website" text,
	"description" text,
	"description_es" text,
	"logo_url" text,
	"logo_alt" text,
	"contact_email" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "recommendation_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "recommendation_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"recommendation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"evidence_url" text,
	"by_person_id" uuid,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendation_initiatives" (
	"recommendation_id" uuid NOT NULL,
	"initiative_id" uuid NOT NULL,
	CONSTRAINT "recommendation_initiatives_recommendation_id_initiative_id_pk" PRIMARY KEY("recommendation_id","initiative_id")
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"title" text NOT NULL,
	"title_es" text,
	"text" text NOT NULL,
	"text_es" text,
	"goal" text NOT NULL,
	"addressed_to" text,
	"owner" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "convening_participants" ADD CONSTRAINT "convening_participants_event_id_convenings_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."convenings"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convening_participants" ADD CONSTRAINT "convening_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convening_participants" ADD CONSTRAINT "convening_participants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convenings" ADD CONSTRAINT "convenings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convenings" ADD CONSTRAINT "convenings_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_organizations" ADD CONSTRAINT "initiative_organizations_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_organizations" ADD CONSTRAINT "initiative_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_history" ADD CONSTRAINT "recommendation_history_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_history" ADD CONSTRAINT "recommendation_history_by_person_id_people_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_initiatives" ADD CONSTRAINT "recommendation_initiatives_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_initiatives" ADD CONSTRAINT "recommendation_initiatives_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_event_id_convenings_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."convenings"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_goal_directory_goals_key_fk" FOREIGN KEY ("goal") REFERENCES "public"."directory_goals"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "convening_participants_person" ON "convening_participants" USING btree ("event_id","person_id");--> statement-breakpoint
CREATE INDEX "initiative_organizations_org" ON "initiative_organizations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "initiatives_topics_idx" ON "initiatives" USING gin ("topics");--> statement-breakpoint
CREATE INDEX "initiatives_goals_idx" ON "initiatives" USING gin ("goals");--> statement-breakpoint
CREATE INDEX "initiatives_search_trgm" ON "initiatives" USING gin (f_search_key(name || ' ' || coalesce(name_es, '') || ' ' || coalesce(description, '') || ' ' || coalesce(description_es, '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_kind_idx" ON "organizations" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "organizations_search_trgm" ON "organizations" USING gin (f_search_key(name || ' ' || coalesce(name_es, '') || ' ' || coalesce(description, '') || ' ' || coalesce(description_es, '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "recommendation_history_rec" ON "recommendation_history" USING btree ("recommendation_id","seq");--> statement-breakpoint
CREATE INDEX "recommendations_event_idx" ON "recommendations" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "recommendations_status_idx" ON "recommendations" USING btree ("status");