import { Hono, type Context } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { page } from '../../../platform/ui/layout';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { AppError } from '../../../platform/http/errors';
import { rsvpRateLimit } from '../permissions';
import { canManageEvent } from '../permissions';
import type { EventRow } from '../schema';
import { buildIcs, createRsvp, findRsvpFor, getSeriesById, manageUrl, pickText, rsvpClosedReason, rsvpInput, unflatten } from '../service';
import type { EventsHooks } from '../service/hooks';
import { jobsForEventPage } from '../service/promotions';
import { EventPage } from '../views/public';
import { eventHead } from '../views/head';
import { eventsMessages, tr } from '../messages';
import { viewerZone, visible } from './viewer';

export const eventIcsPages = new Hono<AppEnv>();

eventIcsPages.get('/events/:slug/event.ics', allow('public'), async (c) => {
  const e = await visible(c, c.req.param('slug'));
  return c.body(buildIcs([e], { locale: c.var.locale, baseUrl: c.var.deps.config.baseUrl }), 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="${e.slug}.ics"`,
  });
});

export async function renderEvent(
  c: Ctx,
  hooks: EventsHooks,
  e: EventRow,
  values: Record<string, string>,
  errors: Record<string, string>,
  status: 200 | 422 | 409 = 200,
) {
  const refusal = await hooks.registration?.refusal(c.var.db, e, c.var.locale);
  const series = await getSeriesById(c.var.db, e.seriesId);
  const mine = c.var.viewer ? ((await findRsvpFor(c.var.db, e.id, c.var.viewer.id)) ?? null) : null;
  // Read only: a worker schedule counts the jobs event pages list (recordEventPageJobs).
  const jobs = await jobsForEventPage(c.var.deps, hooks, e, c.var.locale);
  const surveys = (await hooks.surveys?.eventSurveyLinks(c.var.db, { eventId: e.id, startsAt: e.startsAt, locale: c.var.locale })) ?? [];
  const fairLinks = (await hooks.careerFair?.eventFairLinks(c.var.db, { eventId: e.id, slug: e.slug, locale: c.var.locale })) ?? [];
  return page(
    c,
    {
      title: pickText(e.title, c.var.locale),
      description: pickText(e.summary, c.var.locale) || undefined,
      head: eventHead(c, e),
      index: e.status !== 'draft',
      scripts: ['events.js'],
    },
    <EventPage
      c={c}
      e={e}
      series={series}
      mine={mine}
      jobs={jobs}
      surveys={surveys}
      fairLinks={fairLinks}
      canManage={canManageEvent(c.var.viewer, e)}
      saved={c.req.query('saved')}
      values={values}
      errors={errors}
      viewerZone={viewerZone(c)}
      closed={rsvpClosedReason(e)}
      refusal={refusal ? { ...refusal, refused: status === 409 } : null}
    />,
    status,
  );
}

export const postRsvp = (hooks: EventsHooks) => async (c: Context<AppEnv, '/events/:slug/rsvp'>) => {
  const e = await visible(c, c.req.param('slug'));
  await rsvpRateLimit(c, e.id);
  const values = await form(c);
  if (await hooks.registration?.refusal(c.var.db, e, c.var.locale)) return renderEvent(c, hooks, e, values, {}, 409);
  const nested = unflatten(values) as { answers?: Record<string, string> };
  const viewer = c.var.viewer;
  const parsed = rsvpInput.safeParse({
    name: viewer ? viewer.fullName : (values.name ?? ''),
    email: viewer ? viewer.email : (values.email ?? ''),
    language: viewer ? viewer.language : c.var.locale,
    answers: nested.answers ?? {},
    accessibilityNeeds: values.accessibilityNeeds,
  });
  if (!parsed.success) return renderEvent(c, hooks, e, values, errorMessages(c, parsed.error, eventsMessages), 422);
  try {
    // Signed in, the address is the viewer's own; otherwise it may be anyone's, so new and repeated
    // RSVPs get the same page and the details go only to the address (decision 0011).
    const r = await createRsvp(c.var.db, e, parsed.data, { source: 'web', owner: !!viewer });
    if (!viewer) {
      const t = tr(c);
      return page(
        c,
        { title: t('events.rsvp.sent.title'), index: false },
        <>
          <h1>{t('events.rsvp.sent.title')}</h1>
          <p>{t('events.rsvp.sent.body', { email: parsed.data.email })}</p>
        </>,
      );
    }
    const url = new URL(await manageUrl(c.var.deps, { id: r.rsvp.id, language: c.var.locale }));
    return c.redirect(`${url.pathname}?done=1`, 303);
  } catch (err) {
    if (err instanceof AppError && err.status === 422) {
      const errors = errorMessages(c, err.fields, eventsMessages);
      return renderEvent(c, hooks, e, values, errors, 422);
    }
    throw err;
  }
};
