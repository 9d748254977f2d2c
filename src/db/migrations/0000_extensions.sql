CREATE EXTENSION IF NOT EXISTS citext;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is only STABLE, so it cannot back an index. Naming the dictionary makes the result
-- depend on nothing else, which is what IMMUTABLE promises. Lower-cases too: search is case-blind.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
--> statement-breakpoint
-- The key people search on: accents and case folded, apostrophes dropped ("O'Brien" -> "obrien"),
-- hyphens, dots and commas as spaces ("Smith-Jones" -> "smith jones"). Index it with gin_trgm_ops.
CREATE OR REPLACE FUNCTION f_search_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(translate(public.f_unaccent($1), '''’ʼ‘`´', ''), '-‐‑–—.,_', '        ') $$;
