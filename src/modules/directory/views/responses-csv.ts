import type { Ctx } from '../../../platform/http/context';
import { toCsv } from '../../../platform/csv';
import { tr } from '../messages';
import type { InterestForm, InterestResponse } from '../schema';

/** A form's answers as a CSV download (BOM, formula guard, headers in the reader's language), for the API and the page. */
export function responsesCsv(c: Ctx, form: InterestForm, responses: InterestResponse[]): Response {
  const t = tr(c);
  const l = c.var.locale;
  const header = [
    t('directory.field.name'),
    t('directory.csv.email'),
    ...form.questions.map((q) => (l === 'es' ? q.label.es || q.label.en : q.label.en || q.label.es) ?? q.id),
    t('directory.field.topic'),
    t('directory.csv.consent'),
    t('directory.csv.submittedAt'),
  ];
  const rows = responses.map((r) => [
    r.name,
    r.email,
    ...form.questions.map((q) => (r.answers[q.id] === undefined ? '' : String(r.answers[q.id]))),
    r.topics.join(', '),
    r.consent ? t('directory.csv.yes') : t('directory.csv.no'),
    r.submittedAt.toISOString(),
  ]);
  return c.body(toCsv(header, rows), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${form.slug}-responses.csv"`,
  });
}
