import type { Ctx } from '../../../platform/http/context';
import { toCsv } from '../../../platform/csv';
import { tr } from '../messages';
import type { InterestForm, InterestQuestion, InterestResponse } from '../schema';

/**
 * Every question's column, taken-off ones last and marked as such: their answers stay stored and are
 * shown under them, in the reader's language.
 */
export function questionColumns(c: Ctx, form: InterestForm): { id: string; label: string }[] {
  const t = tr(c);
  const l = c.var.locale;
  const label = (q: InterestQuestion) => (l === 'es' ? q.label.es || q.label.en : q.label.en || q.label.es) || q.id;
  return [
    ...form.questions.map((q) => ({ id: q.id, label: label(q) })),
    ...form.retiredQuestions.map((q) => ({ id: q.id, label: t('directory.organize.removedQuestion', { label: label(q) }) })),
  ];
}

/** A form's answers as a CSV download (BOM, formula guard, headers in the reader's language), for the API and the page. */
export function responsesCsv(c: Ctx, form: InterestForm, responses: InterestResponse[]): Response {
  const t = tr(c);
  const columns = questionColumns(c, form);
  const header = [
    t('directory.field.name'),
    t('directory.csv.email'),
    ...columns.map((q) => q.label),
    t('directory.field.topic'),
    t('directory.csv.consent'),
    t('directory.csv.submittedAt'),
  ];
  const rows = responses.map((r) => [
    r.name,
    r.email,
    ...columns.map((q) => (r.answers[q.id] === undefined ? '' : String(r.answers[q.id]))),
    r.topics.join(', '),
    r.consent ? t('directory.csv.yes') : t('directory.csv.no'),
    r.submittedAt.toISOString(),
  ]);
  return c.body(toCsv(header, rows), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${form.slug}-responses.csv"`,
  });
}
