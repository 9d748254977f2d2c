import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { dateTimeFormat, formatDateTime, zoneAbbreviation } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, Select, TextArea, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { AppError, notFound } from '../../../platform/http/errors';
import { isTimeZone } from '../../../platform/time';
import { hasRole } from '../../../platform/auth/roles';
import { localePath } from '../../../platform/i18n';
import { keepPublicFile } from '../../../platform/http/page-cache';
import { rsvpRateLimit } from '../../events';
import { canOrganize } from '../permissions';
import {
  agendaFromToken,
  agendaOf,
  agendaToken,
  conflicts,
  exportedSchedule,
  type ExportFormat,
  feedbackInput,
  getConference,
  getSession,
  giveFeedback,
  listConferences,
  loadSchedule,
  signUp,
  signupInput,
  speakerToken,
  star,
  unstar,
  type ConferenceView,
  cfpOpen,
} from '../service';
import { scheduleIcs, textIn, type ScheduleData } from '../lib/schedule-export';
import { datesBetween, localDate } from '../lib/times';
import { ACCESS_KEYS, clock, confPath, Problems, SessionBlock } from '../views/shared';
import { SESSION_TYPES, type Session } from '../schema';
import { conferencesMessages, tr } from '../messages';
import { assertVisible } from '../permissions';

export const publicPages = new Hono<AppEnv>();

export async function visibleConference(c: Ctx): Promise<ConferenceView> {
  const v = await getConference(c.var.db, c.req.param('slug') ?? '');
  assertVisible(c.var.viewer, v.event);
  return v;
}

/** A few zones to read times in besides the conference's own: no JavaScript, so the reader picks. */
const VIEWER_ZONES = [
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Mexico_City',
  'America/Bogota',
  'America/Argentina/Buenos_Aires',
  'Europe/London',
  'Europe/Madrid',
  'UTC',
];

