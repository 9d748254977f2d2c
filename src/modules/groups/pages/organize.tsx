import { Hono } from 'hono';
import { parse } from 'csv-parse/sync';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { errorMessages, fieldErrors, type FieldError } from '../../../platform/http/validation';
import { AppError } from '../../../platform/http/errors';
import { organizerScopes } from '../../../platform/auth/roles';
import { toCsv } from '../../../platform/csv';
import { assertManageGrouping } from '../permissions';
import {
  createGrouping,
  getGrouping,
  groupingInput,
  listGroupings,
  rebalanceGrouping,
  rebalanceInput,
  sheetToken,
  type ParticipantInput,
} from '../service/groupings';
import type { GroupingRow } from '../schema';
import { groupsMessages, tr } from '../messages';
import { PlanSummary, RoundTables } from '../views/plan';

export const organizePages = new Hono<AppEnv>();

const YES = /^(y|yes|s|si|sí|true|1|x)$/i;
const LANGS = /^(en|es)(\s+(en|es))*$/i;

/**
 * One person per line: name, email, sector, government, languages, facilitator (CSV, so a name with
 * a comma can be quoted). Fields after the name may be left out; a field that looks like an email is one.
 */
function parsePeople(text: string): ParticipantInput[] {
  const lines: string[][] = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, relax_quotes: true });
  return lines.map((cols) => {
    const [name = '', ...rest] = cols;
    const p: ParticipantInput = { name };
    for (const [i, raw] of rest.entries()) {
      const v = raw.trim();
      if (!v) continue;
      if (v.includes('@')) p.email = v;
      else if (i === 1 && !LANGS.test(v)) p.sector = v;
      else if (i === 2 && /^(y|yes|s|si|sí|n|no|true|false)$/i.test(v)) p.government = YES.test(v);
      else if (LANGS.test(v)) p.languages = v.toLowerCase().split(/\s+/);
      else if (i >= 4) p.facilitator = YES.test(v);
      else if (!p.sector) p.sector = v;
    }
    return p;
  });
}

/** "a, b" per line → pairs of identifiers (email, id or name as typed). */
function parsePairs(text: string): [string, string][] {
  return text
    .split(/\r?\n/)
    .map((l) => l.split(',').map((x) => x.trim()))
    .filter((p) => p.length >= 2 && p[0] && p[1])
    .map((p) => [p[0], p[1]]);
}

/** The form's pasted people, with ids filled from names when neither id nor email is given (names are the keys then). */
function withKeys(list: ParticipantInput[]): ParticipantInput[] {
  return list.map((p) => (p.email || p.id ? p : { ...p, id: p.name }));
}

/** Service field paths → the form field they belong to, with the line number for people. */
function formErrors(c: Ctx, fields: Record<string, FieldError>): Record<string, string> {
  const t = tr(c);
  const messages = errorMessages(c, fields, groupsMessages);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(messages)) {
    const [head, second, third] = path.split('.');
    let field = head;
    let text = message;
    if (head === 'participants' || head === 'arrived') {
      field = head === 'participants' ? 'people' : 'arrived';
      if (second !== undefined && /^\d+$/.test(second)) text = t('groups.form.line', { line: Number(second) + 1, message });
    } else if (head === 'constraints') field = second;
    else if (head === 'groups') field = 'groupSize';
    if (third !== undefined && head === 'constraints') text = t('groups.form.line', { line: Number(third) + 1, message });
    out[field] ??= text;
  }
  return out;
}

export function appErrorFields(err: AppError): Record<string, FieldError> {
  return Object.fromEntries(Object.entries(err.fields).map(([f, key]) => [f, { key, values: err.fieldValues[f] }]));
}

