CREATE TABLE "program_worksheet_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worksheet_id" uuid NOT NULL,
	"section_id" text NOT NULL,
	"parent_id" uuid,
	"author_id" uuid,
	"author_name" text,
	"from_team" boolean NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_worksheet_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" jsonb NOT NULL,
	"sections" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_worksheet_versions" (
	"worksheet_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"saved_by" uuid,
	"saved_by_name" text,
	"restored_from" integer,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_worksheet_versions_worksheet_id_number_pk" PRIMARY KEY("worksheet_id","number")
);
--> statement-breakpoint
CREATE TABLE "program_worksheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"sections" jsonb NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "program_worksheet_comments" ADD CONSTRAINT "program_worksheet_comments_worksheet_id_program_worksheets_id_fk" FOREIGN KEY ("worksheet_id") REFERENCES "public"."program_worksheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_worksheet_comments" ADD CONSTRAINT "program_worksheet_comments_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_worksheet_templates" ADD CONSTRAINT "program_worksheet_templates_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_worksheet_versions" ADD CONSTRAINT "program_worksheet_versions_worksheet_id_program_worksheets_id_fk" FOREIGN KEY ("worksheet_id") REFERENCES "public"."program_worksheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_worksheet_versions" ADD CONSTRAINT "program_worksheet_versions_saved_by_people_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_worksheets" ADD CONSTRAINT "program_worksheets_team_id_program_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."program_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_worksheets" ADD CONSTRAINT "program_worksheets_template_id_program_worksheet_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."program_worksheet_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "program_worksheet_comments_sheet" ON "program_worksheet_comments" USING btree ("worksheet_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "program_worksheet_templates_key" ON "program_worksheet_templates" USING btree ("program_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "program_worksheets_team" ON "program_worksheets" USING btree ("team_id","template_id");