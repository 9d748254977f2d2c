import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { page } from '../../../platform/ui/layout';
import { confirmPage } from '../../../platform/ui/confirm';
import { errorMessages } from '../../../platform/http/validation';
import { AppError } from '../../../platform/http/errors';
import {
  deleteRoom,
  deleteSession,
  deleteTrack,
  getRoom,
  getSession,
  getTrack,
  heldSignups,
  roomInput,
  trackInput,
  updateRoom,
  updateTrack,
  type ConferenceView,
} from '../service';
import { textIn } from '../lib/schedule-export';
import { confPath, Problems } from '../views/shared';
import type { Room, Track } from '../schema';
import { conferencesMessages, tr } from '../messages';
import { formValues, managed, managePage, refusal, RoomForm, TrackForm } from './manage';

/** Changing and deleting rooms, tracks and sessions from the organizer pages (decision 34's confirmation step). */
export const programmePages = new Hono<AppEnv>();

interface Shown {
  values: Record<string, unknown>;
  errors?: Record<string, string>;
  status?: 200 | 409 | 422;
}

/** A page with one form to change one part of the programme, with the way back to the manage page. */
function partPage(c: Ctx, v: ConferenceView, heading: string, errors: Record<string, string>, status: 200 | 409 | 422, form: Child) {
  const t = tr(c);
  return page(
    c,
    { title: heading, index: false },
    <>
      <p>
        <a href={confPath(c, v.event, '/manage')}>{t('conferences.manage.title', { title: textIn(v.event.title, c.var.locale) })}</a>
      </p>
      <h1>{heading}</h1>
      <Problems errors={errors} t={c.var.t} />
      {form}
    </>,
    status,
  );
}

const roomValues = (r: Room) => ({ name: r.name, capacity: String(r.capacity), accessibility: r.accessibility });
const trackValues = (x: Track) => ({ name: x.name.en ?? '', nameEs: x.name.es ?? '', color: x.color ?? '' });

function roomPage(c: Ctx, v: ConferenceView, r: Room, st: Shown) {
  const t = tr(c);
  const errors = st.errors ?? {};
  return partPage(
    c,
    v,
    t('conferences.manage.editRoom', { name: r.name }),
    errors,
    st.status ?? 200,
    <RoomForm
      c={c}
      action={confPath(c, v.event, `/manage/rooms/${r.id}`)}
      submit={t('conferences.manage.save')}
      values={st.values}
      errors={errors}
    />,
  );
}

function trackPage(c: Ctx, v: ConferenceView, x: Track, st: Shown) {
  const t = tr(c);
  const errors = st.errors ?? {};
  return partPage(
    c,
    v,
    t('conferences.manage.editTrack', { name: textIn(x.name, c.var.locale) }),
    errors,
    st.status ?? 200,
    <TrackForm
      c={c}
      action={confPath(c, v.event, `/manage/tracks/${x.id}`)}
      submit={t('conferences.manage.save')}
      values={st.values}
      errors={errors}
    />,
  );
}

/**
 * Saves a changed room or track from its page; a refusal shows beside the field with what was typed.
 * The form sends every field, so the whole input's schema checks it.
 */
