CREATE TABLE "newsletter_soft_bounces" (
	"email_hash" text NOT NULL,
	"send_key" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "newsletter_soft_bounces_once" ON "newsletter_soft_bounces" USING btree ("email_hash","send_key");--> statement-breakpoint
CREATE INDEX "newsletter_soft_bounces_recent" ON "newsletter_soft_bounces" USING btree ("email_hash","created_at");