function newForm(c: Ctx, values: Record<string, string>, errors: Record<string, string>, status: 200 | 422 = 200) {
  const t = tr(c);
  const action = localePath(c.var.locale, '/organize/groupings');
  return page(
    c,
    { title: t('groups.form.title'), index: false },
    <>
      <h1>{t('groups.form.title')}</h1>
      <ErrorSummary errors={errors} t={c.var.t} />
      <form method="post" action={action} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField name="title" label={t('groups.form.name')} value={values.title} error={errors.title} required maxlength={200} />
        <TextField name="event" label={t('groups.form.event')} value={values.event} error={errors.event} maxlength={100} />
        <Select
          name="participantsFrom"
          label={t('groups.form.from')}
          value={values.participantsFrom ?? ''}
          error={errors.participantsFrom}
          options={[
            { value: '', label: t('groups.form.fromPasted') },
            { value: 'going', label: t('groups.form.fromGoing') },
            { value: 'checked_in', label: t('groups.form.fromCheckedIn') },
          ]}
        />
        <TextArea
          name="people"
          label={t('groups.form.people')}
          hint={t('groups.form.peopleHint')}
          value={values.people}
          error={errors.people}
          rows={12}
        />
        <TextField
          name="groupSize"
          type="number"
          inputmode="numeric"
          label={t('groups.form.groupSize')}
          value={values.groupSize ?? '4'}
          error={errors.groupSize}
          min="2"
        />
        <TextField
          name="rounds"
          type="number"
          inputmode="numeric"
          label={t('groups.form.rounds')}
          value={values.rounds ?? '3'}
          error={errors.rounds}
          min="1"
          max="20"
        />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('groups.form.balance')}</legend>
          <Checkbox
            name="balanceGovernment"
            value="1"
            label={t('groups.form.balanceGovernment')}
            checked={values.balanceGovernment === '1'}
          />
          <Checkbox name="balanceSector" value="1" label={t('groups.form.balanceSector')} checked={values.balanceSector === '1'} />
        </fieldset>
        <TextArea name="keepApart" label={t('groups.form.keepApart')} value={values.keepApart} error={errors.keepApart} rows={3} />
        <TextArea
          name="keepTogether"
          label={t('groups.form.keepTogether')}
          value={values.keepTogether}
          error={errors.keepTogether}
          rows={3}
        />
        <Button>{t('groups.form.submit')}</Button>
      </form>
    </>,
    status,
  );
}

