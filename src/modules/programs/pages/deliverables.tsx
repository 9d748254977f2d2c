import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { AppError } from '../../../platform/http/errors';
import { parseFormBody } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { Button, Csrf, ErrorSummary, TextField } from '../../../platform/ui/components';
import { Pair, pickText, utcToZoned } from '../../events';
import { programsMessages, tr } from '../messages';
import type { Deliverable, Program } from '../schema';
import { When } from '../views/when';
import { PageTop } from '../views/notices';
import { ProgramNav } from '../views/nav';
import { postedWithTags, TagBoxes } from '../views/tag-boxes';
import { managedProgram } from './organize';
import {
  changeDeliverable,
  createDeliverable,
  deliverableChangeInput,
  deliverableInput,
  deliverableReviewInput,
  deliverableWork,
  getDeliverable,
  getTeam,
  listDeliverables,
  listTeams,
  reviewDeliverable,
} from '../service';

/** Organizers: the deliverables every team hands in, each one's due date and tags, and each team's review. */
export const deliverablePages = new Hono<AppEnv>();

type V = Record<string, string>;
interface State {
  v?: V;
  tags?: string[];
  errors?: V;
  notice?: string;
  error?: string;
}

const anchor = (errors: V): V =>
  Object.fromEntries(Object.entries(errors).map(([k, m]) => [k === 'title' ? 'title.en' : k.startsWith('tags') ? 'tags' : k, m]));
const home = (c: Ctx, p: Program) => localePath(c.var.locale, `/programs/${p.slug}/deliverables`);
const body = (v: V, tags: string[]) => ({ key: v.key ?? '', title: { en: v['title.en'], es: v['title.es'] }, dueAt: v.dueAt ?? '', tags });

/** Title, due date (a day: the end of it in the program's zone) and tags; the key only when new. */
function DeliverableFields(props: { c: Ctx; p: Program; v: V; tags: string[]; errors: V; isNew: boolean }) {
  const { c, v, errors } = props;
  const t = tr(c);
  return (
    <>
      {props.isNew && (
        <TextField
          name="key"
          label={t('programs.deliverables.key')}
          hint={t('programs.deliverables.keyHint')}
          value={v.key}
          error={errors.key}
          maxlength={40}
          spellcheck={false}
        />
      )}
      <Pair c={c} name="title" label={t('programs.form.title')} v={v} errors={errors} max={200} />
      <TextField
        name="dueAt"
        type="date"
        label={t('programs.deliverables.due')}
        hint={t('programs.deliverables.dueHint')}
        value={v.dueAt}
        error={errors.dueAt}
      />
      <TagBoxes c={c} p={props.p} checked={props.tags} error={errors.tags} />
    </>
  );
}

