import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { DataTable } from '../../../platform/ui/data-table';
import { form } from '../../../platform/http/request';
import { parseNestedForm } from '../../../platform/http/form';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { AppError } from '../../../platform/http/errors';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { z } from 'zod';
import { assertOrganize, chapterOf } from '../permissions';
import {
  addRoom,
  addTrack,
  copyConference,
  copyInput,
  conferenceInput,
  conferencePatch,
  updateConference,
  createConference,
  createSession,
  getConference,
  getSession,
  sessionToInput,
  updateSession,
  loadSchedule,
  roomInput,
  sessionInput,
  trackInput,
  type ConferenceView,
} from '../service';
import { textIn } from '../lib/schedule-export';
import { ACCESS_KEYS, clock, confPath, Problems } from '../views/shared';
import { SESSION_TYPES, type Session } from '../schema';
import { utcToZoned } from '../../../platform/time';
import type { ScheduleData } from '../lib/schedule-export';
import { conferencesMessages, tr } from '../messages';

export const managePages = new Hono<AppEnv>();

/** The call, voting and application settings, from the manage page (an unticked box is "no"). */
const callSettings = conferencePatch
  .pick({ cfpOpensAt: true, cfpClosesAt: true, votesPerMember: true })
  .extend({ requiresApplication: conferencePatch.shape.requiresApplication.default(false) });

export async function managed(c: Ctx): Promise<ConferenceView> {
  const v = await getConference(c.var.db, c.req.param('slug') ?? '');
  assertOrganize(c.var.viewer, v.event);
  return v;
}

type Part = 'track' | 'room' | 'session' | 'copy' | 'call';
interface State {
  part?: Part;
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: string;
  status?: 200 | 409 | 422;
}

const str = (v: unknown) => (v == null ? undefined : String(v));

/** The session form, for adding one and for changing one: the same fields, the same schema. */
function SessionForm(props: {
  c: Ctx;
  d: ScheduleData;
  action: string;
  submit: string;
  values: Record<string, unknown>;
  errors: Record<string, string>;
}) {
  const { c, d, errors } = props;
  const t = tr(c);
  const loc = c.var.locale;
  const sv = props.values as Record<string, unknown> & { speakers?: { name?: string; organization?: string }[] };
  return (
    <form method="post" action={props.action} class="usa-form usa-form--large" novalidate>
      <Csrf token={c.var.csrfToken} />
      <TextField name="title" label={t('conferences.manage.titleEn')} value={str(sv.title)} error={errors.title} idPrefix="s-" />
      <TextField name="titleEs" label={t('conferences.manage.titleEs')} value={str(sv.titleEs)} error={errors.titleEs} idPrefix="s-" />
      <TextArea
        name="abstract"
        label={t('conferences.manage.abstract')}
        value={str(sv.abstract)}
        error={errors.abstract}
        idPrefix="s-"
        rows={3}
      />
      <TextArea
        name="abstractEs"
        label={t('conferences.manage.abstractEs')}
        value={str(sv.abstractEs)}
        error={errors.abstractEs}
        idPrefix="s-"
        rows={3}
      />
      <Select
        name="type"
        label={t('conferences.session.type')}
        value={str(sv.type) ?? 'talk'}
        error={errors.type}
        idPrefix="s-"
        options={SESSION_TYPES.map((x) => ({ value: x, label: t(`conferences.type.${x}`) }))}
      />
      <Select
        name="language"
        label={t('conferences.session.language')}
        value={str(sv.language) ?? loc}
        error={errors.language}
        idPrefix="s-"
        options={(['en', 'es'] as const).map((x) => ({ value: x, label: t(`conferences.language.${x}`) }))}
      />
      <Select
        name="trackId"
        label={t('conferences.session.track')}
        blank="—"
        value={str(sv.trackId)}
        error={errors.trackId}
        idPrefix="s-"
        options={d.tracks.map((x) => ({ value: x.id, label: textIn(x.name, loc) }))}
      />
      <Select
        name="roomId"
        label={t('conferences.session.room')}
        blank=""
        value={str(sv.roomId)}
        error={errors.roomId}
        idPrefix="s-"
        options={d.rooms.map((x) => ({ value: x.id, label: `${x.name} (${x.capacity})` }))}
      />
      <TextField
        name="startsAt"
        type="datetime-local"
        label={t('conferences.manage.startsAt')}
        value={str(sv.startsAt)}
        error={errors.startsAt}
        idPrefix="s-"
      />
      <TextField
        name="endsAt"
        type="datetime-local"
        label={t('conferences.manage.endsAt')}
        value={str(sv.endsAt)}
        error={errors.endsAt}
        idPrefix="s-"
      />
      <TextField
        name="capacity"
        type="number"
        inputmode="numeric"
        label={t('conferences.manage.seats')}
        value={str(sv.capacity)}
        error={errors.capacity}
        idPrefix="s-"
      />
      {[0, 1].map((i) => (
        <>
          <TextField
            name={`speakers.${i}.name`}
            label={`${t('conferences.manage.speaker')} ${i + 1}`}
            value={sv.speakers?.[i]?.name}
            error={errors[`speakers.${i}.name`] ?? (i === 0 ? errors.speakers : undefined)}
          />
          <TextField
            name={`speakers.${i}.organization`}
            label={`${t('conferences.manage.organization')} ${i + 1}`}
            value={sv.speakers?.[i]?.organization}
            error={errors[`speakers.${i}.organization`]}
          />
        </>
      ))}
      <Button>{props.submit}</Button>
    </form>
  );
}

