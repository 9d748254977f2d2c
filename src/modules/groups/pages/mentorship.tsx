import { Hono } from 'hono';
import { parse } from 'csv-parse/sync';
// The lists go back into the form as the lines they were typed as; exports use the platform's toCsv.
import { stringify } from 'csv-stringify/sync';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary, Radios, TextArea, TextField } from '../../../platform/ui/components';
import { DataTable } from '../../../platform/ui/data-table';
import { confirmPage } from '../../../platform/ui/confirm';
import { form } from '../../../platform/http/request';
import { errorMessages, fieldErrors, type FieldError } from '../../../platform/http/validation';
import { AppError } from '../../../platform/http/errors';
import { organizerScopes } from '../../../platform/auth/roles';
import { toCsv } from '../../../platform/csv';
import { assertManageGrouping } from '../permissions';
import {
  createMentorship,
  explain,
  getMentorship,
  introduce,
  listMentorships,
  mentorshipInput,
  mentorshipListsInput,
  pendingIntroductions,
  updateMentorship,
  rerun,
  setLock,
  type ExplainedMatch,
} from '../service/mentorships';
import type { MentorshipRow, StoredMentee, StoredMentor } from '../schema';
import { groupsMessages, tr } from '../messages';
import { appErrorFields } from './organize';

export const mentorshipPages = new Hono<AppEnv>();

interface Line {
  line: number;
  cols: string[];
}

/** Non-empty lines as CSV cells (a name with a comma can be quoted), with their line numbers; a heading line is skipped. */
function lines(text: string): Line[] {
  const out: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const [cols = []] = parse(raw, { relax_column_count: true, trim: true, relax_quotes: true }) as string[][];
    if (out.length === 0 && /^(name|nombre)$/i.test(cols[0] ?? '')) return;
    out.push({ line: i + 1, cols });
  });
  return out;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);
const spoken = (v: string | undefined) =>
  (v ?? '')
    .split(/[\s;]+/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
const optional = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
const lang = (v: string | undefined) => optional(v)?.toLowerCase() as 'en' | 'es' | undefined;

/** name, email, places, language, languages, agency, topics, choices */
const mentorOf = ({ cols: [name = '', email, places, language, languages, agency, topics, choices] }: Line) => ({
  name,
  email: optional(email),
  capacity: places?.trim() ? Number(places) : 1,
  language: lang(language),
  languages: spoken(languages),
  agency: optional(agency),
  topics: list(topics),
  choices: list(choices),
});

/** name, email, language, languages, goals, choices */
const menteeOf = ({ cols: [name = '', email, language, languages, goals, choices] }: Line) => ({
  name,
  email: optional(email),
  language: lang(language),
  languages: spoken(languages),
  goals: list(goals),
  choices: list(choices),
});

/** Service paths (`mentors.3.capacity`) → the form field, the message naming the line as typed. */
function formErrors(c: Ctx, fields: Record<string, FieldError>, at: Record<'mentors' | 'mentees', Line[]>): Record<string, string> {
  const t = tr(c);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errorMessages(c, fields, groupsMessages))) {
    const [head, second] = path.split('.');
    const side = head === 'mentors' || head === 'mentees' ? head : null;
    const line = side && second !== undefined ? at[side][Number(second)]?.line : undefined;
    const text = line ? t('groups.form.line', { line, message }) : message;
    // Every line with a problem is named at once, so a long pasted list is fixed in one go.
    out[side ?? head] = out[side ?? head] ? `${out[side ?? head]} ${text}` : text;
  }
  return out;
}

interface ListFormOptions {
  heading: string;
  action: string;
  submit: string;
  /** Editing a stored round: its version rides along, and the mode stays as it is (the page's "Match again" changes it). */
  version?: number;
}

function listForm(
  c: Ctx,
  o: ListFormOptions,
  values: Record<string, string>,
  errors: Record<string, string>,
  status: 200 | 409 | 422 = 200,
) {
  const t = tr(c);
  return page(
    c,
    { title: o.heading, index: false },
    <>
      <h1>{o.heading}</h1>
      <ErrorSummary errors={errors} t={c.var.t} />
      {errors.form && <Alert type="error">{errors.form}</Alert>}
      <form method="post" action={o.action} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        {o.version !== undefined && <input type="hidden" name="version" value={String(o.version)} />}
        <TextField name="title" label={t('groups.form.name')} value={values.title} error={errors.title} required maxlength={200} />
        {o.version === undefined && (
          <TextField name="event" label={t('groups.form.event')} value={values.event} error={errors.event} maxlength={100} />
        )}
        <TextArea
          name="mentors"
          label={t('groups.mentorship.mentors')}
          hint={t('groups.mentorship.mentorsHint')}
          value={values.mentors}
          error={errors.mentors}
          rows={8}
        />
        <TextArea
          name="mentees"
          label={t('groups.mentorship.mentees')}
          hint={t('groups.mentorship.menteesHint')}
          value={values.mentees}
          error={errors.mentees}
          rows={8}
        />
        {o.version === undefined && <ModeChoice c={c} value={values.mode} />}
        <Button>{o.submit}</Button>
      </form>
    </>,
    status,
  );
}

