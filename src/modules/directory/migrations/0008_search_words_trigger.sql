-- The words of an entry's search_key go into directory_search_words on every insert and on every
-- change of the folded text, whichever way the row was written (service, merge, import). ON CONFLICT
-- makes two writers adding the same word at once harmless.
CREATE OR REPLACE FUNCTION directory_keep_search_words() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  INSERT INTO directory_search_words (word)
    SELECT DISTINCT w FROM regexp_split_to_table(NEW.search_key, '\s+') AS w WHERE length(w) >= 4
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_search_words AFTER INSERT OR UPDATE OF name, name_es, description, description_es ON organizations
  FOR EACH ROW EXECUTE FUNCTION directory_keep_search_words();
--> statement-breakpoint
CREATE TRIGGER initiatives_search_words AFTER INSERT OR UPDATE OF name, name_es, description, description_es ON initiatives
  FOR EACH ROW EXECUTE FUNCTION directory_keep_search_words();
--> statement-breakpoint
INSERT INTO directory_search_words (word)
  SELECT DISTINCT w FROM (SELECT search_key FROM organizations UNION ALL SELECT search_key FROM initiatives) e,
    regexp_split_to_table(e.search_key, '\s+') AS w
  WHERE length(w) >= 4
  ON CONFLICT DO NOTHING;