interface PartFormProps {
  c: Ctx;
  action: string;
  submit: string;
  values: Record<string, unknown>;
  errors: Record<string, string>;
}

/** A room's fields, for adding one and for changing one. */
export function RoomForm({ c, action, submit, values, errors }: PartFormProps) {
  const t = tr(c);
  const access = (values.accessibility ?? {}) as Record<string, unknown>;
  return (
    <form method="post" action={action} class="usa-form" novalidate>
      <Csrf token={c.var.csrfToken} />
      <TextField name="name" label={t('conferences.manage.name')} value={str(values.name)} error={errors.name} idPrefix="r-" />
      <TextField
        name="capacity"
        type="number"
        inputmode="numeric"
        label={t('conferences.manage.capacity')}
        value={str(values.capacity)}
        error={errors.capacity}
        idPrefix="r-"
      />
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">{t('conferences.session.roomAccess')}</legend>
        {ACCESS_KEYS.map((k) => (
          <Checkbox
            name={`accessibility.${k}`}
            id={`r-access-${k}`}
            label={t(`conferences.access.${k}`)}
            checked={access[k] === 'on' || access[k] === true}
          />
        ))}
      </fieldset>
      <Button>{submit}</Button>
    </form>
  );
}

/** A track's fields, for adding one and for changing one. */
export function TrackForm({ c, action, submit, values, errors }: PartFormProps) {
  const t = tr(c);
  return (
    <form method="post" action={action} class="usa-form" novalidate>
      <Csrf token={c.var.csrfToken} />
      <TextField name="name" label={t('conferences.manage.name')} value={str(values.name)} error={errors.name} idPrefix="t-" />
      <TextField name="nameEs" label={t('conferences.manage.nameEs')} value={str(values.nameEs)} error={errors.nameEs} idPrefix="t-" />
      <TextField name="color" label={t('conferences.manage.color')} value={str(values.color)} error={errors.color} idPrefix="t-" />
      <Button>{submit}</Button>
    </form>
  );
}

/** Edit and delete links for one row of a manage table, each named for the row it acts on. */
function RowActions(props: { c: Ctx; base: string; name: string }) {
  const t = tr(props.c);
  return (
    <ul class="usa-list usa-list--unstyled">
      <li>
        <a href={props.base} aria-label={`${t('conferences.manage.edit')}: ${props.name}`}>
          {t('conferences.manage.edit')}
        </a>
      </li>
      <li>
        <a href={`${props.base}/delete`} aria-label={`${t('conferences.manage.delete')}: ${props.name}`}>
          {t('conferences.manage.delete')}
        </a>
      </li>
    </ul>
  );
}