async function listPage(c: Ctx, p: Program, state: State = {}, status: 200 | 422 = 200) {
  const t = tr(c);
  const l = c.var.locale;
  const list = await listDeliverables(c.var.db, p.id);
  const title = t('programs.deliverables.title', { program: pickText(p.title, l) });
  const errors = state.errors ?? {};
  return page(
    c,
    { title, index: false },
    <>
      <PageTop title={title} notice={state.notice} />
      <ProgramNav c={c} p={p} />
      <DataTable
        caption={t('programs.deliverables.caption')}
        rows={list}
        empty={t('programs.progress.noDeliverables')}
        columns={[
          {
            label: t('programs.progress.deliverable'),
            rowHeader: true,
            cell: (d) => <a href={`${home(c, p)}/${encodeURIComponent(d.key)}`}>{pickText(d.title, l)}</a>,
          },
          { label: t('programs.deliverables.due'), cell: (d) => <When c={c} date={d.dueAt} timeZone={p.timeZone} /> },
          { label: t('programs.progress.tags'), cell: (d) => d.tags.join(', ') },
        ]}
      />
      <h2>{t('programs.deliverables.new')}</h2>
      <form method="post" action={home(c, p)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <ErrorSummary errors={errors} t={c.var.t} />
        <DeliverableFields c={c} p={p} v={state.v ?? {}} tags={state.tags ?? []} errors={errors} isNew />
        <Button>{t('programs.deliverables.create')}</Button>
      </form>
    </>,
    status,
  );
}

async function onePage(c: Ctx, p: Program, d: Deliverable, state: State = {}, status: 200 | 409 | 422 = 200) {
  const t = tr(c);
  const l = c.var.locale;
  const [{ list: teams }, work] = await Promise.all([listTeams(c.var.db, p.id, { limit: 200, offset: 0 }), deliverableWork(c.var.db, d)]);
  const here = `${home(c, p)}/${encodeURIComponent(d.key)}`;
  const v: V = state.v ?? {
    'title.en': d.title.en ?? '',
    'title.es': d.title.es ?? '',
    dueAt: utcToZoned(d.dueAt, p.timeZone).slice(0, 10),
  };
  const errors = state.errors ?? {};
  const title = pickText(d.title, l);
  return page(
    c,
    { title, index: false },
    <>
      <PageTop title={title} notice={state.notice} error={state.error} />
      <p>
        <a href={home(c, p)}>{t('programs.deliverables.back')}</a>
      </p>
      <p>
        {t('programs.deliverables.due')}: <When c={c} date={d.dueAt} timeZone={p.timeZone} />
      </p>
      <h2>{t('programs.deliverables.teams')}</h2>
      {teams.length === 0 && <p>{t('programs.worksheets.noTeams')}</p>}
      {teams.map((team) => {
        const w = work.get(team.id);
        return (
          <section aria-labelledby={`team-${team.id}`}>
            <h3 id={`team-${team.id}`}>{team.name}</h3>
            <p>
              {t('programs.organize.status')}: <strong>{t(`programs.deliverable.${w?.status ?? 'not_started'}`)}</strong>
            </p>
            {w && <div class="pw-prose">{w.content}</div>}
            {w && (
              <form method="post" action={`${here}/teams/${team.id}/review`}>
                <Csrf token={c.var.csrfToken} />
                <Button name="status" value="approved">
                  {t('programs.deliverables.approve')}
                </Button>{' '}
                <Button variant="outline" name="status" value="changes_requested">
                  {t('programs.deliverables.requestChanges')}
                </Button>
              </form>
            )}
          </section>
        );
      })}
      <h2>{t('programs.deliverables.change')}</h2>
      <form method="post" action={here} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <ErrorSummary errors={errors} t={c.var.t} />
        <DeliverableFields c={c} p={p} v={v} tags={state.tags ?? d.tags} errors={errors} isNew={false} />
        <Button>{t('programs.sessions.saveChanges')}</Button>
      </form>
    </>,
    status,
  );
}

/** Field errors of a refused form: the schema's, or the service's own (due date, tags, a taken key). */
async function tried(c: Ctx, run: () => Promise<unknown>): Promise<V | null> {
  try {
    await run();
    return null;
  } catch (err) {
    if (err instanceof AppError && err.fields) return anchor(errorMessages(c, err.fields, programsMessages));
    throw err;
  }
}

deliverablePages.get('/programs/:slug/deliverables', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  return listPage(c, p, { notice: c.req.query('done') === 'created' ? tr(c)('programs.deliverables.created') : undefined });
});

deliverablePages.post('/programs/:slug/deliverables', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const { v, tags } = postedWithTags(await parseFormBody(c));
  const parsed = deliverableInput.safeParse(body(v, tags));
  if (!parsed.success) return listPage(c, p, { v, tags, errors: anchor(errorMessages(c, parsed.error, programsMessages)) }, 422);
  const errors = await tried(c, () => createDeliverable(c.var.db, p, parsed.data));
  if (errors) return listPage(c, p, { v, tags, errors }, 422);
  return c.redirect(`${home(c, p)}?done=created`, 303);
});

deliverablePages.get('/programs/:slug/deliverables/:key', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const d = await getDeliverable(c.var.db, p.id, c.req.param('key'));
  const done = c.req.query('done');
  const t = tr(c);
  const notice =
    done === 'saved' ? t('programs.deliverables.saved') : done === 'reviewed' ? t('programs.deliverables.reviewed') : undefined;
  return onePage(c, p, d, { notice });
});

deliverablePages.post('/programs/:slug/deliverables/:key', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const d = await getDeliverable(c.var.db, p.id, c.req.param('key'));
  const { v, tags } = postedWithTags(await parseFormBody(c));
  const parsed = deliverableChangeInput.safeParse(body(v, tags));
  if (!parsed.success) return onePage(c, p, d, { v, tags, errors: anchor(errorMessages(c, parsed.error, programsMessages)) }, 422);
  const errors = await tried(c, () => changeDeliverable(c.var.db, p, d, parsed.data));
  if (errors) return onePage(c, p, d, { v, tags, errors }, 422);
  return c.redirect(`${home(c, p)}/${encodeURIComponent(d.key)}?done=saved`, 303);
});

deliverablePages.post('/programs/:slug/deliverables/:key/teams/:id/review', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const d = await getDeliverable(c.var.db, p.id, c.req.param('key'));
  const team = await getTeam(c.var.db, p.id, c.req.param('id'));
  const parsed = deliverableReviewInput.safeParse({ status: (await parseFormBody(c)).status });
  if (!parsed.success) return onePage(c, p, d, { error: c.var.t('validation.choose') }, 422);
  try {
    await reviewDeliverable(c.var.db, team.id, d, parsed.data.status, c.var.viewer!.id);
  } catch (err) {
    if (err instanceof AppError && err.status === 409)
      return onePage(c, p, d, { error: translateKey(c, err.messageKey, undefined, programsMessages) }, 409);
    throw err;
  }
  return c.redirect(`${home(c, p)}/${encodeURIComponent(d.key)}?done=reviewed`, 303);
});
