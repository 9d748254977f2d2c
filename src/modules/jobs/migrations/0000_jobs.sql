CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_es" text,
	"level" text NOT NULL,
	"parent_id" uuid,
	"website" text,
	"careers_url" text,
	"email_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agencies_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "job_alert_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"saved_search_id" uuid NOT NULL,
	"period" text NOT NULL,
	"matches" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hiring_guides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"agency_id" uuid,
	"level" text,
	"title_en" text NOT NULL,
	"title_es" text NOT NULL,
	"body_en" text NOT NULL,
	"body_es" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hiring_guides_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "job_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"agency_slug" text,
	"mapping" text,
	"content" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"report" jsonb DEFAULT '{"skipped":[],"closedIds":[]}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "job_promotions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"ref_id" text NOT NULL,
	"promoted_on" date DEFAULT current_date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"classification" text,
	"series" text,
	"grade" text,
	"salary_min" integer,
	"salary_max" integer,
	"salary_source" text,
	"salary_interval" text,
	"locations" text[] DEFAULT '{}'::text[] NOT NULL,
	"workplace" text DEFAULT 'onsite' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closes_at" timestamp with time zone,
	"continuous" boolean DEFAULT false NOT NULL,
	"employment_type" text DEFAULT 'full_time' NOT NULL,
	"minimum_qualifications" text,
	"summary" text,
	"description" text,
	"no_degree" boolean DEFAULT false NOT NULL,
	"entry_level" boolean DEFAULT false NOT NULL,
	"apply_url" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"source_id" text,
	"feed" text,
	"dedupe_key" text NOT NULL,
	"content_hash" text,
	"keywords" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"promoted" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"tech" boolean DEFAULT false NOT NULL,
	"tech_reason" text,
	"tech_override" boolean,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"filters" jsonb NOT NULL,
	"frequency" text DEFAULT 'weekly' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_tech_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"pattern" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_parent_id_agencies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."agencies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_alert_sends" ADD CONSTRAINT "job_alert_sends_saved_search_id_job_saved_searches_id_fk" FOREIGN KEY ("saved_search_id") REFERENCES "public"."job_saved_searches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hiring_guides" ADD CONSTRAINT "hiring_guides_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_imports" ADD CONSTRAINT "job_imports_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_promotions" ADD CONSTRAINT "job_promotions_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_saved_searches" ADD CONSTRAINT "job_saved_searches_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_level_idx" ON "agencies" USING btree ("level");--> statement-breakpoint
CREATE INDEX "agencies_name_trgm" ON "agencies" USING gin (f_search_key("name") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "job_alert_sends_key" ON "job_alert_sends" USING btree ("saved_search_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "hiring_guides_agency_key" ON "hiring_guides" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "hiring_guides_level_idx" ON "hiring_guides" USING btree ("level");--> statement-breakpoint
CREATE UNIQUE INDEX "job_promotions_key" ON "job_promotions" USING btree ("job_id","channel","ref_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_source_key" ON "jobs" USING btree ("source","source_id") WHERE "jobs"."source_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_dedupe_idx" ON "jobs" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "jobs_feed_idx" ON "jobs" USING btree ("feed","status");--> statement-breakpoint
CREATE INDEX "jobs_agency_idx" ON "jobs" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "jobs_public_idx" ON "jobs" USING btree ("status","closes_at");--> statement-breakpoint
CREATE INDEX "jobs_opened_idx" ON "jobs" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "jobs_published_idx" ON "jobs" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "jobs_salary_idx" ON "jobs" USING btree ("salary_max");--> statement-breakpoint
CREATE INDEX "jobs_title_trgm" ON "jobs" USING gin (f_search_key("title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "job_saved_searches_person_idx" ON "job_saved_searches" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "job_tech_rules_key" ON "job_tech_rules" USING btree ("kind","pattern");