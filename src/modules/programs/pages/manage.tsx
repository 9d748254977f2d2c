import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { AppError } from '../../../platform/http/errors';
import { parseNestedForm } from '../../../platform/http/form';
import { parseFormBody } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField, TimeZoneSelect } from '../../../platform/ui/components';
import { chapterFor, Pair, pickText, utcToZoned } from '../../events';
import { listChapters } from '../../people';
import { programsMessages, tr } from '../messages';
import { canManageProgram } from '../permissions';
import { SLOT_KINDS, type EligibilityRule, type Program } from '../schema';
import { createProgram, listPrograms, programEditInput, programInput, updateProgram } from '../service';
import { When } from '../views/when';
import { ProgramNav } from '../views/nav';
import { PageTop } from '../views/notices';
import { managedProgram } from './organize';

/** Organizers: their programs, and the form that creates or edits one, questions and rules included. */
export const managePages = new Hono<AppEnv>();

type V = Record<string, string>;
const QUESTION_KINDS = ['text', 'long_text', 'choice', 'yesno', 'number'] as const;
const RULE_OPS = ['eq', 'in', 'gte', 'lte'] as const;
const MAX_QUESTIONS = 30;
const MAX_RULES = 20;

/** How many question and rule rows the posted form holds (their highest index, plus one). */
function rows(v: V, prefix: 'questions' | 'eligibility'): number {
  let n = 0;
  for (const k of Object.keys(v)) {
    const m = new RegExp(`^${prefix}\\.(\\d{1,2})\\.`).exec(k);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(n, prefix === 'questions' ? MAX_QUESTIONS : MAX_RULES);
}

/** Drops row `i` and moves the rows after it up one, so the form shows no gap. */
function removeRow(v: V, prefix: string, i: number): V {
  const out: V = {};
  for (const [k, val] of Object.entries(v)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.(.*)$`).exec(k);
    if (!m) out[k] = val;
    else if (Number(m[1]) < i) out[k] = val;
    else if (Number(m[1]) > i) out[`${prefix}.${Number(m[1]) - 1}.${m[2]}`] = val;
  }
  return out;
}

const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const halves = (line: string) => line.split('|').map((x) => x.trim());

/** A rule's value as typed: a list for "is one of", a number for "at least/at most", else the text. */
function ruleValue(op: string, typed: string): EligibilityRule['value'] {
  if (op === 'in')
    return typed
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  if ((op === 'gte' || op === 'lte') && typed.trim() !== '' && Number.isFinite(Number(typed))) return Number(typed);
  return typed.trim();
}

/**
 * The API body from the posted form. A time left as the form showed it keeps the stored instant (a
 * deadline shown to the minute is not moved back to that minute's start).
 */
function bodyFrom(v: V, languages: string[], was?: Program) {
  const keep = (field: 'startsAt' | 'endsAt' | 'applicationDeadline') =>
    was && v.timeZone === was.timeZone && v[field] === shown(was, field) ? was[field].toISOString() : (v[field] ?? '');
  // The one nested-name parser: `questions.0.label.en` becomes questions[0].label.en.
  type Row = Record<string, string | Record<string, string> | undefined>;
  const n = parseNestedForm(v) as { questions?: Row[]; eligibility?: Row[]; bookingQuotas?: Record<string, string> } & Row;
  const text = (x: Row[string]) => (typeof x === 'string' ? x : '');
  const local = (x: Row[string]) => (typeof x === 'object' ? x : {});
  return {
    slug: was ? undefined : text(n.slug).trim() || undefined,
    chapter: text(n.chapter) || null,
    title: local(n.title),
    description: local(n.description),
    timeZone: text(n.timeZone),
    startsAt: keep('startsAt'),
    endsAt: keep('endsAt'),
    applicationDeadline: keep('applicationDeadline'),
    languages,
    bookingQuotas: Object.fromEntries(SLOT_KINDS.map((k) => [k, n.bookingQuotas?.[k] || '0'])),
    tags: lines(text(n.tags)).map((l) => {
      const [key, en, es] = halves(l);
      return { key, description: { en, es } };
    }),
    questions: (n.questions ?? []).slice(0, MAX_QUESTIONS).map((q) => ({
      id: text(q?.id).trim() || undefined,
      kind: text(q?.kind),
      label: local(q?.label),
      required: q?.required === 'on',
      options: lines(text(q?.options)).map((l) => {
        const [en, es] = halves(l);
        return { en, es };
      }),
    })),
    eligibility: (n.eligibility ?? []).slice(0, MAX_RULES).map((r) => ({
      field: text(r?.field),
      op: text(r?.op),
      value: ruleValue(text(r?.op), text(r?.value)),
      message: local(r?.message),
    })),
  };
}

/** The form's text for a stored time: a date for the first and last day, to the minute for the deadline. */
function shown(p: Program, field: 'startsAt' | 'endsAt' | 'applicationDeadline'): string {
  const wall = utcToZoned(p[field], p.timeZone);
  return field === 'applicationDeadline' ? wall : wall.slice(0, 10);
}

/** The form's values for a stored program. */
function valuesOf(p: Program): { v: V; languages: string[] } {
  const v: V = {
    chapter: p.chapter ?? '',
    'title.en': p.title.en ?? '',
    'title.es': p.title.es ?? '',
    'description.en': p.description.en ?? '',
    'description.es': p.description.es ?? '',
    timeZone: p.timeZone,
    startsAt: shown(p, 'startsAt'),
    endsAt: shown(p, 'endsAt'),
    applicationDeadline: shown(p, 'applicationDeadline'),
    // Only the parts there are: a tag without descriptions reads back as its key alone.
    tags: p.tags.map((t) => [t.key, t.description.en ?? '', t.description.es ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n'),
  };
  for (const k of SLOT_KINDS) v[`bookingQuotas.${k}`] = String(p.bookingQuotas[k] ?? 0);
  p.questions.forEach((q, i) => {
    Object.assign(v, {
      [`questions.${i}.id`]: q.id,
      [`questions.${i}.kind`]: q.kind,
      [`questions.${i}.label.en`]: q.label.en ?? '',
      [`questions.${i}.label.es`]: q.label.es ?? '',
      [`questions.${i}.required`]: q.required ? 'on' : '',
      [`questions.${i}.options`]: (q.options ?? []).map((o) => (o.es ? `${o.en ?? ''} | ${o.es}` : (o.en ?? ''))).join('\n'),
    });
  });
  p.eligibility.forEach((r, i) => {
    Object.assign(v, {
      [`eligibility.${i}.field`]: r.field,
      [`eligibility.${i}.op`]: r.op,
      [`eligibility.${i}.value`]: Array.isArray(r.value) ? r.value.join(', ') : String(r.value),
      [`eligibility.${i}.message.en`]: r.message.en ?? '',
      [`eligibility.${i}.message.es`]: r.message.es ?? '',
    });
  });
  return { v, languages: p.languages };
}

/** Error summary links land on a real field: a pair's English box, the tag list, the first language box. */
function anchored(errors: V): V {
  return Object.fromEntries(
    Object.entries(errors).map(([k, msg]) => {
      if (/^(title|description)$/.test(k) || /^questions\.\d+\.label$/.test(k) || /^eligibility\.\d+\.message$/.test(k))
        return [`${k}.en`, msg];
      if (k.startsWith('tags')) return ['tags', msg];
      if (k.startsWith('languages')) return ['languages-en', msg];
      if (/^questions\.\d+\.options/.test(k)) return [k.replace(/options.*$/, 'options'), msg];
      return [k, msg];
    }),
  );
}

interface FormState {
  v: V;
  languages: string[];
  errors: V;
  notice?: string;
  /** Received applications the last save flagged (its questions or rules changed). */
  flagged?: number;
}

async function formPage(c: Ctx, state: FormState, p?: Program, status: 200 | 422 = 200) {
  const t = tr(c);
  const l = c.var.locale;
  const { v } = state;
  const errors = anchored(state.errors);
  const opt = c.var.t('form.optional');
  const chapters = await listChapters(c.var.db);
  const questionCount = rows(v, 'questions');
  const ruleCount = rows(v, 'eligibility');
  const questionIds = Array.from({ length: questionCount }, (_, i) => v[`questions.${i}.id`]?.trim() || `q${i + 1}`);
  const title = p ? t('programs.manage.editTitle', { program: pickText(p.title, l) }) : t('programs.manage.new');
  const action = p ? localePath(l, `/programs/${p.slug}/edit`) : localePath(l, '/organize/programs/new');
  const f = (name: string) => ({ name, value: v[name], error: errors[name] });
  return page(
    c,
    { title, index: false },
    <>
      <PageTop title={title} notice={state.notice} />
      {p && !!state.flagged && (
        <p>
          {t('programs.manage.savedFlagged', { count: state.flagged })}{' '}
          <a href={`${localePath(l, `/programs/${p.slug}/applications`)}?flagged=1`}>{t('programs.manage.seeFlagged')}</a>
        </p>
      )}
      {p && <ProgramNav c={c} p={p} />}
      <form class="usa-form usa-form--large pw-wide-form" method="post" action={action} novalidate>
        <Csrf token={c.var.csrfToken} />
        {/* Enter in a text box submits the first button: this one saves, not "Remove question 1". */}
        <button type="submit" class="usa-sr-only" tabindex={-1} aria-hidden="true">
          {p ? t('programs.form.save') : t('programs.form.create')}
        </button>
        <ErrorSummary errors={errors} t={c.var.t} />
        <Pair c={c} name="title" label={t('programs.form.title')} v={v} errors={errors} max={200} />
        <Pair c={c} name="description" label={t('programs.form.description')} v={v} errors={errors} area max={20000} />
        {!p && (
          <TextField {...f('slug')} label={t('programs.form.slug')} hint={t('programs.form.slugHint')} optional={opt} maxlength={80} />
        )}
        <Select
          {...f('chapter')}
          label={t('programs.form.chapter')}
          blank={t('programs.form.noChapter')}
          options={chapters.map((ch) => ({ value: ch.slug, label: ch.name }))}
        />
        <TimeZoneSelect
          {...f('timeZone')}
          label={t('programs.form.timeZone')}
          hint={t('programs.form.timeZoneHint')}
          first={chapters.map((ch) => ch.timeZone).filter((z): z is string => !!z)}
          t={c.var.t}
        />
        <TextField {...f('startsAt')} type="date" label={t('programs.form.startsAt')} />
        <TextField {...f('endsAt')} type="date" label={t('programs.form.endsAt')} />
        <TextField
          {...f('applicationDeadline')}
          type="datetime-local"
          label={t('programs.form.deadline')}
          hint={t('programs.form.deadlineHint')}
        />
        {p && (
          <p class="usa-hint">
            {t('programs.form.deadlineNow')} <When c={c} date={p.applicationDeadline} timeZone={p.timeZone} />
          </p>
        )}
        <fieldset class="usa-fieldset" id="languages">
          <legend class="usa-legend">{t('programs.form.languages')}</legend>
          {errors['languages-en'] && (
            <span class="usa-error-message" role="alert">
              {errors['languages-en']}
            </span>
          )}
          <Checkbox name="languages" value="en" id="languages-en" label="English" checked={state.languages.includes('en')} />
          <Checkbox name="languages" value="es" id="languages-es" label="Español" checked={state.languages.includes('es')} />
        </fieldset>
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('programs.form.quotas')}</legend>
          {SLOT_KINDS.map((k) => (
            <TextField {...f(`bookingQuotas.${k}`)} type="number" inputmode="numeric" min="0" label={t(`programs.kind.${k}`)} />
          ))}
        </fieldset>
        <TextArea {...f('tags')} label={t('programs.form.tags')} hint={t('programs.form.tagsHint')} optional={opt} rows={4} />

        <h2>{t('programs.form.questionsTitle')}</h2>
        <p>{t('programs.form.questionsLead')}</p>
        {questionCount === 0 && <p>{t('programs.form.noQuestions')}</p>}
        {Array.from({ length: questionCount }, (_, i) => (
          <fieldset class="usa-fieldset pw-builder-row">
            <legend class="usa-legend usa-legend--large">{t('programs.form.question', { n: i + 1 })}</legend>
            <Pair c={c} name={`questions.${i}.label`} label={t('programs.form.questionLabel')} v={v} errors={errors} max={300} />
            <Select
              {...f(`questions.${i}.kind`)}
              label={t('programs.form.kind')}
              hint={t('programs.form.kindHint')}
              options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`programs.form.kind.${k}`) }))}
            />
            {v[`questions.${i}.kind`] === 'choice' && (
              <TextArea
                {...f(`questions.${i}.options`)}
                label={t('programs.form.options')}
                hint={t('programs.form.optionsHint')}
                optional={opt}
                rows={3}
              />
            )}
            <TextField
              {...f(`questions.${i}.id`)}
              label={t('programs.form.questionId')}
              hint={t('programs.form.questionIdHint', { id: `q${i + 1}` })}
              optional={opt}
              maxlength={40}
              spellcheck={false}
            />
            <Checkbox
              name={`questions.${i}.required`}
              id={`questions.${i}.required`}
              label={t('programs.form.required')}
              checked={v[`questions.${i}.required`] === 'on'}
            />
            <Button variant="outline" name="intent" value={`remove-question-${i}`}>
              {t('programs.form.removeQuestion', { n: i + 1 })}
            </Button>
          </fieldset>
        ))}
        {questionCount < MAX_QUESTIONS && (
          <p>
            <Button variant="outline" name="intent" value="add-question">
              {t('programs.form.addQuestion')}
            </Button>
          </p>
        )}

        <h2>{t('programs.form.rulesTitle')}</h2>
        <p>{t('programs.form.rulesLead')}</p>
        {ruleCount === 0 && <p>{t('programs.form.noRules')}</p>}
        {Array.from({ length: ruleCount }, (_, i) => (
          <fieldset class="usa-fieldset pw-builder-row">
            <legend class="usa-legend usa-legend--large">{t('programs.form.rule', { n: i + 1 })}</legend>
            <Select
              {...f(`eligibility.${i}.field`)}
              label={t('programs.form.ruleField')}
              options={[
                { value: 'members', label: t('programs.form.members') },
                ...questionIds.map((id, j) => ({
                  value: id,
                  label: `${id} · ${v[`questions.${j}.label.${l}`] || v[`questions.${j}.label.en`] || v[`questions.${j}.label.es`] || ''}`,
                })),
                ...(v[`eligibility.${i}.field`] &&
                v[`eligibility.${i}.field`] !== 'members' &&
                !questionIds.includes(v[`eligibility.${i}.field`])
                  ? [{ value: v[`eligibility.${i}.field`], label: v[`eligibility.${i}.field`] }]
                  : []),
              ]}
            />
            <Select
              {...f(`eligibility.${i}.op`)}
              label={t('programs.form.op')}
              options={RULE_OPS.map((o) => ({ value: o, label: t(`programs.form.op.${o}`) }))}
            />
            <TextField
              {...f(`eligibility.${i}.value`)}
              label={t('programs.form.value')}
              hint={t('programs.form.valueHint')}
              maxlength={2000}
            />
            <Pair c={c} name={`eligibility.${i}.message`} label={t('programs.form.message')} v={v} errors={errors} max={500} />
            <Button variant="outline" name="intent" value={`remove-rule-${i}`}>
              {t('programs.form.removeRule', { n: i + 1 })}
            </Button>
          </fieldset>
        ))}
        {ruleCount < MAX_RULES && (
          <p>
            <Button variant="outline" name="intent" value="add-rule">
              {t('programs.form.addRule')}
            </Button>
          </p>
        )}
        <p>
          <Button>{p ? t('programs.form.save') : t('programs.form.create')}</Button>
        </p>
      </form>
    </>,
    status,
  );
}

/**
 * A post of the form: a builder step (add or remove a question or rule) shows the form again with
 * everything typed kept; a save checks everything, and a refusal shows each problem beside its field.
 */
async function posted(c: Ctx, p?: Program) {
  const body = await parseFormBody(c);
  const v: V = {};
  for (const [k, val] of Object.entries(body)) {
    const one = [val].flat()[0];
    if (typeof one === 'string' && k !== 'languages' && k !== '_csrf') v[k] = one;
  }
  const languages = [body.languages].flat().filter((x): x is string => x === 'en' || x === 'es');
  const intent = v.intent ?? 'save';
  delete v.intent;
  const again = (next: V) => formPage(c, { v: next, languages, errors: {} }, p);
  if (intent === 'add-question') return again({ ...v, [`questions.${rows(v, 'questions')}.kind`]: 'text' });
  if (intent === 'add-rule') return again({ ...v, [`eligibility.${rows(v, 'eligibility')}.op`]: 'eq' });
  const remove = /^remove-(question|rule)-(\d{1,2})$/.exec(intent);
  if (remove) return again(removeRow(v, remove[1] === 'question' ? 'questions' : 'eligibility', Number(remove[2])));

  const refuse = (errors: V) => formPage(c, { v, languages, errors }, p, 422);
  const parsed = (p ? programEditInput(p.applicationDeadline) : programInput).safeParse(bodyFrom(v, languages, p));
  if (!parsed.success) return refuse(errorMessages(c, parsed.error, programsMessages));
  let chapter: string | null;
  try {
    chapter = chapterFor(c.var.viewer!, parsed.data.chapter ?? null);
  } catch {
    return refuse({ chapter: tr(c)('programs.error.chapter') });
  }
  try {
    if (p) {
      const { recheck } = await updateProgram(c.var.db, p, { ...parsed.data, chapter });
      const flagged = recheck?.flagged ? `&flagged=${recheck.flagged}` : '';
      return c.redirect(`${localePath(c.var.locale, `/programs/${p.slug}/edit`)}?done=saved${flagged}`, 303);
    }
    const made = await createProgram(c.var.db, { ...parsed.data, chapter }, c.var.viewer!.id);
    return c.redirect(`${localePath(c.var.locale, `/programs/${made.slug}/edit`)}?done=created`, 303);
  } catch (err) {
    if (err instanceof AppError && err.fields) return refuse(errorMessages(c, err.fields, programsMessages));
    throw err;
  }
}

managePages.get('/organize/programs', allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const list = (await listPrograms(c.var.db)).filter((p) => canManageProgram(c.var.viewer, p));
  const title = t('programs.manage.title');
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>{t('programs.manage.lead')}</p>
      <p>
        <a class="usa-button" href={localePath(l, '/organize/programs/new')}>
          {t('programs.manage.new')}
        </a>
      </p>
      <DataTable
        caption={t('programs.manage.caption')}
        rows={list}
        empty={t('programs.manage.none')}
        columns={[
          {
            label: t('programs.manage.program'),
            rowHeader: true,
            cell: (p) => <a href={localePath(l, `/programs/${p.slug}/edit`)}>{pickText(p.title, l)}</a>,
          },
          { label: t('programs.manage.starts'), cell: (p) => <When c={c} date={p.startsAt} timeZone={p.timeZone} /> },
          { label: t('programs.form.deadline'), cell: (p) => <When c={c} date={p.applicationDeadline} timeZone={p.timeZone} /> },
          {
            label: t('programs.organize.applicationsLink'),
            cell: (p) => <a href={localePath(l, `/programs/${p.slug}/applications`)}>{t('programs.organize.applicationsLink')}</a>,
          },
        ]}
      />
    </>,
  );
});

managePages.get('/organize/programs/new', allow('organizer'), async (c) =>
  formPage(c, {
    v: { timeZone: 'America/New_York', ...Object.fromEntries(SLOT_KINDS.map((k) => [`bookingQuotas.${k}`, '0'])) },
    languages: ['en', 'es'],
    errors: {},
  }),
);

managePages.post('/organize/programs/new', allow('organizer'), async (c) => posted(c));

managePages.get('/programs/:slug/edit', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const done = c.req.query('done');
  const t = tr(c);
  const notice = done === 'created' ? t('programs.manage.created') : done === 'saved' ? t('programs.manage.saved') : undefined;
  const flagged = Math.trunc(Math.min(Number(c.req.query('flagged')) || 0, 100_000));
  return formPage(c, { ...valuesOf(p), errors: {}, notice, flagged: done === 'saved' && flagged > 0 ? flagged : undefined }, p);
});

managePages.post('/programs/:slug/edit', allow('organizer'), async (c) => posted(c, await managedProgram(c)));