const newForm = (c: Ctx, values: Record<string, string>, errors: Record<string, string>, status: 200 | 422 = 200) =>
  listForm(
    c,
    {
      heading: tr(c)('groups.mentorship.new'),
      action: localePath(c.var.locale, '/organize/mentorship'),
      submit: tr(c)('groups.mentorship.submit'),
    },
    values,
    errors,
    status,
  );

/** Both pasted lists as the service takes them, with the lines they came from; a list that is not CSV is named. */
function parseLists(values: Record<string, string>): { at: Record<'mentors' | 'mentees', Line[]>; broken?: 'mentors' | 'mentees' } {
  const at = { mentors: [] as Line[], mentees: [] as Line[] };
  for (const side of ['mentors', 'mentees'] as const) {
    try {
      at[side] = lines(values[side] ?? '');
    } catch {
      return { at, broken: side };
    }
  }
  return { at };
}

function ModeChoice(props: { c: Ctx; value?: string }) {
  const t = tr(props.c);
  return (
    <Radios
      name="mode"
      legend={t('groups.mentorship.mode')}
      value={props.value === 'optimal' ? 'optimal' : 'stable'}
      options={[
        { value: 'stable', label: t('groups.mentorship.stable') },
        { value: 'optimal', label: t('groups.mentorship.optimal') },
      ]}
    />
  );
}

