CREATE TABLE "program_deliverables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_team_deliverables" (
	"team_id" uuid NOT NULL,
	"deliverable_id" uuid NOT NULL,
	"status" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_team_deliverables_team_id_deliverable_id_pk" PRIMARY KEY("team_id","deliverable_id")
);
--> statement-breakpoint
ALTER TABLE "program_deliverables" ADD CONSTRAINT "program_deliverables_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_team_deliverables" ADD CONSTRAINT "program_team_deliverables_team_id_program_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."program_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_team_deliverables" ADD CONSTRAINT "program_team_deliverables_deliverable_id_program_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."program_deliverables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_team_deliverables" ADD CONSTRAINT "program_team_deliverables_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "program_deliverables_key" ON "program_deliverables" USING btree ("program_id","key");