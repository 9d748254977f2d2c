CREATE TABLE "event_image_files" (
	"key" text NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"body" "bytea" NOT NULL,
	CONSTRAINT "event_image_files_key_name_pk" PRIMARY KEY("key","name")
);
--> statement-breakpoint
CREATE TABLE "event_images" (
	"key" text PRIMARY KEY NOT NULL,
	"event_id" uuid,
	"kind" text NOT NULL,
	"ref" jsonb NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "cover" jsonb;--> statement-breakpoint
ALTER TABLE "event_image_files" ADD CONSTRAINT "event_image_files_key_event_images_key_fk" FOREIGN KEY ("key") REFERENCES "public"."event_images"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_images" ADD CONSTRAINT "event_images_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_images_event" ON "event_images" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_images_pending" ON "event_images" USING btree ("created_at") WHERE "event_images"."event_id" IS NULL;