organizePages.get('/organize/groupings', allow('organizer'), async (c) => {
  const t = tr(c);
  const list = await listGroupings(c.var.db, organizerScopes(c.var.viewer));
  return page(
    c,
    { title: t('groups.list.title'), index: false },
    <>
      <h1>{t('groups.list.title')}</h1>
      <p>{t('groups.list.lead')}</p>
      <p>
        <a class="usa-button" href={localePath(c.var.locale, '/organize/groupings/new')}>
          {t('groups.list.new')}
        </a>{' '}
        <a href={localePath(c.var.locale, '/organize/mentorship')}>{t('groups.mentorship.link')}</a>
      </p>
      {list.length === 0 ? (
        <p>{t('groups.list.none')}</p>
      ) : (
        <ul class="usa-list">
          {list.map((g) => (
            <li>
              <a href={localePath(c.var.locale, `/organize/groupings/${g.id}`)}>{g.title}</a> —{' '}
              {t('groups.view.summary', { people: g.participants.filter((p) => !p.absent).length, rounds: g.rounds })}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});

organizePages.get('/organize/groupings/new', allow('organizer'), (c) => newForm(c, {}, {}));

organizePages.post('/organize/groupings', allow('organizer'), async (c) => {
  const values = await form(c);
  const viewer = c.var.viewer!;
  const balance = [values.balanceGovernment === '1' ? 'government' : null, values.balanceSector === '1' ? 'sector' : null].filter(Boolean);
  let people: ParticipantInput[];
  try {
    people = withKeys(parsePeople(values.people ?? ''));
  } catch {
    return newForm(c, values, { people: c.var.t('validation.invalid') }, 422);
  }
  const parsed = groupingInput.safeParse({
    title: values.title ?? '',
    event: values.event?.trim() || undefined,
    participantsFrom: values.participantsFrom || undefined,
    participants: people,
    groupSize: values.groupSize ? Number(values.groupSize) : undefined,
    rounds: Number(values.rounds || 'NaN'),
    constraints: { balance, keepApart: parsePairs(values.keepApart ?? ''), keepTogether: parsePairs(values.keepTogether ?? '') },
  });
  if (!parsed.success) return newForm(c, values, formErrors(c, fieldErrors(parsed.error)), 422);
  try {
    const g = await createGrouping(c.var.db, parsed.data, {
      chapter: organizerScopes(viewer)?.[0] ?? null,
      by: viewer.id,
      authorize: (target) => assertManageGrouping(viewer, target),
    });
    return c.redirect(localePath(c.var.locale, `/organize/groupings/${g.id}`), 303);
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return newForm(c, values, formErrors(c, appErrorFields(err)), 422);
    throw err;
  }
});

async function managed(c: Ctx): Promise<GroupingRow> {
  const g = await getGrouping(c.var.db, c.req.param('id') ?? '');
  assertManageGrouping(c.var.viewer, g);
  return g;
}

async function viewPage(
  c: Ctx,
  g: GroupingRow,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
  status: 200 | 422 = 200,
) {
  const t = tr(c);
  const l = c.var.locale;
  const sheet = localePath(l, `/groupings/sheet/${await sheetToken(c.var.deps.secret, g.id)}`);
  return page(
    c,
    { title: g.title, index: false },
    <>
      <h1>{g.title}</h1>
      <PlanSummary c={c} g={g} />
      <ul class="usa-list">
        <li>
          <a href={sheet}>{t('groups.view.print')}</a>
        </li>
        <li>
          <a href={localePath(l, `/organize/groupings/${g.id}/projector`)}>{t('groups.view.projector')}</a>
        </li>
        <li>
          <a href={localePath(l, `/organize/groupings/${g.id}/groupings.csv`)}>{t('groups.view.csv')}</a>
        </li>
      </ul>
      {g.plan.map((_, r) => (
        <section aria-labelledby={`round-${r + 1}`}>
          <h2 id={`round-${r + 1}`}>
            {t('groups.view.round', { round: r + 1 })}
            {r < g.heldRounds ? ` (${t('groups.view.held')})` : ''}
          </h2>
          <RoundTables c={c} g={g} round={r} />
        </section>
      ))}
      {g.heldRounds + 1 < g.rounds || g.heldRounds === 0 ? (
        <section aria-labelledby="rebalance">
          <h2 id="rebalance">{t('groups.rebalance.title')}</h2>
          <ErrorSummary errors={errors} t={c.var.t} />
          <form method="post" action={localePath(l, `/organize/groupings/${g.id}/rebalance`)} class="usa-form" novalidate>
            <Csrf token={c.var.csrfToken} />
            <TextField
              name="fromRound"
              type="number"
              inputmode="numeric"
              label={t('groups.rebalance.fromRound')}
              value={values.fromRound ?? String(Math.max(2, g.heldRounds + 1))}
              error={errors.fromRound}
              min="2"
              max={String(g.rounds)}
            />
            <TextArea name="absent" label={t('groups.rebalance.absent')} value={values.absent} error={errors.absent} rows={3} />
            <TextArea
              name="arrived"
              label={t('groups.rebalance.arrived')}
              hint={t('groups.form.peopleHint')}
              value={values.arrived}
              error={errors.arrived}
              rows={3}
            />
            <Button>{t('groups.rebalance.submit')}</Button>
          </form>
        </section>
      ) : null}
    </>,
    status,
  );
}

organizePages.get('/organize/groupings/:id', allow('organizer'), async (c) => viewPage(c, await managed(c)));

organizePages.post('/organize/groupings/:id/rebalance', allow('organizer'), async (c) => {
  const g = await managed(c);
  const values = await form(c);
  let arrived: ParticipantInput[];
  try {
    arrived = withKeys(parsePeople(values.arrived ?? ''));
  } catch {
    return viewPage(c, g, values, { arrived: c.var.t('validation.invalid') }, 422);
  }
  const parsed = rebalanceInput.safeParse({
    fromRound: Number(values.fromRound || 'NaN'),
    absent: (values.absent ?? '')
      .split(/\r?\n/)
      .map((x) => x.trim())
      .filter(Boolean),
    arrived,
  });
  if (!parsed.success) return viewPage(c, g, values, formErrors(c, fieldErrors(parsed.error)), 422);
  try {
    await rebalanceGrouping(c.var.db, g, parsed.data);
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return viewPage(c, g, values, formErrors(c, appErrorFields(err)), 422);
    throw err;
  }
  return c.redirect(localePath(c.var.locale, `/organize/groupings/${g.id}`), 303);
});

organizePages.get('/organize/groupings/:id/groupings.csv', allow('organizer'), async (c) => {
  const g = await managed(c);
  const t = tr(c);
  const rows = g.plan.flatMap((round, r) =>
    round.flatMap((members, table) =>
      members.map((i) => {
        const p = g.participants[i];
        return [r + 1, table + 1, p.name, p.email ?? '', p.id ?? '', p.facilitator ? t('groups.yes') : ''];
      }),
    ),
  );
  const csv = toCsv(
    [
      t('groups.csv.round'),
      t('groups.csv.table'),
      t('groups.csv.name'),
      t('groups.csv.email'),
      t('groups.csv.id'),
      t('groups.csv.facilitator'),
    ],
    rows,
  );
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="groupings.csv"',
    'Cache-Control': 'no-store',
  });
});

organizePages.get('/organize/groupings/:id/projector', allow('organizer'), async (c) => {
  const g = await managed(c);
  const t = tr(c);
  const l = c.var.locale;
  const asked = Number(c.req.query('round') ?? '');
  const r = Number.isInteger(asked) && asked >= 1 && asked <= g.rounds ? asked - 1 : Math.min(g.heldRounds, g.rounds - 1);
  const link = (n: number) => localePath(l, `/organize/groupings/${g.id}/projector?round=${n}`);
  return page(
    c,
    { title: t('groups.projector.title', { round: r + 1 }), index: false },
    <div class="pw-projector">
      <h1>{t('groups.projector.title', { round: r + 1 })}</h1>
      <RoundTables c={c} g={g} round={r} large heading="h2" />
      <p>
        {r > 0 && <a href={link(r)}>{t('groups.projector.previous')}</a>}{' '}
        {r + 1 < g.rounds && <a href={link(r + 2)}>{t('groups.projector.next')}</a>}
      </p>
    </div>,
  );
});
