CREATE TABLE "directory_search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "name_key" text GENERATED ALWAYS AS (f_search_key(name || ' ' || coalesce(name_es, ''))) STORED;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "name_key" text GENERATED ALWAYS AS (f_search_key(name || ' ' || coalesce(name_es, ''))) STORED;--> statement-breakpoint
CREATE INDEX "directory_search_words_trgm" ON "directory_search_words" USING gist ("word" gist_trgm_ops);