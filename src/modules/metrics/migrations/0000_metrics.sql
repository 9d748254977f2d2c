CREATE TABLE "metric_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chapter" text NOT NULL,
	"metric" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"value" numeric NOT NULL,
	"people" integer NOT NULL,
	"note" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_publications" (
	"scope" text PRIMARY KEY NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"from_date" date,
	"to_date" date,
	"metrics" text[],
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
