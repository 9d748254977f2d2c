CREATE TABLE "playbook_copies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chapter" text NOT NULL,
	"template_id" uuid NOT NULL,
	"base_version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"copied_by" uuid,
	"copied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbook_template_versions" (
	"template_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playbook_template_versions_template_id_version_pk" PRIMARY KEY("template_id","version")
);
--> statement-breakpoint
CREATE TABLE "playbook_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"content" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playbook_templates_slug_unique" UNIQUE("slug"),
	CONSTRAINT "playbook_templates_version" CHECK ("playbook_templates"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "playbook_copies" ADD CONSTRAINT "playbook_copies_template_id_playbook_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."playbook_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_copies" ADD CONSTRAINT "playbook_copies_copied_by_people_id_fk" FOREIGN KEY ("copied_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_template_versions" ADD CONSTRAINT "playbook_template_versions_template_id_playbook_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."playbook_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_template_versions" ADD CONSTRAINT "playbook_template_versions_saved_by_people_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_templates" ADD CONSTRAINT "playbook_templates_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_copies_chapter_template" ON "playbook_copies" USING btree ("chapter","template_id");