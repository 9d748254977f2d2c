ALTER TABLE "conferences" DROP CONSTRAINT "conferences_seats_confirmed";--> statement-breakpoint
ALTER TABLE "conference_proposals" ADD COLUMN "session_id" uuid;--> statement-breakpoint
ALTER TABLE "conference_proposals" ADD CONSTRAINT "conference_proposals_session_id_conference_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."conference_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" DROP COLUMN "seats_confirmed";