export async function managePage(c: Ctx, v: ConferenceView, st: State = {}) {
  const t = tr(c);
  const loc = c.var.locale;
  const d = await loadSchedule(c.var.db, v);
  const title = textIn(v.event.title, loc);
  const tz = v.event.timeZone;
  const mine = (p: Part) => (st.part === p ? { values: st.values ?? {}, errors: st.errors ?? {} } : { values: {}, errors: {} });
  const tr_ = mine('track');
  const rm = mine('room');
  const se = mine('session');
  const cp = mine('copy');
  const cl = mine('call');
  const conf = v.conference;
  const local = (d: Date | null) => (d ? utcToZoned(d, tz) : '');
  const callValues: Record<string, unknown> =
    st.part === 'call'
      ? cl.values
      : {
          cfpOpensAt: local(conf.cfpOpensAt),
          cfpClosesAt: local(conf.cfpClosesAt),
          votesPerMember: String(conf.votesPerMember),
          requiresApplication: conf.requiresApplication,
        };
  return page(
    c,
    { title: t('conferences.manage.title', { title }), index: false },
    <>
      <h1>{t('conferences.manage.title', { title })}</h1>
      {st.notice && <Alert type="success">{st.notice}</Alert>}
      <Problems errors={st.errors ?? {}} t={c.var.t} />
      <p>
        <a href={confPath(c, v.event, '/schedule')}>{t('conferences.schedule.title', { title })}</a>
      </p>

      <h2>{t('conferences.call.heading')}</h2>
      <ul>
        <li>
          <a href={confPath(c, v.event, '/review')}>{t('conferences.review.title', { title })}</a>
        </li>
        <li>
          <a href={confPath(c, v.event, '/manage/ranking')}>{t('conferences.ranking.title', { title })}</a>
        </li>
        <li>
          <a href={confPath(c, v.event, '/manage/applications')}>{t('conferences.applications.title', { title })}</a>
        </li>
        <li>
          <a href={confPath(c, v.event, '/propose')}>{t('conferences.cfp.title', { title })}</a>
        </li>
        <li>
          <a href={confPath(c, v.event, '/topics')}>{t('conferences.topics.title', { title })}</a>
        </li>
        <li>
          <a href={confPath(c, v.event, '/apply')}>{t('conferences.apply.title', { title })}</a>
        </li>
      </ul>
      <form method="post" action={confPath(c, v.event, '/manage/call')} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="cfpOpensAt"
          type="datetime-local"
          label={t('conferences.call.opens')}
          value={str(callValues.cfpOpensAt)}
          error={cl.errors.cfpOpensAt}
          idPrefix="call-"
        />
        <TextField
          name="cfpClosesAt"
          type="datetime-local"
          label={t('conferences.call.closes')}
          value={str(callValues.cfpClosesAt)}
          error={cl.errors.cfpClosesAt}
          idPrefix="call-"
        />
        <TextField
          name="votesPerMember"
          type="number"
          label={t('conferences.call.votes')}
          value={str(callValues.votesPerMember)}
          error={cl.errors.votesPerMember}
          idPrefix="call-"
        />
        <Checkbox
          name="requiresApplication"
          label={t('conferences.call.requiresApplication')}
          checked={callValues.requiresApplication === true || callValues.requiresApplication === 'on'}
          id="call-requiresApplication"
        />
        <Button>{t('conferences.call.save')}</Button>
      </form>

      <h2>{t('conferences.manage.sessions')}</h2>
      <DataTable
        caption={t('conferences.manage.sessions')}
        captionHidden
        rows={d.sessions}
        empty={t('conferences.manage.none')}
        columns={[
          { label: t('conferences.manage.time'), cell: (s) => `${formatDateTime(loc, s.startsAt, tz)}–${clock(loc, s.endsAt, tz)}` },
          {
            label: t('conferences.manage.titleEn'),
            rowHeader: true,
            cell: (s) => <a href={confPath(c, v.event, `/sessions/${s.code}`)}>{textIn(s.title, loc)}</a>,
          },
          { label: t('conferences.session.room'), cell: (s) => d.rooms.find((r) => r.id === s.roomId)?.name ?? '—' },
          { label: t('conferences.session.type'), cell: (s) => t(`conferences.type.${s.type}`) },
          {
            label: t('conferences.manage.signups'),
            numeric: true,
            cell: (s) => (s.capacity == null ? '—' : `${s.seatsTaken} / ${s.capacity}`),
          },
          {
            label: t('conferences.manage.actions'),
            labelHidden: true,
            cell: (s) => <RowActions c={c} base={confPath(c, v.event, `/manage/sessions/${s.code}`)} name={textIn(s.title, loc)} />,
          },
        ]}
      />

      <h3>{t('conferences.manage.addSession')}</h3>
      <SessionForm
        c={c}
        d={d}
        action={confPath(c, v.event, '/manage/sessions')}
        submit={t('conferences.manage.addSession')}
        values={se.values}
        errors={se.errors}
      />

      <h2>{t('conferences.manage.rooms')}</h2>
      <DataTable
        caption={t('conferences.manage.rooms')}
        captionHidden
        rows={d.rooms}
        empty={t('conferences.manage.none')}
        columns={[
          { label: t('conferences.manage.name'), rowHeader: true, cell: (r) => r.name },
          { label: t('conferences.manage.capacity'), numeric: true, cell: (r) => String(r.capacity) },
          {
            label: t('conferences.session.roomAccess'),
            cell: (r) =>
              ACCESS_KEYS.filter((k) => r.accessibility[k])
                .map((k) => t(`conferences.access.${k}`))
                .join(', ') || '—',
          },
          {
            label: t('conferences.manage.actions'),
            labelHidden: true,
            cell: (r) => <RowActions c={c} base={confPath(c, v.event, `/manage/rooms/${r.id}`)} name={r.name} />,
          },
        ]}
      />
      <h3>{t('conferences.manage.addRoom')}</h3>
      <RoomForm
        c={c}
        action={confPath(c, v.event, '/manage/rooms')}
        submit={t('conferences.manage.addRoom')}
        values={rm.values}
        errors={rm.errors}
      />

      <h2>{t('conferences.manage.tracks')}</h2>
      <DataTable
        caption={t('conferences.manage.tracks')}
        captionHidden
        rows={d.tracks}
        empty={t('conferences.manage.none')}
        columns={[
          { label: t('conferences.manage.name'), rowHeader: true, cell: (x) => x.name.en ?? '' },
          { label: t('conferences.manage.nameEs'), cell: (x) => x.name.es ?? '—' },
          { label: t('conferences.manage.color'), cell: (x) => x.color ?? '—' },
          {
            label: t('conferences.manage.actions'),
            labelHidden: true,
            cell: (x) => <RowActions c={c} base={confPath(c, v.event, `/manage/tracks/${x.id}`)} name={textIn(x.name, loc)} />,
          },
        ]}
      />
      <h3>{t('conferences.manage.addTrack')}</h3>
      <TrackForm
        c={c}
        action={confPath(c, v.event, '/manage/tracks')}
        submit={t('conferences.manage.addTrack')}
        values={tr_.values}
        errors={tr_.errors}
      />

      <h2>{t('conferences.manage.copy')}</h2>
      <p>{t('conferences.manage.copyLead')}</p>
      <form method="post" action={confPath(c, v.event, '/manage/copy')} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="title"
          label={t('conferences.manage.newTitle')}
          value={str(cp.values.title)}
          error={cp.errors.title}
          idPrefix="c-"
        />
        <TextField
          name="acronym"
          label={t('conferences.manage.newAcronym')}
          value={str(cp.values.acronym)}
          error={cp.errors.acronym}
          idPrefix="c-"
        />
        <TextField
          name="firstDay"
          type="date"
          label={t('conferences.manage.newStart')}
          value={str(cp.values.firstDay)}
          error={cp.errors.firstDay}
          idPrefix="c-"
        />
        <Button>{t('conferences.manage.copy')}</Button>
      </form>
    </>,
    st.status ?? 200,
  );
}

