/**
 * Column mappings for CSV exports Pathways knows, written exactly as `--map` takes them (see
 * csv-template.md). A city whose export is not here needs a mapping file like these, not code.
 */
export const CSV_PRESETS = {
  /** New York City's "Jobs NYC Postings" open-data export (NYC OpenData dataset kpav-sd4t). */
  'nyc-jobs': `
# One posting per Job ID; NYC lists it twice ("Internal" and "External"), the external row wins.
one_row_per = "Job ID"
prefer_row = "Posting Type=External"
id_prefix = nyc:
source_id = "Job ID"
title = "Business Title"
agency = "Agency"
agency_level = fixed:city
classification = "Civil Service Title"
series = "Title Code No"
grade = "Level"
categories = "Job Category"
employment_type = "Full-Time/Part-Time indicator"
salary_min = "Salary Range From"
salary_max = "Salary Range To"
salary_interval = "Salary Frequency"
# "Work Location" is a street address in the city the dataset covers, not a town.
street_address = "Work Location"
city = fixed:"New York"
state = fixed:NY
workplace = "Additional Information"
description = "Job Description"
minimum_qualifications = "Minimum Qual Requirements"
preferred_skills = "Preferred Skills"
how_to_apply = "To Apply"
apply_url = "To Apply"
opens = "Posting Date"
closes = "Post Until"
entry_level = "Career Level"
`,
} as const;
export type CsvPreset = keyof typeof CSV_PRESETS;
