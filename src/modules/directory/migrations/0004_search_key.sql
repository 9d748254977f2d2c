DROP INDEX "initiatives_search_trgm";--> statement-breakpoint
DROP INDEX "organizations_search_trgm";--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "search_key" text GENERATED ALWAYS AS (f_search_key(name || ' ' || coalesce(name_es, '') || ' ' || coalesce(description, '') || ' ' || coalesce(description_es, ''))) STORED;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "search_key" text GENERATED ALWAYS AS (f_search_key(name || ' ' || coalesce(name_es, '') || ' ' || coalesce(description, '') || ' ' || coalesce(description_es, ''))) STORED;--> statement-breakpoint
CREATE INDEX "initiatives_search_key_trgm" ON "initiatives" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_search_key_trgm" ON "organizations" USING gin ("search_key" gin_trgm_ops);