-- Door check-in and the attendee list search names and emails without regard to case or accents.
CREATE INDEX IF NOT EXISTS "rsvps_name_trgm" ON "rsvps" USING gin (f_search_key("name") gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "rsvps_email_trgm" ON "rsvps" USING gin (f_search_key("email") gin_trgm_ops);
