-- Support and help-desk titles are how many people enter public-sector tech.
INSERT INTO "job_tech_rules" ("kind", "pattern") VALUES
  ('keyword', 'help desk'), ('keyword', 'it support'), ('keyword', 'technical support'), ('keyword', 'information technology'),
  ('keyword', 'data scientist'), ('keyword', 'soporte tecnico'), ('keyword', 'mesa de ayuda')
ON CONFLICT DO NOTHING;