mentorshipPages.get('/organize/mentorship', allow('organizer'), async (c) => {
  const t = tr(c);
  const rows = await listMentorships(c.var.db, organizerScopes(c.var.viewer));
  return page(
    c,
    { title: t('groups.mentorship.title'), index: false },
    <>
      <h1>{t('groups.mentorship.title')}</h1>
      <p>{t('groups.mentorship.lead')}</p>
      <p>
        <a class="usa-button" href={localePath(c.var.locale, '/organize/mentorship/new')}>
          {t('groups.mentorship.new')}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t('groups.mentorship.none')}</p>
      ) : (
        <ul class="usa-list">
          {rows.map((m) => (
            <li>
              <a href={localePath(c.var.locale, `/organize/mentorship/${m.id}`)}>{m.title}</a> —{' '}
              {t('groups.mentorship.counts', { matched: m.pairs.length, mentees: m.mentees.length })}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});

mentorshipPages.get('/organize/mentorship/new', allow('organizer'), (c) => newForm(c, {}, {}));

mentorshipPages.post('/organize/mentorship', allow('organizer'), async (c) => {
  const values = await form(c);
  const viewer = c.var.viewer!;
  const { at, broken } = parseLists(values);
  if (broken) return newForm(c, values, { [broken]: c.var.t('validation.invalid') }, 422);
  const parsed = mentorshipInput.safeParse({
    title: values.title ?? '',
    event: optional(values.event),
    mode: values.mode === 'optimal' ? 'optimal' : 'stable',
    mentors: at.mentors.map(mentorOf),
    mentees: at.mentees.map(menteeOf),
  });
  if (!parsed.success) return newForm(c, values, formErrors(c, fieldErrors(parsed.error), at), 422);
  try {
    const m = await createMentorship(c.var.db, parsed.data, {
      chapter: organizerScopes(viewer)?.[0] ?? null,
      by: viewer.id,
      authorize: (target) => assertManageGrouping(viewer, target),
    });
    return c.redirect(localePath(c.var.locale, `/organize/mentorship/${m.id}`), 303);
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return newForm(c, values, formErrors(c, appErrorFields(err), at), 422);
    throw err;
  }
});

async function managed(c: Ctx): Promise<MentorshipRow> {
  const m = await getMentorship(c.var.db, c.req.param('id') ?? '');
  assertManageGrouping(c.var.viewer, m);
  return m;
}

const who = (p: { name: string; email?: string | null }) => (p.email ? `${p.name} (${p.email})` : p.name);

function LockForm(props: { c: Ctx; m: MentorshipRow; match: ExplainedMatch }) {
  const t = tr(props.c);
  const { match } = props;
  const pair = { mentor: match.mentor.name, mentee: match.mentee.name };
  return (
    <form method="post" action={localePath(props.c.var.locale, `/organize/mentorship/${props.m.id}/lock`)}>
      <Csrf token={props.c.var.csrfToken} />
      <input type="hidden" name="mentor" value={match.mentor.key} />
      <input type="hidden" name="mentee" value={match.mentee.key} />
      <input type="hidden" name="lock" value={match.locked ? '0' : '1'} />
      <button class="usa-button usa-button--outline" type="submit">
        {match.locked ? t('groups.mentorship.unlock') : t('groups.mentorship.lock')}
        <span class="pw-visually-hidden"> {t('groups.mentorship.pair', pair)}</span>
      </button>
    </form>
  );
}

mentorshipPages.get('/organize/mentorship/:id', allow('organizer'), async (c) => {
  const m = await managed(c);
  const t = tr(c);
  const l = c.var.locale;
  const { matches, unmatched, freePlaces } = explain(m, l);
  const { ready, missingEmail } = pendingIntroductions(m);
  const sent = Number(c.req.query('introduced') ?? 'NaN');
  return page(
    c,
    { title: m.title, index: false },
    <>
      <h1>{m.title}</h1>
      {Number.isInteger(sent) && sent >= 0 && <Alert type="success">{t('groups.mentorship.sent', { pairs: sent })}</Alert>}
      {c.req.query('saved') === '1' && <Alert type="success">{t('groups.mentorship.saved')}</Alert>}
      <p>
        {t('groups.mentorship.counts', { matched: m.pairs.length, mentees: m.mentees.length })}{' '}
        {t(m.mode === 'optimal' ? 'groups.mentorship.ranOptimal' : 'groups.mentorship.ranStable')}
      </p>
      <p>
        <a href={localePath(l, `/organize/mentorship/${m.id}/matches.csv`)}>{t('groups.view.csv')}</a> ·{' '}
        <a href={localePath(l, `/organize/mentorship/${m.id}/edit`)}>{t('groups.mentorship.editLink')}</a>
      </p>
      <h2 id="matches">{t('groups.mentorship.matches')}</h2>
      <DataTable
        caption={t('groups.mentorship.matches')}
        captionHidden
        rows={matches}
        empty={t('groups.mentorship.noMatches')}
        columns={[
          { label: t('groups.mentorship.mentor'), rowHeader: true, cell: (x) => x.mentor.name },
          { label: t('groups.mentorship.mentee'), cell: (x) => x.mentee.name },
          { label: t('groups.mentorship.why'), cell: (x) => x.reasons.join('; ') },
          {
            label: t('groups.mentorship.status'),
            cell: (x) =>
              [x.locked && t('groups.mentorship.locked'), x.introduced && t('groups.mentorship.introduced')].filter(Boolean).join(', '),
          },
          { label: t('groups.mentorship.change'), labelHidden: true, cell: (x) => <LockForm c={c} m={m} match={x} /> },
        ]}
      />
      {unmatched.length > 0 && (
        <>
          <h2>{t('groups.mentorship.unmatched')}</h2>
          <p>{t('groups.mentorship.unmatchedHint')}</p>
          <ul class="usa-list">
            {unmatched.map((x) => (
              <li>{who(x)}</li>
            ))}
          </ul>
        </>
      )}
      {freePlaces.length > 0 && (
        <>
          <h2>{t('groups.mentorship.free')}</h2>
          <ul class="usa-list">
            {freePlaces.map((x) => (
              <li>{t('groups.mentorship.places', { name: x.mentor.name, places: x.free })}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('groups.mentorship.again')}</h2>
      <form method="post" action={localePath(l, `/organize/mentorship/${m.id}/run`)} class="usa-form">
        <Csrf token={c.var.csrfToken} />
        <p>{t('groups.mentorship.againHint')}</p>
        <ModeChoice c={c} value={m.mode} />
        <Button>{t('groups.mentorship.run')}</Button>
      </form>
      <h2>{t('groups.mentorship.introductions')}</h2>
      <p>{t('groups.mentorship.ready', { pairs: ready.length })}</p>
      {missingEmail > 0 && <p>{t('groups.mentorship.missingEmail', { pairs: missingEmail })}</p>}
      {ready.length > 0 && (
        <p>
          <a class="usa-button" href={localePath(l, `/organize/mentorship/${m.id}/introduce`)}>
            {t('groups.mentorship.introduce')}
          </a>
        </p>
      )}
    </>,
  );
});

mentorshipPages.post('/organize/mentorship/:id/lock', allow('organizer'), async (c) => {
  const m = await managed(c);
  const values = await form(c);
  await setLock(c.var.db, m, [values.mentor ?? '', values.mentee ?? ''], values.lock === '1');
  return c.redirect(localePath(c.var.locale, `/organize/mentorship/${m.id}#matches`), 303);
});

mentorshipPages.post('/organize/mentorship/:id/run', allow('organizer'), async (c) => {
  const m = await managed(c);
  const values = await form(c);
  await rerun(c.var.db, m, values.mode === 'optimal' ? 'optimal' : 'stable');
  return c.redirect(localePath(c.var.locale, `/organize/mentorship/${m.id}#matches`), 303);
});

/** A stored person as the line the form takes back (quoted where a cell needs it): the lists round-trip unchanged. */
const asLine = (cells: (string | number)[]) =>
  stringify([cells.map(String)])
    .trimEnd()
    .replace(/,+$/, '');
const mentorLine = (x: StoredMentor) =>
  asLine([x.name, x.email ?? '', x.capacity, x.language, x.languages.join(' '), x.agency ?? '', x.topics.join('; '), x.choices.join('; ')]);
const menteeLine = (x: StoredMentee) =>
  asLine([x.name, x.email ?? '', x.language, x.languages.join(' '), x.goals.join('; '), x.choices.join('; ')]);

const editOptions = (c: Ctx, m: MentorshipRow, version: number): ListFormOptions => ({
  heading: tr(c)('groups.mentorship.edit', { title: m.title }),
  action: localePath(c.var.locale, `/organize/mentorship/${m.id}/edit`),
  submit: tr(c)('groups.mentorship.save'),
  version,
});

mentorshipPages.get('/organize/mentorship/:id/edit', allow('organizer'), async (c) => {
  const m = await managed(c);
  const values = { title: m.title, mentors: m.mentors.map(mentorLine).join('\n'), mentees: m.mentees.map(menteeLine).join('\n') };
  return listForm(c, editOptions(c, m, m.version), values, {});
});

mentorshipPages.post('/organize/mentorship/:id/edit', allow('organizer'), async (c) => {
  const m = await managed(c);
  const values = await form(c);
  // The version the organizer's form was drawn from: a change saved meanwhile is reported, their text kept.
  const read = Number(values.version);
  const options = editOptions(c, m, Number.isInteger(read) ? read : m.version);
  const { at, broken } = parseLists(values);
  if (broken) return listForm(c, options, values, { [broken]: c.var.t('validation.invalid') }, 422);
  const parsed = mentorshipListsInput.safeParse({
    title: values.title ?? '',
    mentors: at.mentors.map(mentorOf),
    mentees: at.mentees.map(menteeOf),
  });
  if (!parsed.success) return listForm(c, options, values, formErrors(c, fieldErrors(parsed.error), at), 422);
  try {
    await updateMentorship(c.var.db, m, parsed.data, options.version!);
    return c.redirect(localePath(c.var.locale, `/organize/mentorship/${m.id}?saved=1`), 303);
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return listForm(c, options, values, formErrors(c, appErrorFields(err), at), 422);
    if (err instanceof AppError && err.status === 409)
      return listForm(c, { ...options, version: m.version }, values, { form: tr(c)('groups.mentorship.changed') }, 409);
    throw err;
  }
});

mentorshipPages.get('/organize/mentorship/:id/introduce', allow('organizer'), async (c) => {
  const m = await managed(c);
  const t = tr(c);
  const { ready } = pendingIntroductions(m);
  const back = localePath(c.var.locale, `/organize/mentorship/${m.id}`);
  return confirmPage(c, {
    question: t('groups.mentorship.confirm', { pairs: ready.length }),
    detail: t('groups.mentorship.confirmDetail'),
    action: localePath(c.var.locale, `/organize/mentorship/${m.id}/introduce`),
    confirm: t('groups.mentorship.introduce'),
    back: { label: t('groups.mentorship.back'), href: back },
  });
});

mentorshipPages.post('/organize/mentorship/:id/introduce', allow('organizer'), async (c) => {
  const m = await managed(c);
  const { pairs } = await introduce(c.var.db, m);
  return c.redirect(localePath(c.var.locale, `/organize/mentorship/${m.id}?introduced=${pairs}`), 303);
});

mentorshipPages.get('/organize/mentorship/:id/matches.csv', allow('organizer'), async (c) => {
  const m = await managed(c);
  const t = tr(c);
  const { matches, unmatched } = explain(m, c.var.locale);
  const rows = [
    ...matches.map((x) => [
      x.mentor.name,
      x.mentor.email ?? '',
      x.mentee.name,
      x.mentee.email ?? '',
      x.reasons.join('; '),
      x.locked ? t('groups.yes') : '',
    ]),
    ...unmatched.map((x) => ['', '', x.name, x.email ?? '', '', '']),
  ];
  const headers = ['mentor', 'mentorEmail', 'mentee', 'menteeEmail', 'why', 'locked'] as const;
  return c.body(
    toCsv(
      headers.map((h) => t(`groups.mentorship.csv.${h}`)),
      rows,
    ),
    200,
    {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="mentorship.csv"',
      'Cache-Control': 'no-store',
    },
  );
});