/** What the last change did, said once on the page it came back to. */
function noticeOf(c: Ctx): string | undefined {
  const t = tr(c);
  const released = Number(c.req.query('released'));
  if (c.req.query('released') && Number.isInteger(released) && released >= 0)
    return t('conferences.manage.deletedSession', { count: released });
  if (c.req.query('deleted')) return t('conferences.manage.deleted');
  return c.req.query('saved') ? t('conferences.manage.saved') : undefined;
}

managePages.get('/conferences/:slug/manage', allow('organizer'), async (c) => managePage(c, await managed(c), { notice: noticeOf(c) }));

/** The form as nested values; blank speaker slots are not speakers. */
export async function formValues(c: Ctx): Promise<Record<string, unknown>> {
  const values = parseNestedForm(await form(c));
  if (Array.isArray(values.speakers)) values.speakers = (values.speakers as { name?: string }[]).filter((x) => x?.name?.trim());
  return values;
}

/** A service's refusal as messages next to its fields (or above the form when it names none). */
export function refusal(c: Ctx, err: AppError): Record<string, string> {
  const errors = Object.fromEntries(Object.entries(err.fields).map(([f, k]) => [f, translateKey(c, k, err.values, conferencesMessages)]));
  if (!Object.keys(errors).length) errors._form = translateKey(c, err.messageKey, err.values, conferencesMessages);
  return errors;
}

