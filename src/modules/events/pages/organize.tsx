import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Button, Csrf, ErrorSummary } from '../../../platform/ui/components';
import { form, formWithFiles } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { AppError, notFound } from '../../../platform/http/errors';
import { confirmPage } from '../../../platform/ui/confirm';
import { assertCanManage, chapterFor } from '../permissions';
import { findChapter } from '../../people';
import { isAdmin } from '../../../platform/auth/roles';
import type { EventRow } from '../schema';
import type { EventsHooks } from '../service/hooks';
import {
  attendeesCsv,
  checkIn,
  createEvent,
  createSeries,
  doorCounts,
  eventInput,
  getEvent,
  getRsvp,
  getSeriesById,
  imageRefs,
  IMPORT_FORMATS,
  importAttendees,
  listSeries,
  messageAttendees,
  messageInput,
  searchAttendees,
  seriesInput,
  setRsvpStatus,
  storeUpload,
  undoCheckIn,
  unflatten,
  updateEvent,
  walkIn,
  walkInInput,
  type ImportReport,
} from '../service';
import { AttendeesView } from '../views/attendees';
import { CheckinView } from '../views/checkin';
import { EventForm } from '../views/organizer';
import { eventToValues, formToInput } from '../views/form-values';
import { Pair } from '../views/series-form';
import { offsetParam } from '../../../platform/http/query';
import { DEFAULT_TIME_ZONE } from '../../../platform/time';
import { eventsMessages, tr } from '../messages';

