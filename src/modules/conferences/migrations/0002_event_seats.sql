ALTER TABLE "conferences" DROP CONSTRAINT "conferences_seats_confirmed";--> statement-breakpoint
ALTER TABLE "conferences" DROP COLUMN "seats_confirmed";