/** Saves one part of the programme from its form; a refusal shows next to the fields, with what was typed. */
function handle<S extends z.ZodType>(
  part: Part,
  schema: S,
  save: (c: Ctx, v: ConferenceView, input: z.output<S>) => Promise<string | void>,
) {
  return async (c: Ctx) => {
    const v = await managed(c);
    const values = await formValues(c);
    const parsed = schema.safeParse(values);
    if (!parsed.success)
      return managePage(c, v, { part, values, errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
    try {
      const to = await save(c, v, parsed.data);
      return c.redirect(to ?? confPath(c, v.event, '/manage?saved=1'), 303);
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422))
        return managePage(c, v, { part, values, errors: refusal(c, err), status: err.status === 409 ? 409 : 422 });
      if (err instanceof z.ZodError)
        return managePage(c, v, { part, values, errors: errorMessages(c, err, conferencesMessages), status: 422 });
      throw err;
    }
  };
}

managePages.post(
  '/conferences/:slug/manage/tracks',
  allow('organizer'),
  handle('track', trackInput, async (c, v, input) => void (await addTrack(c.var.db, v.event.id, input))),
);
managePages.post(
  '/conferences/:slug/manage/rooms',
  allow('organizer'),
  handle('room', roomInput, async (c, v, input) => void (await addRoom(c.var.db, v.event.id, input))),
);
managePages.post(
  '/conferences/:slug/manage/sessions',
  allow('organizer'),
  handle('session', sessionInput, async (c, v, input) => void (await createSession(c.var.db, v.event, input))),
);
managePages.post(
  '/conferences/:slug/manage/call',
  allow('organizer'),
  handle('call', callSettings, async (c, v, input) => void (await updateConference(c.var.db, v.event.slug, input))),
);
managePages.post(
  '/conferences/:slug/manage/copy',
  allow('organizer'),
  handle('copy', copyInput, async (c, v, input) => {
    const copy = await copyConference(c.var.db, v, input, c.var.viewer!.id);
    return localePath(c.var.locale, `/conferences/${copy.event.slug}/manage?saved=1`);
  }),
);

async function editPage(
  c: Ctx,
  v: ConferenceView,
  s: Session,
  st: { values?: Record<string, unknown>; errors?: Record<string, string>; status?: 200 | 409 | 422 } = {},
) {
  const t = tr(c);
  const d = await loadSchedule(c.var.db, v);
  const title = textIn(s.title, c.var.locale);
  const errors = st.errors ?? {};
  return page(
    c,
    { title: `${t('conferences.manage.edit')}: ${title}`, index: false },
    <>
      <p>
        <a href={confPath(c, v.event, '/manage')}>{t('conferences.manage.title', { title: textIn(v.event.title, c.var.locale) })}</a>
      </p>
      <h1>
        {t('conferences.manage.edit')}: {title}
      </h1>
      <Problems errors={errors} t={c.var.t} />
      <SessionForm
        c={c}
        d={d}
        action={confPath(c, v.event, `/manage/sessions/${s.code}`)}
        submit={t('conferences.manage.save')}
        values={st.values ?? sessionToInput(s, v.event.timeZone, utcToZoned)}
        errors={errors}
      />
    </>,
    st.status ?? 200,
  );
}