function saveRoute<P, S extends z.ZodType>(
  find: (c: Ctx, v: ConferenceView) => Promise<P>,
  schema: S,
  save: (c: Ctx, part: P, input: z.output<S>) => Promise<unknown>,
  show: (c: Ctx, v: ConferenceView, part: P, st: Shown) => Response | Promise<Response>,
) {
  return async (c: Ctx) => {
    const v = await managed(c);
    const part = await find(c, v);
    const values = await formValues(c);
    const parsed = schema.safeParse(values);
    if (!parsed.success) return show(c, v, part, { values, errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
    try {
      await save(c, part, parsed.data);
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
      return show(c, v, part, { values, errors: refusal(c, err), status: err.status });
    }
    return c.redirect(confPath(c, v.event, '/manage?saved=1'), 303);
  };
}

const roomOf = (c: Ctx, v: ConferenceView) => getRoom(c.var.db, v.event.id, c.req.param('id') ?? '');
const trackOf = (c: Ctx, v: ConferenceView) => getTrack(c.var.db, v.event.id, c.req.param('id') ?? '');

programmePages.get('/conferences/:slug/manage/rooms/:id', allow('organizer'), async (c) => {
  const v = await managed(c);
  const r = await roomOf(c, v);
  return roomPage(c, v, r, { values: roomValues(r) });
});
programmePages.post(
  '/conferences/:slug/manage/rooms/:id',
  allow('organizer'),
  saveRoute(roomOf, roomInput, (c, r, input) => updateRoom(c.var.db, r, input), roomPage),
);

programmePages.get('/conferences/:slug/manage/tracks/:id', allow('organizer'), async (c) => {
  const v = await managed(c);
  const x = await trackOf(c, v);
  return trackPage(c, v, x, { values: trackValues(x) });
});
programmePages.post(
  '/conferences/:slug/manage/tracks/:id',
  allow('organizer'),
  saveRoute(trackOf, trackInput, (c, x, input) => updateTrack(c.var.db, x, input), trackPage),
);

/** The confirmation page before a deletion, posting to its own address. */
function askToDelete(c: Ctx, v: ConferenceView, path: string, question: string, detail: string) {
  const t = tr(c);
  return confirmPage(c, {
    question,
    detail,
    action: confPath(c, v.event, `${path}/delete`),
    confirm: t('conferences.manage.deleteYes'),
    back: { label: t('conferences.manage.deleteNo'), href: confPath(c, v.event, '/manage') },
    danger: true,
  });
}

programmePages.get('/conferences/:slug/manage/sessions/:code/delete', allow('organizer'), async (c) => {
  const v = await managed(c);
  const s = await getSession(c.var.db, v.event.id, c.req.param('code'));
  const t = tr(c);
  return askToDelete(
    c,
    v,
    `/manage/sessions/${s.code}`,
    t('conferences.manage.deleteSessionQuestion', { title: textIn(s.title, c.var.locale) }),
    t('conferences.manage.deleteSessionDetail', { count: await heldSignups(c.var.db, s.id) }),
  );
});
programmePages.post('/conferences/:slug/manage/sessions/:code/delete', allow('organizer'), async (c) => {
  const v = await managed(c);
  const s = await getSession(c.var.db, v.event.id, c.req.param('code'));
  const { released } = await deleteSession(c.var.db, v.event, s);
  return c.redirect(confPath(c, v.event, `/manage?released=${released}`), 303);
});

programmePages.get('/conferences/:slug/manage/rooms/:id/delete', allow('organizer'), async (c) => {
  const v = await managed(c);
  const r = await roomOf(c, v);
  const t = tr(c);
  return askToDelete(
    c,
    v,
    `/manage/rooms/${r.id}`,
    t('conferences.manage.deleteRoomQuestion', { name: r.name }),
    t('conferences.manage.deletePlaceDetail'),
  );
});

programmePages.get('/conferences/:slug/manage/tracks/:id/delete', allow('organizer'), async (c) => {
  const v = await managed(c);
  const x = await trackOf(c, v);
  const t = tr(c);
  return askToDelete(
    c,
    v,
    `/manage/tracks/${x.id}`,
    t('conferences.manage.deleteTrackQuestion', { name: textIn(x.name, c.var.locale) }),
    t('conferences.manage.deletePlaceDetail'),
  );
});

/** Deletes a room or track; one still in use is refused on the manage page, in an error alert. */
function deleteRoute<P>(find: (c: Ctx, v: ConferenceView) => Promise<P>, remove: (c: Ctx, part: P) => Promise<void>) {
  return async (c: Ctx) => {
    const v = await managed(c);
    const part = await find(c, v);
    try {
      await remove(c, part);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      return managePage(c, v, { errors: refusal(c, err), status: 409 });
    }
    return c.redirect(confPath(c, v.event, '/manage?deleted=1'), 303);
  };
}

programmePages.post(
  '/conferences/:slug/manage/rooms/:id/delete',
  allow('organizer'),
  deleteRoute(roomOf, (c, r) => deleteRoom(c.var.db, r)),
);
programmePages.post(
  '/conferences/:slug/manage/tracks/:id/delete',
  allow('organizer'),
  deleteRoute(trackOf, (c, x) => deleteTrack(c.var.db, x)),
);
