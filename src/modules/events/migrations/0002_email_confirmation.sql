ALTER TABLE "events" ADD COLUMN "require_email_confirmation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "rsvps" ADD COLUMN "unconfirmed" boolean DEFAULT false NOT NULL;