/** The organizer's pages for one event (form, attendees, door check-in), given what they read from other modules. */
export function createOrganizerPages(hooks: EventsHooks): Hono<AppEnv> {
  const organizerPages = new Hono<AppEnv>();
  type V = Record<string, string>;

  const errorsOf = (c: Ctx, err: z.ZodError) => errorMessages(c, err, eventsMessages);
  const appErrors = (c: Ctx, err: AppError) => errorMessages(c, err.fields, eventsMessages);

  async function managed(c: Ctx): Promise<EventRow> {
    const e = await getEvent(c.var.db, c.req.param('slug') ?? '');
    assertCanManage(c.var.viewer, e);
    return e;
  }

  /** The zones the form suggests first: the chapter's (the event's chapter when editing, else the organizer's). */
  async function suggestedZones(c: Ctx, e?: EventRow): Promise<string[]> {
    const slug = e ? e.chapter : chapterFor(c.var.viewer!, null);
    const chapter = slug ? await findChapter(c.var.db, slug) : undefined;
    return [...new Set([e?.timeZone, chapter?.timeZone ?? DEFAULT_TIME_ZONE].filter((z): z is string => !!z))];
  }

  /**
   * The event form as posted: its fields, with each chosen picture stored at once (decision 52) and its
   * key put in the form, so the picture survives the form coming back ("Add a speaker", an error); a
   * "Remove this image" box clears the key. Refused files come back as problems beside their field.
   */
  async function readEventForm(c: Ctx): Promise<{ values: V; problems: V }> {
    const { values, files } = await formWithFiles(c);
    const problems: V = {};
    for (const [name, file] of Object.entries(files)) {
      const speaker = /^speakers\.(\d{1,2})\.photoFile$/.exec(name);
      const target = name === 'cover.file' ? 'cover.image' : speaker ? `speakers.${speaker[1]}.photo` : null;
      if (!target) continue;
      try {
        const ref = await storeUpload(c.var.db, Buffer.from(await file.arrayBuffer()), speaker ? 'photo' : 'cover', name, c.var.viewer!.id);
        values[target] = ref.key;
        delete values[`${name}Remove`];
      } catch (err) {
        if (!(err instanceof AppError && err.status === 422)) throw err;
        Object.assign(problems, errorMessages(c, err.fields, eventsMessages));
      }
    }
    for (const k of Object.keys(values)) {
      if (!k.endsWith('FileRemove') && k !== 'cover.fileRemove') continue;
      if (values[k] === 'on') values[k === 'cover.fileRemove' ? 'cover.image' : k.replace(/FileRemove$/, '')] = '';
      delete values[k];
    }
    return { values, problems };
  }

  /** Every problem of a submit at once: the refused files and the fields' own. */
  const allProblems = (c: Ctx, values: V, problems: V): V => {
    const parsed = eventInput.safeParse(formToInput(values));
    return { ...(parsed.success ? {} : errorsOf(c, parsed.error)), ...problems };
  };

  async function formPage(c: Ctx, opts: { e?: EventRow; v: V; errors: V; status?: 200 | 422 }) {
    const t = tr(c);
    const title = opts.e ? t('events.edit') : t('events.new');
    const action = localePath(c.var.locale, opts.e ? `/events/${opts.e.slug}/edit` : '/events/new');
    return page(
      c,
      { title, index: false, scripts: ['rows.js'] },
      <>
        <h1>{title}</h1>
        <EventForm
          c={c}
          action={action}
          v={opts.v}
          errors={opts.errors}
          series={await listSeries(c.var.db)}
          isNew={!opts.e}
          zones={await suggestedZones(c, opts.e)}
          images={await imageRefs(
            c.var.db,
            Object.entries(opts.v)
              .filter(([k]) => k === 'cover.image' || /^speakers\.\d+\.photo$/.test(k))
              .map(([, key]) => key),
          )}
        />
      </>,
      opts.status ?? 200,
    );
  }

  /** "Add a speaker" (or question, or link) without JavaScript: the form comes back with one more row, nothing saved. */
  const addingRow = (values: V) => ['speakers', 'questions', 'links'].includes(values.add ?? '');

  organizerPages.get('/events/new', allow('organizer'), async (c) =>
    formPage(c, {
      v: { timeZone: (await suggestedZones(c))[0], format: 'in_person', status: 'published', reminders: '48, 2' },
      errors: {},
    }),
  );

  organizerPages.post('/events/new', allow('organizer'), async (c) => {
    const { values, problems } = await readEventForm(c);
    if (addingRow(values)) return formPage(c, { v: values, errors: problems, status: Object.keys(problems).length ? 422 : 200 });
    if (Object.keys(problems).length) return formPage(c, { v: values, errors: allProblems(c, values, problems), status: 422 });
    const parsed = eventInput.safeParse(formToInput(values));
    if (!parsed.success) return formPage(c, { v: values, errors: errorsOf(c, parsed.error), status: 422 });
    try {
      const e = await createEvent(c.var.db, { ...parsed.data, chapter: chapterFor(c.var.viewer!, parsed.data.chapter) }, c.var.viewer!.id);
      return c.redirect(`${localePath(c.var.locale, `/events/${e.slug}`)}?saved=created`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return formPage(c, { v: values, errors: appErrors(c, err), status: 422 });
      throw err;
    }
  });

  organizerPages.get('/events/:slug/edit', allow('organizer'), async (c) => {
    const e = await managed(c);
    return formPage(c, { e, v: eventToValues(e, (await getSeriesById(c.var.db, e.seriesId))?.slug ?? null), errors: {} });
  });

  organizerPages.post('/events/:slug/edit', allow('organizer'), async (c) => {
    const e = await managed(c);
    const { values, problems } = await readEventForm(c);
    if (addingRow(values)) return formPage(c, { e, v: values, errors: problems, status: Object.keys(problems).length ? 422 : 200 });
    if (Object.keys(problems).length) return formPage(c, { e, v: values, errors: allProblems(c, values, problems), status: 422 });
    const changes = formToInput(values);
    // Only admins move an event between chapters (its attendees go with it); the form has no such field.
    if (!isAdmin(c.var.viewer)) delete changes.chapter;
    try {
      const saved = await updateEvent(c.var.db, e.slug, changes);
      return c.redirect(`${localePath(c.var.locale, `/events/${saved.slug}`)}?saved=updated`, 303);
    } catch (err) {
      if (err instanceof z.ZodError) return formPage(c, { e, v: values, errors: errorsOf(c, err), status: 422 });
      if (err instanceof AppError && err.status === 422) return formPage(c, { e, v: values, errors: appErrors(c, err), status: 422 });
      throw err;
    }
  });

  function seriesPage(c: Ctx, v: V, errors: V, status: 200 | 422 = 200) {
    const t = tr(c);
    return page(
      c,
      { title: t('events.series.new'), index: false },
      <>
        <h1>{t('events.series.new')}</h1>
        <form class="usa-form usa-form--large" method="post" action={localePath(c.var.locale, '/events/series/new')} novalidate>
          <Csrf token={c.var.csrfToken} />
          <ErrorSummary errors={errors} t={c.var.t} />
          <Pair c={c} name="title" label={t('events.form.title')} v={v} errors={errors} max={200} />
          <Pair c={c} name="description" label={t('events.form.description')} v={v} errors={errors} area max={5000} />
          <Button>{t('events.form.create')}</Button>
        </form>
      </>,
      status,
    );
  }

  organizerPages.get('/events/series/new', allow('organizer'), (c) => seriesPage(c, {}, {}));
  organizerPages.post('/events/series/new', allow('organizer'), async (c) => {
    const values = await form(c);
    const parsed = seriesInput.safeParse(unflatten(values));
    if (!parsed.success) return seriesPage(c, values, errorsOf(c, parsed.error), 422);
    const s = await createSeries(c.var.db, { ...parsed.data, chapter: chapterFor(c.var.viewer!, null) });
    return c.redirect(localePath(c.var.locale, `/events/series/${s.slug}`), 303);
  });

  async function attendeesPage(
    c: Ctx,
    e: EventRow,
    extra: { notice?: string; problem?: string; report?: ImportReport; errors?: V; status?: 200 | 422 } = {},
  ) {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const offset = offsetParam(c, 1_000_000);
    const r = await searchAttendees(c.var.db, e.id, { q, limit: 50, offset, locale: c.var.locale });
    const fresh = await getEvent(c.var.db, e.slug);
    return page(
      c,
      { title: tr(c)('events.attendees'), index: false },
      <AttendeesView
        c={c}
        e={fresh}
        list={r.attendees}
        total={r.total}
        q={q}
        offset={offset}
        limit={50}
        notice={extra.notice}
        problem={extra.problem}
        report={extra.report}
        errors={extra.errors ?? {}}
        fair={(await hooks.careerFair?.isFair(c.var.db, e.id)) ?? null}
      />,
      extra.status ?? 200,
    );
  }

  organizerPages.get('/events/:slug/attendees', allow('organizer'), async (c) => {
    const e = await managed(c);
    const sent = Number(c.req.query('sent'));
    return attendeesPage(c, e, {
      notice: Number.isInteger(sent) && c.req.query('sent') ? tr(c)('events.message.sent', { count: sent }) : undefined,
    });
  });

  organizerPages.get('/events/:slug/attendees.csv', allow('organizer'), async (c) => {
    const e = await managed(c);
    return c.body(await attendeesCsv(c.var.db, e, c.var.locale), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${e.slug}-attendees.csv"`,
    });
  });

  // Declining tells the person their place is gone: asked once more, on a page of its own (no script needed).
  organizerPages.get('/events/:slug/attendees/:id/decline', allow('organizer'), async (c) => {
    const e = await managed(c);
    const t = tr(c);
    const l = c.var.locale;
    const a = await getRsvp(c.var.db, c.req.param('id') ?? '').catch(() => null);
    if (!a || a.eventId !== e.id) throw notFound();
    return confirmPage(c, {
      question: t('events.attendees.declineQuestion', { name: a.name }),
      detail: t('events.attendees.declineDetail'),
      action: localePath(l, `/events/${e.slug}/attendees/${a.id}/status`),
      fields: { to: 'declined' },
      confirm: t('events.attendees.declineYes', { name: a.name }),
      back: { label: t('events.attendees.declineNo'), href: localePath(l, `/events/${e.slug}/attendees`) },
      danger: true,
    });
  });

  organizerPages.post('/events/:slug/attendees/:id/status', allow('organizer'), async (c) => {
    const e = await managed(c);
    const to = (await form(c)).to;
    if (to !== 'going' && to !== 'waitlist' && to !== 'declined') throw new AppError('bad_request', 400, 'errors.badRequest');
    try {
      await setRsvpStatus(c.var.db, e, c.req.param('id'), to, hooks.registration?.released);
    } catch (err) {
      if (err instanceof AppError && err.code === 'event_full')
        return attendeesPage(c, e, { problem: tr(c)('events.error.full'), status: 422 });
      throw err;
    }
    return c.redirect(localePath(c.var.locale, `/events/${e.slug}/attendees`), 303);
  });

  organizerPages.post('/events/:slug/message', allow('organizer'), async (c) => {
    const e = await managed(c);
    const parsed = messageInput.safeParse(unflatten(await form(c)));
    if (!parsed.success) return attendeesPage(c, e, { errors: errorsOf(c, parsed.error), status: 422 });
    const count = await messageAttendees(c.var.db, e.id, parsed.data);
    return c.redirect(`${localePath(c.var.locale, `/events/${e.slug}/attendees`)}?sent=${count}`, 303);
  });

  organizerPages.post('/events/:slug/import', allow('organizer'), async (c) => {
    const e = await managed(c);
    const body = await c.req.parseBody();
    const file = body.file;
    const fmt =
      typeof body.format === 'string' && (IMPORT_FORMATS as readonly string[]).includes(body.format)
        ? (body.format as (typeof IMPORT_FORMATS)[number])
        : null;
    if (!(file instanceof File) || file.size === 0)
      return attendeesPage(c, e, { errors: { file: tr(c)('events.import.noFile') }, status: 422 });
    try {
      const report = await importAttendees(c.var.db, e, Buffer.from(await file.arrayBuffer()), fmt);
      return attendeesPage(c, e, { report });
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return attendeesPage(c, e, { errors: appErrors(c, err), status: 422 });
      throw err;
    }
  });

  async function checkinPage(
    c: Ctx,
    e: EventRow,
    extra: { notice?: { text: string; undo?: string }; errors?: V; values?: V; status?: 200 | 422 | 404 | 409 } = {},
  ) {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const list = q ? (await searchAttendees(c.var.db, e.id, { q, limit: 20, offset: 0 })).attendees : [];
    const counts = await doorCounts(c.var.db, e.id, hooks.agencies?.agenciesForEmails);
    return page(
      c,
      { title: tr(c)('events.checkin.title'), index: false, scripts: ['checkin.js'] },
      <CheckinView
        c={c}
        e={e}
        counts={counts}
        q={q}
        list={list}
        notice={extra.notice}
        errors={extra.errors ?? {}}
        values={extra.values ?? {}}
      />,
      extra.status ?? 200,
    );
  }

  organizerPages.get('/events/:slug/checkin', allow('organizer'), async (c) => {
    const e = await managed(c);
    const done = c.req.query('done');
    const name = c.req.query('name') ?? '';
    const notice = done
      ? { text: tr(c)(c.req.query('already') ? 'events.checkin.wasAlready' : 'events.checkin.done', { name }), undo: done }
      : undefined;
    return checkinPage(c, e, { notice });
  });

  organizerPages.get('/events/:slug/checkin/counts', allow('organizer'), async (c) => {
    const e = await managed(c);
    c.header('Cache-Control', 'no-store');
    return c.json(await doorCounts(c.var.db, e.id, hooks.agencies?.agenciesForEmails));
  });

  organizerPages.post('/events/:slug/checkin', allow('organizer'), async (c) => {
    const e = await managed(c);
    const v = await form(c);
    try {
      const r = await checkIn(c.var.db, e, { rsvpId: v.rsvpId, code: v.code }, c.var.viewer!.id);
      const qs = new URLSearchParams({ done: r.rsvp.id, name: r.rsvp.name, ...(r.already ? { already: '1' } : {}) });
      return c.redirect(`${localePath(c.var.locale, `/events/${e.slug}/checkin`)}?${qs}`, 303);
    } catch (err) {
      if (err instanceof AppError && (err.status === 404 || err.status === 409)) {
        return checkinPage(c, e, {
          errors: { code: eventsMessages.any(c.var.locale)(err.messageKey, err.values) },
          values: v,
          status: err.status,
        });
      }
      throw err;
    }
  });

  organizerPages.post('/events/:slug/checkin/undo', allow('organizer'), async (c) => {
    const e = await managed(c);
    await undoCheckIn(c.var.db, e, (await form(c)).rsvpId ?? '');
    return c.redirect(localePath(c.var.locale, `/events/${e.slug}/checkin`), 303);
  });

  organizerPages.post('/events/:slug/checkin/walkin', allow('organizer'), async (c) => {
    const e = await managed(c);
    const v = await form(c);
    const parsed = walkInInput.safeParse(v);
    if (!parsed.success) return checkinPage(c, e, { errors: errorsOf(c, parsed.error), values: v, status: 422 });
    const r = await walkIn(c.var.db, e, parsed.data, c.var.viewer!.id, c.var.locale);
    const qs = new URLSearchParams({ done: r.rsvp.id, name: r.rsvp.name, ...(r.already ? { already: '1' } : {}) });
    return c.redirect(`${localePath(c.var.locale, `/events/${e.slug}/checkin`)}?${qs}`, 303);
  });

  return organizerPages;
}
