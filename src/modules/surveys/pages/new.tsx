import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { organizerScopes } from '../../../platform/auth/roles';
import { page } from '../../../platform/ui/layout';
import { AppError } from '../../../platform/http/errors';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { Button, Csrf, Select, TextArea, TextField } from '../../../platform/ui/components';
import { pickText } from '../../events';
import { assertManageSurvey } from '../permissions';
import { createSurvey, listSurveys, surveyInput } from '../service/surveys';
import { SURVEY_KINDS } from '../schema';
import { surveysMessages, tr } from '../messages';

/** The organizers' form for a new survey: what the API takes, with questions typed as an outline. */
export const surveysNewPages = new Hono<AppEnv>();

type Kind = 'likert' | 'choice' | 'yesno' | 'text';

/**
 * One question per line, `kind: English | Español` (kinds: likert, choice, yesno, text); a line
 * starting with `*` is an option of the choice question above it. After the kind, `required` (or
 * `obligatoria`) makes an answer necessary, and `[name]` names the question: a before and an after
 * survey are compared question by question through these names. No script is needed to add questions.
 */
export function readQuestions(text: string) {
  const out: {
    id: string;
    kind: Kind;
    label: { en: string | null; es: string | null };
    options?: { en: string | null; es: string | null }[];
    required?: boolean;
  }[] = [];
  const bad: number[] = [];
  const languages = (s: string) => {
    const [en = '', es = ''] = s.split('|').map((x) => x.trim());
    return { en: en || null, es: es || null };
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const q = /^(likert|choice|yesno|text)(\s+(?:required|obligatoria))?(?:\s*\[([a-zA-Z0-9_-]{1,40})\])?\s*:(.*)$/i.exec(line);
    const last = out[out.length - 1];
    if (q)
      out.push({
        id: q[3] ?? `q${out.length + 1}`,
        kind: q[1].toLowerCase() as Kind,
        label: languages(q[4]),
        ...(q[2] ? { required: true } : {}),
      });
    else if (line.startsWith('*') && last?.kind === 'choice') (last.options ??= []).push(languages(line.slice(1)));
    else bad.push(i + 1);
  });
  return { questions: out, bad };
}

async function newSurveyPage(c: Ctx, state: { values?: Record<string, string>; errors?: Record<string, string> } = {}) {
  const t = tr(c);
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const befores = (await listSurveys(c.var.db, organizerScopes(c.var.viewer))).filter((s) => s.kind === 'pre');
  const title = t('surveys.new.title');
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <form method="post" action={localePath(c.var.locale, '/organize/surveys/new')} class="usa-form usa-form--large">
        <Csrf token={c.var.csrfToken} />
        <TextField name="titleEn" label={t('surveys.new.titleEn')} value={v.titleEn} error={e.title} />
        <TextField name="titleEs" label={t('surveys.new.titleEs')} value={v.titleEs} />
        <TextField name="event" label={t('surveys.new.event')} hint={t('surveys.new.eventHint')} value={v.event} error={e.event} />
        <TextField
          name="program"
          label={t('surveys.new.program')}
          hint={t('surveys.new.programHint')}
          value={v.program}
          error={e.program}
        />
        <Select
          name="kind"
          label={t('surveys.new.kind')}
          value={v.kind ?? 'postEvent'}
          options={SURVEY_KINDS.map((k) => ({ value: k, label: t(`surveys.new.kind.${k}`) }))}
        />
        <Select
          name="pairedWith"
          label={t('surveys.new.pairedWith')}
          value={v.pairedWith ?? ''}
          blank={t('surveys.new.none')}
          options={befores.map((s) => ({ value: s.id, label: pickText(s.title, c.var.locale) }))}
          error={e.pairedWith}
        />
        <Select
          name="months"
          label={t('surveys.new.months')}
          value={v.months ?? ''}
          blank={t('surveys.new.none')}
          options={['3', '6', '12'].map((m) => ({ value: m, label: t('surveys.new.monthsAfter', { months: Number(m) }) }))}
          error={e.months}
        />
        <TextArea
          name="questions"
          label={t('surveys.new.questions')}
          hint={t('surveys.new.questionsHint')}
          value={v.questions}
          error={e.questions}
          rows={12}
          maxlength={50_000}
        />
        <Button>{t('surveys.new.create')}</Button>
      </form>
    </>,
    Object.keys(e).length ? 422 : 200,
  );
}

surveysNewPages.get('/organize/surveys/new', allow('organizer'), (c) => newSurveyPage(c));

surveysNewPages.post('/organize/surveys/new', allow('organizer'), async (c) => {
  const v = await form(c);
  const t = tr(c);
  const { questions, bad } = readQuestions(v.questions ?? '');
  if (bad.length) return newSurveyPage(c, { values: v, errors: { questions: t('surveys.error.outline', { line: bad[0] }) } });
  const parsed = surveyInput.safeParse({
    title: { en: v.titleEn || null, es: v.titleEs || null },
    ...(v.event?.trim() ? { event: v.event.trim() } : {}),
    ...(v.program?.trim() ? { program: v.program.trim() } : {}),
    kind: v.kind,
    ...(v.pairedWith ? { pairedWith: v.pairedWith } : {}),
    ...(v.months ? { months: Number(v.months) } : {}),
    questions,
  });
  // Problems inside the outline are shown beside it, the one field they came from.
  const onFields = (fields: Record<string, string>) =>
    Object.fromEntries(Object.entries(fields).map(([k, m]) => [k.startsWith('questions') ? 'questions' : k.split('.')[0], m]));
  if (!parsed.success) return newSurveyPage(c, { values: v, errors: onFields(errorMessages(c, parsed.error, surveysMessages)) });
  const viewer = c.var.viewer!;
  try {
    const s = await createSurvey(c.var.db, parsed.data, {
      chapter: organizerScopes(viewer)?.[0] ?? null,
      by: viewer.id,
      authorize: (target) => assertManageSurvey(viewer, target),
    });
    return c.redirect(localePath(c.var.locale, `/organize/surveys/${s.id}`), 303);
  } catch (err) {
    if (err instanceof AppError && err.status === 422)
      return newSurveyPage(c, { values: v, errors: onFields(errorMessages(c, err.fields, surveysMessages)) });
    if (err instanceof AppError && err.status === 404) return newSurveyPage(c, { values: v, errors: { event: t('surveys.error.event') } });
    throw err;
  }
});
