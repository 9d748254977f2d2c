CREATE TABLE "job_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"format" text NOT NULL,
	"agency_slug" text,
	"mapping" text,
	"api_key" text,
	"email" text,
	"every_hours" integer DEFAULT 24 NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_status" text,
	"last_summary" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
