import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { AppError } from '../../../platform/http/errors';
import { parseFormBody } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { Button, Checkbox, Csrf, ErrorSummary, Select, TextField } from '../../../platform/ui/components';
import { Pair, pickText, utcToZoned } from '../../events';
import { programsMessages, tr } from '../messages';
import { SESSION_KINDS, type Program, type Session } from '../schema';
import { When } from '../views/when';
import { PageTop } from '../views/notices';
import { ProgramNav } from '../views/nav';
import { postedWithTags, TagBoxes } from '../views/tag-boxes';
import { managedProgram } from './organize';
import {
  changeSession,
  createSession,
  getSession,
  listSessions,
  listTeams,
  markAttendance,
  sessionAttendees,
  sessionChangeInput,
  sessionInput,
} from '../service';

/**
 * Organizers: the program's sessions, a form for a new one, each one's edit page (every change sends the
 * invite again with a higher SEQUENCE; cancelling sends METHOD:CANCEL) and who was there, with checkboxes.
 */
export const sessionPages = new Hono<AppEnv>();

type V = Record<string, string>;
const anchor = (errors: V): V =>
  Object.fromEntries(Object.entries(errors).map(([k, m]) => [k === 'title' ? 'title.en' : k.startsWith('tags') ? 'tags' : k, m]));

/** The fields of a session: kind, title in both languages, times in the program's zone, link, tags. */
function SessionFields(props: { c: Ctx; p: Program; v: V; tags: string[]; errors: V }) {
  const { c, p, v, errors } = props;
  const t = tr(c);
  return (
    <>
      <Select
        name="kind"
        label={t('programs.progress.kind')}
        value={v.kind ?? 'weekly'}
        error={errors.kind}
        options={SESSION_KINDS.map((k) => ({ value: k, label: t(`programs.sessionKind.${k}`) }))}
      />
      <Pair c={c} name="title" label={t('programs.form.title')} v={v} errors={errors} max={200} />
      <TextField name="startsAt" type="datetime-local" label={t('programs.slots.startsAt')} value={v.startsAt} error={errors.startsAt} />
      <TextField name="endsAt" type="datetime-local" label={t('programs.slots.endsAt')} value={v.endsAt} error={errors.endsAt} />
      <TextField name="link" type="url" label={t('programs.slots.link')} value={v.link} error={errors.link} />
      <TagBoxes c={c} p={p} checked={props.tags} error={errors.tags} />
    </>
  );
}

const sessionBody = (v: V, tags: string[]) => ({
  kind: v.kind,
  title: { en: v['title.en'], es: v['title.es'] },
  startsAt: v.startsAt ?? '',
  endsAt: v.endsAt ?? '',
  link: v.link,
  tags,
});

/** Field errors of a refused session: from the schema, or from the service's own checks (times, tags). */
function refusal(c: Ctx, err: unknown): V | null {
  if (err instanceof z.ZodError) return anchor(errorMessages(c, err, programsMessages));
  if (err instanceof AppError && err.fields) return anchor(errorMessages(c, err.fields, programsMessages));
  return null;
}

