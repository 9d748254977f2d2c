CREATE TABLE "interest_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"title_es" text,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"event_id" uuid,
	"initiative_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interest_forms_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "interest_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"consent" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interest_forms" ADD CONSTRAINT "interest_forms_event_id_convenings_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."convenings"("event_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_forms" ADD CONSTRAINT "interest_forms_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_forms" ADD CONSTRAINT "interest_forms_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_responses" ADD CONSTRAINT "interest_responses_form_id_interest_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."interest_forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_responses" ADD CONSTRAINT "interest_responses_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interest_responses_form" ON "interest_responses" USING btree ("form_id","submitted_at");