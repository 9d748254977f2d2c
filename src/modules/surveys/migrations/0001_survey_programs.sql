ALTER TABLE "surveys" ADD COLUMN "program_id" uuid;--> statement-breakpoint
CREATE INDEX "surveys_program" ON "surveys" USING btree ("program_id");