managePages.get('/conferences/:slug/manage/sessions/:code', allow('organizer'), async (c) => {
  const v = await managed(c);
  return editPage(c, v, await getSession(c.var.db, v.event.id, c.req.param('code')));
});

managePages.post('/conferences/:slug/manage/sessions/:code', allow('organizer'), async (c) => {
  const v = await managed(c);
  const s = await getSession(c.var.db, v.event.id, c.req.param('code'));
  const values = await formValues(c);
  const parsed = sessionInput.safeParse(values);
  if (!parsed.success) return editPage(c, v, s, { values, errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
  try {
    await updateSession(c.var.db, v.event, s, parsed.data);
    return c.redirect(confPath(c, v.event, '/manage?saved=1'), 303);
  } catch (err) {
    if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
    return editPage(c, v, s, { values, errors: refusal(c, err), status: err.status === 409 ? 409 : 422 });
  }
});

function newPage(c: Ctx, values: Record<string, unknown> = {}, errors: Record<string, string> = {}, status: 200 | 422 = 200) {
  const t = tr(c);
  const v = (k: string) => (values[k] == null ? undefined : String(values[k]));
  return page(
    c,
    { title: t('conferences.new.title'), index: false },
    <>
      <h1>{t('conferences.new.title')}</h1>
      <p>{t('conferences.new.lead')}</p>
      <ErrorSummary errors={errors} t={c.var.t} />
      <form method="post" action={localePath(c.var.locale, '/conferences/new')} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField name="title" label={t('conferences.manage.titleEn')} value={v('title')} error={errors.title} />
        <TextField name="titleEs" label={t('conferences.manage.titleEs')} value={v('titleEs')} error={errors.titleEs} />
        <TextField
          name="acronym"
          label={t('conferences.new.acronym')}
          hint={t('conferences.error.acronym')}
          value={v('acronym')}
          error={errors.acronym}
        />
        <Select
          name="kind"
          label={t('conferences.new.kind')}
          value={v('kind') ?? 'conference'}
          error={errors.kind}
          options={(['conference', 'symposium'] as const).map((k) => ({ value: k, label: t(`conferences.kind.${k}`) }))}
        />
        <TextField
          name="timeZone"
          label={t('conferences.new.timeZone')}
          value={v('timeZone') ?? 'America/Los_Angeles'}
          error={errors.timeZone}
        />
        <TextField
          name="startsAt"
          type="datetime-local"
          label={t('conferences.new.startsAt')}
          value={v('startsAt')}
          error={errors.startsAt}
        />
        <TextField name="endsAt" type="datetime-local" label={t('conferences.new.endsAt')} value={v('endsAt')} error={errors.endsAt} />
        <TextField
          name="capacity"
          type="number"
          inputmode="numeric"
          label={t('conferences.manage.capacity')}
          value={v('capacity')}
          error={errors.capacity}
        />
        <Button>{t('conferences.new.submit')}</Button>
      </form>
    </>,
    status,
  );
}

managePages.get('/conferences/new', allow('organizer'), (c) => newPage(c));

managePages.post('/conferences/new', allow('organizer'), async (c) => {
  const values = await formValues(c);
  // Made as a draft: the programme comes next, and publishing is the event's own switch.
  const parsed = conferenceInput.safeParse({ ...values, status: 'draft' });
  if (!parsed.success) return newPage(c, values, errorMessages(c, parsed.error, conferencesMessages), 422);
  try {
    const created = await createConference(c.var.db, { ...parsed.data, chapter: chapterOf(c.var.viewer) }, c.var.viewer!.id);
    return c.redirect(localePath(c.var.locale, `/conferences/${created.event.slug}/manage`), 303);
  } catch (err) {
    if (err instanceof z.ZodError) return newPage(c, values, errorMessages(c, err, conferencesMessages), 422);
    if (err instanceof AppError && err.status === 422) return newPage(c, values, refusal(c, err), 422);
    throw err;
  }
});