async function listPage(c: Ctx, p: Program, state: { v?: V; tags?: string[]; errors?: V; notice?: string } = {}, status: 200 | 422 = 200) {
  const t = tr(c);
  const l = c.var.locale;
  const sessions = await listSessions(c.var.db, p.id);
  const title = t('programs.sessions.title', { program: pickText(p.title, l) });
  const errors = state.errors ?? {};
  return page(
    c,
    { title, index: false, scripts: ['events.js'] },
    <>
      <PageTop title={title} notice={state.notice} />
      <ProgramNav c={c} p={p} />
      <DataTable
        caption={t('programs.team.sessions')}
        captionHidden
        rows={sessions}
        empty={t('programs.team.noSessions')}
        columns={[
          {
            label: t('programs.sessions.session'),
            rowHeader: true,
            cell: (s) =>
              s.cancelledAt ? (
                pickText(s.title, l)
              ) : (
                <a href={localePath(l, `/programs/${p.slug}/sessions/${s.id}/edit`)}>{pickText(s.title, l)}</a>
              ),
          },
          { label: t('programs.progress.kind'), cell: (s) => t(`programs.sessionKind.${s.kind}`) },
          { label: t('programs.slots.when'), cell: (s) => <When c={c} date={s.startsAt} timeZone={p.timeZone} /> },
          {
            label: t('programs.sessions.attendance'),
            cell: (s) =>
              s.cancelledAt ? (
                t('programs.team.sessionCancelled')
              ) : (
                <a href={localePath(l, `/programs/${p.slug}/sessions/${s.id}/attendance`)}>{t('programs.sessions.mark')}</a>
              ),
          },
        ]}
      />
      <h2>{t('programs.sessions.new')}</h2>
      <p>{t('programs.sessions.newLead', { zone: p.timeZone })}</p>
      <form method="post" action={localePath(l, `/programs/${p.slug}/sessions`)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <ErrorSummary errors={errors} t={c.var.t} />
        <SessionFields c={c} p={p} v={state.v ?? {}} tags={state.tags ?? []} errors={errors} />
        <Button>{t('programs.sessions.create')}</Button>
      </form>
    </>,
    status,
  );
}

sessionPages.get('/programs/:slug/sessions', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const done = c.req.query('done');
  const t = tr(c);
  const notice = done === 'created' ? t('programs.sessions.created') : done === 'cancelled' ? t('programs.sessions.cancelled') : undefined;
  return listPage(c, p, { notice });
});

sessionPages.post('/programs/:slug/sessions', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const { v, tags } = postedWithTags(await parseFormBody(c));
  try {
    await createSession(c.var.db, p, sessionInput.parse(sessionBody(v, tags)));
  } catch (err) {
    const errors = refusal(c, err);
    if (errors) return listPage(c, p, { v, tags, errors }, 422);
    throw err;
  }
  return c.redirect(`${localePath(c.var.locale, `/programs/${p.slug}/sessions`)}?done=created`, 303);
});

async function editPage(
  c: Ctx,
  p: Program,
  s: Session,
  state: { v?: V; tags?: string[]; errors?: V; notice?: string; error?: string } = {},
  status: 200 | 409 | 422 = 200,
) {
  const t = tr(c);
  const l = c.var.locale;
  const here = localePath(l, `/programs/${p.slug}/sessions/${s.id}`);
  const v: V = state.v ?? {
    kind: s.kind,
    'title.en': s.title.en ?? '',
    'title.es': s.title.es ?? '',
    startsAt: utcToZoned(s.startsAt, p.timeZone),
    endsAt: utcToZoned(s.endsAt, p.timeZone),
    link: s.link ?? '',
  };
  const errors = state.errors ?? {};
  const title = t('programs.sessions.editTitle', { session: pickText(s.title, l) });
  return page(
    c,
    { title, index: false, scripts: ['events.js'] },
    <>
      <PageTop title={title} notice={state.notice} error={state.error} />
      <ProgramNav c={c} p={p} />
      {s.cancelledAt ? (
        <p>{t('programs.team.sessionCancelled')}</p>
      ) : (
        <>
          <p>{t('programs.sessions.editLead')}</p>
          <form method="post" action={`${here}/edit`} class="usa-form usa-form--large" novalidate>
            <Csrf token={c.var.csrfToken} />
            <ErrorSummary errors={errors} t={c.var.t} />
            <SessionFields c={c} p={p} v={v} tags={state.tags ?? s.tags} errors={errors} />
            <Button>{t('programs.sessions.saveChanges')}</Button>
          </form>
          <h2>{t('programs.sessions.cancelTitle')}</h2>
          <p>{t('programs.sessions.cancelLead')}</p>
          <form method="post" action={`${here}/cancel`}>
            <Csrf token={c.var.csrfToken} />
            <Button variant="secondary">{t('programs.sessions.cancel')}</Button>
          </form>
        </>
      )}
    </>,
    status,
  );
}