publicPages.get('/conferences', allow('public'), async (c) => {
  const t = tr(c);
  const { list } = await listConferences(c.var.db, { limit: 100, offset: 0 });
  const shown = list.filter((v) => v.event.status === 'published' && v.event.endsAt.getTime() > Date.now() - 30 * 86_400_000);
  return page(
    c,
    { title: t('conferences.list.title'), description: t('conferences.list.lead') },
    <>
      <h1>{t('conferences.list.title')}</h1>
      <p class="usa-intro">{t('conferences.list.lead')}</p>
      {hasRole(c.var.viewer, 'organizer') && (
        <p>
          <a class="usa-button usa-button--outline" href={localePath(c.var.locale, '/conferences/new')}>
            {t('conferences.list.new')}
          </a>
        </p>
      )}
      {shown.length === 0 ? (
        <p>{t('conferences.list.none')}</p>
      ) : (
        <ul>
          {shown.map((v) => (
            <li>
              <a href={confPath(c, v.event, '/schedule')}>{textIn(v.event.title, c.var.locale)}</a> —{' '}
              {t(`conferences.kind.${v.conference.kind}`)}, {formatDateTime(c.var.locale, v.event.startsAt, v.event.timeZone)}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});

interface Filters {
  track: string;
  type: string;
  language: string;
}

function filtered(d: ScheduleData, f: Filters): Session[] {
  return d.sessions.filter(
    (s) => (!f.track || s.trackId === f.track) && (!f.type || s.type === f.type) && (!f.language || s.language === f.language),
  );
}

function DayGrid(props: { c: Ctx; d: ScheduleData; sessions: Session[]; date: string; n: number }) {
  const { c, d } = props;
  const t = tr(c);
  const tz = d.event.timeZone;
  const loc = c.var.locale;
  const rooms = d.rooms.filter((r) => props.sessions.some((s) => s.roomId === r.id));
  const starts = [...new Set(props.sessions.map((s) => s.startsAt.getTime()))].sort((a, b) => a - b);
  // Each day says its own zone offset: across a clock change the two days differ (PST, then PDT).
  const heading = t('conferences.schedule.day', {
    n: props.n,
    date: dateTimeFormat(loc, { dateStyle: 'full', timeZone: tz }).format(props.sessions[0].startsAt),
    zone: zoneAbbreviation(loc, props.sessions[0].startsAt, tz),
  });
  const trackOf = (s: Session) => d.tracks.find((x) => x.id === s.trackId);
  return (
    <section aria-labelledby={`day-${props.n}`}>
      <h2 id={`day-${props.n}`}>{heading}</h2>
      {/* One table: rooms as columns on wide screens; on phones the stylesheet stacks each time's cells, labelled by room. */}
      <div class="pw-table-wrap">
        <table class="usa-table usa-table--borderless pw-data-table pw-schedule-grid">
          <caption class="pw-visually-hidden">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t('conferences.schedule.time')}</th>
              {rooms.map((r) => (
                <th scope="col">{r.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {starts.map((at) => (
              <tr>
                <th scope="row">{clock(loc, new Date(at), tz)}</th>
                {rooms.map((r) => {
                  const here = props.sessions.filter((s) => s.roomId === r.id && s.startsAt.getTime() === at);
                  return here.length ? (
                    <td data-label={r.name}>
                      {here.map((s) => (
                        <SessionBlock c={c} e={d.event} s={s} track={trackOf(s)} />
                      ))}
                    </td>
                  ) : (
                    <td class="pw-empty"></td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

publicPages.get('/conferences/:slug/schedule', allow('public'), async (c) => {
  const t = tr(c);
  const v = await visibleConference(c);
  const d = await loadSchedule(c.var.db, v);
  const q = c.req.query();
  const f: Filters = {
    track: d.tracks.some((x) => x.id === q.track) ? q.track! : '',
    type: (SESSION_TYPES as readonly string[]).includes(q.type ?? '') ? q.type! : '',
    language: q.language === 'en' || q.language === 'es' ? q.language : '',
  };
  const list = filtered(d, f);
  const tz = v.event.timeZone;
  const title = textIn(v.event.title, c.var.locale);
  const dates = datesBetween(v.event.startsAt, v.event.endsAt, tz);
  const any = t('conferences.schedule.any');
  // Each session's local date once: zone arithmetic is the costliest part of rendering a big programme.
  const dayOf = new Map(list.map((s) => [s.id, localDate(s.startsAt, tz)]));
  return page(
    c,
    { title: t('conferences.schedule.title', { title }), description: textIn(v.event.summary, c.var.locale) || undefined },
    <>
      <h1>{t('conferences.schedule.title', { title })}</h1>
      <p class="usa-intro">{t('conferences.schedule.lead', { count: d.sessions.length, zone: tz })}</p>
      <ul class="usa-button-group">
        <li class="usa-button-group__item">
          <a class="usa-button usa-button--outline" href={`/${c.var.locale === 'es' ? 'es/' : ''}events/${v.event.slug}`}>
            {t('conferences.schedule.event')}
          </a>
        </li>
        <li class="usa-button-group__item">
          <a class="usa-button usa-button--outline" href={confPath(c, v.event, '/now')}>
            {t('conferences.schedule.nowNext')}
          </a>
        </li>
        <li class="usa-button-group__item">
          <a class="usa-button usa-button--outline" href={confPath(c, v.event, '/agenda')}>
            {t('conferences.schedule.myAgenda')}
          </a>
        </li>
        {cfpOpen(v.conference) && (
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={confPath(c, v.event, '/propose')}>
              {t('conferences.schedule.propose')}
            </a>
          </li>
        )}
        {v.conference.requiresApplication && (
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={confPath(c, v.event, '/apply')}>
              {t('conferences.schedule.applyForSeat')}
            </a>
          </li>
        )}
        <li class="usa-button-group__item">
          <a class="usa-button usa-button--outline" href={confPath(c, v.event, '/topics')}>
            {t('conferences.schedule.topics')}
          </a>
        </li>
        {canOrganize(c.var.viewer, v.event) && (
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={confPath(c, v.event, '/manage')}>
              {t('conferences.manage.title', { title })}
            </a>
          </li>
        )}
      </ul>
      <form method="get" action={confPath(c, v.event, '/schedule')} class="usa-form">
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('conferences.schedule.filters')}</legend>
          <Select
            name="track"
            label={t('conferences.schedule.track')}
            blank={any}
            value={f.track}
            options={d.tracks.map((x) => ({ value: x.id, label: textIn(x.name, c.var.locale) }))}
          />
          <Select
            name="type"
            label={t('conferences.schedule.type')}
            blank={any}
            value={f.type}
            options={SESSION_TYPES.map((x) => ({ value: x, label: t(`conferences.type.${x}`) }))}
          />
          <Select
            name="language"
            label={t('conferences.schedule.language')}
            blank={any}
            value={f.language}
            options={(['en', 'es'] as const).map((x) => ({ value: x, label: t(`conferences.language.${x}`) }))}
          />
          <Button>{t('conferences.schedule.apply')}</Button>
          {(f.track || f.type || f.language) && (
            <p>
              <a href={confPath(c, v.event, '/schedule')}>{t('conferences.schedule.clear')}</a>
            </p>
          )}
        </fieldset>
      </form>
      {list.length === 0 && <p>{t('conferences.schedule.none')}</p>}
      {dates.map((date, i) => {
        const inDay = list.filter((s) => dayOf.get(s.id) === date);
        return inDay.length ? <DayGrid c={c} d={d} sessions={inDay} date={date} n={i + 1} /> : null;
      })}
      <h2>{t('conferences.schedule.downloads')}</h2>
      <ul>
        <li>
          <a href={confPath(c, v.event, '/schedule.ics')}>{t('conferences.schedule.ics')}</a>
        </li>
        <li>
          <a href={confPath(c, v.event, '/schedule.xml')}>{t('conferences.schedule.xml')}</a>
        </li>
        <li>
          <a href={confPath(c, v.event, '/schedule.json')}>{t('conferences.schedule.json')}</a>
        </li>
      </ul>
    </>,
  );
});

/** `?lang=es` asks for Spanish in a file whose address has no language; `/es/…` does too. */
const fileLocale = (c: Ctx) => (c.req.query('lang') === 'es' ? 'es' : c.req.query('lang') === 'en' ? 'en' : c.var.locale);

/**
 * The exports are the same for every anonymous reader until the next write, so the page cache keeps them
 * as it keeps pages (ETag, 304, compressed once, sent from the listener); after a write the service's
 * own cache rebuilds only if this programme really changed. Signed-in readers (a draft's organizers)
 * get a fresh copy each time.
 */
async function exportFile(c: Ctx, format: ExportFormat) {
  const v = await visibleConference(c);
  const body = await exportedSchedule(c.var.db, v, format, fileLocale(c), c.var.deps.config.baseUrl);
  keepPublicFile(c);
  if (format === 'ics') return ics(c, body, v.conference.acronym);
  const type = format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8';
  return c.body(body, 200, { 'content-type': type });
}

const ics = (c: Ctx, body: string, name: string) =>
  c.body(body, 200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${name}.ics"` });

publicPages.get('/conferences/:slug/schedule.xml', allow('public'), (c) => exportFile(c, 'xml'));
publicPages.get('/conferences/:slug/schedule.json', allow('public'), (c) => exportFile(c, 'json'));
publicPages.get('/conferences/:slug/schedule.ics', allow('public'), (c) => exportFile(c, 'ics'));

publicPages.get('/conferences/:slug/sessions/:file{[A-Za-z0-9]+\\.ics}', allow('public'), async (c) => {
  const v = await visibleConference(c);
  const s = await getSession(c.var.db, v.event.id, c.req.param('file').replace(/\.ics$/, ''));
  const d = await loadSchedule(c.var.db, v);
  const loc = fileLocale(c);
  keepPublicFile(c);
  return ics(c, scheduleIcs(d, [s], loc, c.var.deps.config.baseUrl, textIn(s.title, loc)), s.code);
});

async function sessionPage(
  c: Ctx,
  v: ConferenceView,
  s: Session,
  state: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string; status?: 200 | 409 | 422 } = {},
) {
  const t = tr(c);
  const loc = c.var.locale;
  const d = await loadSchedule(c.var.db, v);
  const tz = v.event.timeZone;
  const room = d.rooms.find((r) => r.id === s.roomId);
  const track = d.tracks.find((x) => x.id === s.trackId);
  const title = textIn(s.title, loc);
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const viewer = c.var.viewer;
  const starred = viewer ? (await agendaOf(c.var.db, v.event.id, viewer.id)).some((x) => x.id === s.id) : false;
  const viewerZone = isTimeZone(c.req.query('tz') ?? '') && c.req.query('tz') !== tz ? c.req.query('tz')! : null;
  const access = room ? ACCESS_KEYS.filter((k) => room.accessibility[k]) : [];
  const started = Date.now() >= s.startsAt.getTime();
  const abstract = textIn(s.abstract, loc);
  return page(
    c,
    { title, description: abstract.slice(0, 200) || undefined, index: viewer ? false : undefined },
    <>
      <p>
        <a href={confPath(c, v.event, '/schedule')}>{t('conferences.session.back')}</a>
      </p>
      <h1 lang={s.title[loc] ? undefined : loc === 'es' ? 'en' : 'es'}>{title}</h1>
      {state.notice && <Alert type="success">{state.notice}</Alert>}
      <Problems errors={errors} t={c.var.t} />
      <dl class="pw-facts">
        <dt>{t('conferences.session.when')}</dt>
        <dd>
          {formatDateTime(loc, s.startsAt, tz)}–{clock(loc, s.endsAt, tz)} ({tz})
          {viewerZone && (
            <>
              <br />
              {t('conferences.session.yourTime', {
                zone: viewerZone,
                time: `${formatDateTime(loc, s.startsAt, viewerZone)}–${clock(loc, s.endsAt, viewerZone)}`,
              })}
            </>
          )}
        </dd>
        <dt>{t('conferences.session.room')}</dt>
        <dd>{room?.name ?? '—'}</dd>
        <dt>{t('conferences.session.type')}</dt>
        <dd>{t(`conferences.type.${s.type}`)}</dd>
        <dt>{t('conferences.session.language')}</dt>
        <dd>{t(`conferences.language.${s.language}`)}</dd>
        {track && (
          <>
            <dt>{t('conferences.session.track')}</dt>
            <dd>{textIn(track.name, loc)}</dd>
          </>
        )}
        {s.capacity != null && (
          <>
            <dt>{t('conferences.signup.title')}</dt>
            <dd>{t('conferences.session.seats', { left: Math.max(0, s.capacity - s.seatsTaken), capacity: s.capacity })}</dd>
          </>
        )}
      </dl>
      <form method="get" action={confPath(c, v.event, `/sessions/${s.code}`)} class="usa-form">
        <Select
          name="tz"
          label={t('conferences.session.otherZone')}
          blank={tz}
          value={viewerZone ?? ''}
          options={VIEWER_ZONES.filter((z) => z !== tz).map((z) => ({ value: z, label: z }))}
        />
        <Button variant="outline">{t('conferences.schedule.apply')}</Button>
      </form>
      {abstract && <p class="pw-pre-line">{abstract}</p>}
      <h2>{t('conferences.session.roomAccess')}</h2>
      {access.length ? (
        <ul>
          {access.map((k) => (
            <li>{t(`conferences.access.${k}`)}</li>
          ))}
        </ul>
      ) : (
        <p>{t('conferences.session.noAccess')}</p>
      )}
      {s.speakers.length > 0 && (
        <>
          <h2>{t('conferences.session.speakers')}</h2>
          {s.speakers.map((p) => (
            <div>
              <h3>{p.name}</h3>
              {(p.title || p.organization) && <p class="pw-meta">{[p.title, p.organization].filter(Boolean).join(', ')}</p>}
              {textIn(p.bio, loc) && <p>{textIn(p.bio, loc)}</p>}
            </div>
          ))}
        </>
      )}
      <p>
        <a class="usa-button usa-button--outline" href={confPath(c, v.event, `/sessions/${s.code}.ics`)}>
          {t('conferences.session.addToCalendar')}
        </a>
      </p>
      {viewer && (
        <form method="post" action={confPath(c, v.event, `/sessions/${s.code}/star`)}>
          <Csrf token={c.var.csrfToken} />
          {starred && <p>{t('conferences.session.starred')}</p>}
          <Button variant="outline" name="star" value={starred ? 'off' : 'on'}>
            {t(starred ? 'conferences.session.unstar' : 'conferences.session.star')}
          </Button>
        </form>
      )}
      {s.capacity != null && !started && (
        <>
          <h2>{t('conferences.signup.title')}</h2>
          <p>{t('conferences.signup.lead')}</p>
          <form method="post" action={confPath(c, v.event, `/sessions/${s.code}/signup`)} class="usa-form" novalidate>
            <Csrf token={c.var.csrfToken} />
            <TextField
              name="name"
              label={t('conferences.signup.name')}
              value={values.name ?? viewer?.fullName}
              error={errors.name}
              autocomplete="name"
            />
            <TextField
              name="email"
              type="email"
              label={t('conferences.signup.email')}
              value={values.email ?? viewer?.email}
              error={errors.email}
              autocomplete="email"
            />
            <Button>{t('conferences.signup.submit')}</Button>
          </form>
        </>
      )}
      {viewer && started && (
        <>
          <h2>{t('conferences.feedback.title')}</h2>
          <p>{t('conferences.feedback.anonymous')}</p>
          <form method="post" action={confPath(c, v.event, `/sessions/${s.code}/feedback`)} class="usa-form" novalidate>
            <Csrf token={c.var.csrfToken} />
            <Select
              name="rating"
              label={t('conferences.feedback.rating')}
              blank=""
              value={values.rating}
              error={errors.rating}
              options={['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n }))}
            />
            <TextArea
              name="comment"
              label={t('conferences.feedback.comment')}
              value={values.comment}
              error={errors.comment}
              rows={3}
              maxlength={2000}
            />
            <Button>{t('conferences.feedback.submit')}</Button>
          </form>
        </>
      )}
      {canOrganize(viewer, v.event) && (
        <p>
          <a href={confPath(c, v.event, `/speakers/${await speakerToken(c.var.deps.secret, s.id)}`)}>{t('conferences.speaker.link')}</a>
        </p>
      )}
    </>,
    state.status ?? 200,
  );
}

publicPages.get('/conferences/:slug/sessions/:code', allow('public'), async (c) => {
  const v = await visibleConference(c);
  return sessionPage(c, v, await getSession(c.var.db, v.event.id, c.req.param('code')));
});

/** A refusal from the service, as a message on the session page with what was typed kept. */
function refusedPage(c: Ctx, v: ConferenceView, s: Session, values: Record<string, string>, err: unknown) {
  if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
  return sessionPage(c, v, s, { values, errors: { _form: translateKey(c, err.messageKey, err.values, conferencesMessages) }, status: 409 });
}

publicPages.post('/conferences/:slug/sessions/:code/signup', allow('public'), async (c) => {
  const t = tr(c);
  const v = await visibleConference(c);
  const s = await getSession(c.var.db, v.event.id, c.req.param('code'));
  await rsvpRateLimit(c, v.event.id);
  const values = await form(c);
  const parsed = signupInput.safeParse({ name: values.name ?? '', email: values.email ?? '' });
  if (!parsed.success) return sessionPage(c, v, s, { values, errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
  try {
    const r = await signUp(c.var.db, v.event, s, parsed.data);
    const fresh = await getSession(c.var.db, v.event.id, s.code);
    const notice = !r.created
      ? t('conferences.signup.already')
      : r.signup.status === 'waitlist'
        ? t('conferences.signup.waitlist', { position: r.waitlistPosition ?? 0 })
        : t('conferences.signup.confirmed', { title: textIn(s.title, c.var.locale) });
    return sessionPage(c, v, fresh, { notice });
  } catch (err) {
    return refusedPage(c, v, s, values, err);
  }
});

publicPages.post('/conferences/:slug/sessions/:code/star', allow('signedIn'), async (c) => {
  const v = await visibleConference(c);
  const s = await getSession(c.var.db, v.event.id, c.req.param('code'));
  const values = await form(c);
  if (values.star === 'off') await unstar(c.var.db, c.var.viewer!.id, s.id);
  else await star(c.var.db, c.var.viewer!.id, s.id);
  return c.redirect(confPath(c, v.event, `/sessions/${s.code}`), 303);
});

publicPages.post('/conferences/:slug/sessions/:code/feedback', allow('signedIn'), async (c) => {
  const t = tr(c);
  const v = await visibleConference(c);
  const s = await getSession(c.var.db, v.event.id, c.req.param('code'));
  const values = await form(c);
  const parsed = feedbackInput.safeParse({ rating: values.rating ?? '', comment: values.comment });
  if (!parsed.success) return sessionPage(c, v, s, { values, errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
  try {
    await giveFeedback(c.var.db, c.var.deps.secret, s, c.var.viewer!.id, parsed.data);
    return sessionPage(c, v, s, { notice: t('conferences.feedback.thanks') });
  } catch (err) {
    return refusedPage(c, v, s, values, err);
  }
});

publicPages.get('/conferences/:slug/now', allow('public'), async (c) => {
  const t = tr(c);
  const v = await visibleConference(c);
  const d = await loadSchedule(c.var.db, v);
  const now = Date.now();
  const current = d.sessions.filter((s) => s.startsAt.getTime() <= now && s.endsAt.getTime() > now);
  const nextStart = d.sessions.map((s) => s.startsAt.getTime()).filter((x) => x > now)[0];
  const next = nextStart ? d.sessions.filter((s) => s.startsAt.getTime() === nextStart) : [];
  const title = textIn(v.event.title, c.var.locale);
  const roomOf = (s: Session) => d.rooms.find((r) => r.id === s.roomId);
  c.header('refresh', '60');
  return page(
    c,
    { title: t('conferences.now.title', { title }) },
    <>
      <h1>{t('conferences.now.title', { title })}</h1>
      <p class="pw-meta">{t('conferences.now.updated', { time: clock(c.var.locale, new Date(now), v.event.timeZone) })}</p>
      <h2>{t('conferences.now.now')}</h2>
      {current.length ? (
        current.map((s) => <SessionBlock c={c} e={v.event} s={s} room={roomOf(s)} showTime />)
      ) : (
        <p>{t('conferences.now.nothing')}</p>
      )}
      <h2>{t('conferences.now.next')}</h2>
      {next.length ? (
        next.map((s) => <SessionBlock c={c} e={v.event} s={s} room={roomOf(s)} showTime />)
      ) : (
        <p>{t('conferences.now.nothing')}</p>
      )}
    </>,
  );
});

publicPages.get('/conferences/:slug/agenda', allow('signedIn'), async (c) => {
  const t = tr(c);
  const v = await visibleConference(c);
  const d = await loadSchedule(c.var.db, v);
  const mine = await agendaOf(c.var.db, v.event.id, c.var.viewer!.id);
  const clash = conflicts(mine);
  const feed = `${c.var.deps.config.baseUrl}/conferences/${v.event.slug}/agenda/${await agendaToken(c.var.deps.secret, c.var.viewer!.id, v.event.id)}.ics${c.var.locale === 'es' ? '?lang=es' : ''}`;
  const title = textIn(v.event.title, c.var.locale);
  return page(
    c,
    { title: t('conferences.agenda.title', { title }), index: false },
    <>
      <h1>{t('conferences.agenda.title', { title })}</h1>
      <p>{t('conferences.agenda.lead')}</p>
      {mine.length === 0 ? (
        <p>{t('conferences.agenda.none')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled">
          {mine.map((s) => (
            <li>
              <SessionBlock
                c={c}
                e={v.event}
                s={s}
                room={d.rooms.find((r) => r.id === s.roomId)}
                showTime
                note={clash.has(s.code) ? t('conferences.agenda.conflict') : undefined}
              />
            </li>
          ))}
        </ul>
      )}
      <h2>{t('conferences.agenda.feed')}</h2>
      <p>{t('conferences.agenda.feedHint')}</p>
      <p class="pw-code">{feed}</p>
    </>,
  );
});

publicPages.get('/conferences/:slug/agenda/:file{[A-Za-z0-9_.-]+\\.ics}', allow('public'), async (c) => {
  const v = await getConference(c.var.db, c.req.param('slug'));
  const who = await agendaFromToken(c.var.deps.secret, c.req.param('file').replace(/\.ics$/, ''));
  if (!who || who.eventId !== v.event.id) throw notFound();
  const d = await loadSchedule(c.var.db, v);
  const loc = fileLocale(c);
  const mine = await agendaOf(c.var.db, v.event.id, who.personId);
  c.header('cache-control', 'private, no-store');
  return ics(c, scheduleIcs(d, mine, loc, c.var.deps.config.baseUrl, textIn(v.event.title, loc)), `${v.conference.acronym}-agenda`);
});
