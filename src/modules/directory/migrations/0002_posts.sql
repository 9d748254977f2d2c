CREATE TABLE "posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"title_es" text,
	"body" text NOT NULL,
	"body_es" text,
	"chapter" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"series" text,
	"cover_url" text,
	"cover_alt" text,
	"status" text NOT NULL,
	"publish_at" timestamp with time zone,
	"convening_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"initiative_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"organization_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "posts_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "posts_visible_idx" ON "posts" USING btree ("status","publish_at");--> statement-breakpoint
CREATE INDEX "posts_tags_idx" ON "posts" USING gin ("tags");