sessionPages.get('/programs/:slug/sessions/:id/edit', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const s = await getSession(c.var.db, p.id, c.req.param('id'));
  return editPage(c, p, s, { notice: c.req.query('done') === 'saved' ? tr(c)('programs.sessions.changed') : undefined });
});

sessionPages.post('/programs/:slug/sessions/:id/edit', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const s = await getSession(c.var.db, p.id, c.req.param('id'));
  const { v, tags } = postedWithTags(await parseFormBody(c));
  try {
    await changeSession(c.var.db, p, s, sessionChangeInput.parse(sessionBody(v, tags)));
  } catch (err) {
    const errors = refusal(c, err);
    if (errors) return editPage(c, p, s, { v, tags, errors }, 422);
    if (err instanceof AppError && err.status === 409)
      return editPage(c, p, s, { error: translateKey(c, err.messageKey, undefined, programsMessages) }, 409);
    throw err;
  }
  return c.redirect(`${localePath(c.var.locale, `/programs/${p.slug}/sessions/${s.id}/edit`)}?done=saved`, 303);
});

sessionPages.post('/programs/:slug/sessions/:id/cancel', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const s = await getSession(c.var.db, p.id, c.req.param('id'));
  // Cancelling twice (a double click) finds it cancelled already: the list says so either way.
  if (!s.cancelledAt) {
    try {
      await changeSession(c.var.db, p, s, { cancelled: true });
    } catch (err) {
      if (!(err instanceof AppError && err.status === 409)) throw err;
    }
  }
  return c.redirect(`${localePath(c.var.locale, `/programs/${p.slug}/sessions`)}?done=cancelled`, 303);
});

sessionPages.get('/programs/:slug/sessions/:id/attendance', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const s = await getSession(c.var.db, p.id, c.req.param('id'));
  const t = tr(c);
  const l = c.var.locale;
  const [{ list: teams }, present] = await Promise.all([
    listTeams(c.var.db, p.id, { limit: 200, offset: 0 }),
    sessionAttendees(c.var.db, s.id),
  ]);
  const title = t('programs.sessions.attendanceTitle', { session: pickText(s.title, l) });
  return page(
    c,
    { title, index: false, scripts: ['events.js'] },
    <>
      <PageTop title={title} notice={c.req.query('done') === 'saved' ? t('programs.sessions.saved') : undefined} />
      <p>
        <When c={c} date={s.startsAt} timeZone={p.timeZone} />
      </p>
      <form method="post" action={localePath(l, `/programs/${p.slug}/sessions/${s.id}/attendance`)} class="usa-form usa-form--large">
        <Csrf token={c.var.csrfToken} />
        {teams.map((team) => (
          <fieldset class="usa-fieldset">
            <legend class="usa-legend">{team.name}</legend>
            {team.members.map((m) => (
              <>
                <input type="hidden" name="member" value={m.id} />
                <Checkbox name="present" value={m.id} id={`present-${m.id}`} label={m.name} checked={present.has(m.id)} />
              </>
            ))}
          </fieldset>
        ))}
        {teams.length > 0 && <Button>{t('programs.sessions.save')}</Button>}
        {teams.length === 0 && <p>{t('programs.worksheets.noTeams')}</p>}
      </form>
    </>,
  );
});

sessionPages.post('/programs/:slug/sessions/:id/attendance', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const s = await getSession(c.var.db, p.id, c.req.param('id'));
  const body = await parseFormBody(c);
  const list = (name: string) => [body[name]].flat().filter((x): x is string => typeof x === 'string');
  const present = new Set(list('present'));
  // Ids that are not members of this program's teams are refused by markAttendance (422), nothing saved.
  const members = [...new Set(list('member'))].slice(0, 500);
  if (members.length)
    await markAttendance(
      c.var.db,
      p,
      s,
      members.map((id) => ({ id, attended: present.has(id) })),
    );
  return c.redirect(`${localePath(c.var.locale, `/programs/${p.slug}/sessions/${s.id}/attendance`)}?done=saved`, 303);
});
