import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { AppError } from '../../../platform/http/errors';
import { form } from '../../../platform/http/request';
import { translateKey } from '../../../platform/http/validation';
import { localePath } from '../../../platform/i18n';
import { When } from '../views/when';
import { safeHref } from '../../../platform/http/urls';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, TextArea } from '../../../platform/ui/components';
import { errorMessages } from '../../../platform/http/validation';
import { pickText } from '../../events';
import { programsMessages, tr } from '../messages';
import { SLOT_KINDS, type Program, type Session, type Slot } from '../schema';
import {
  book,
  cancelBooking,
  getBooking,
  getProgram,
  getDeliverable,
  handIn,
  handInInput,
  listSessions,
  listSlots,
  teamDeliverables,
  quotaUse,
  teamAttendance,
  teamBookings,
  teamMembers,
  teamOfPerson,
  teamWorksheets,
  latestComments,
} from '../service';

export const teamPages = new Hono<AppEnv>();

function SlotLine(props: { c: Ctx; p: Program; s: Slot }) {
  const t = tr(props.c);
  const { s } = props;
  const link = safeHref(s.link);
  return (
    <>
      <strong>
        <When c={props.c} date={s.startsAt} timeZone={props.p.timeZone} />
      </strong>
      {s.hostName && <> · {t('programs.team.host', { name: s.hostName })}</>}
      {link && (
        <>
          {' · '}
          <a href={link}>{t('programs.team.join')}</a>
        </>
      )}
    </>
  );
}

function SessionLine(props: { c: Ctx; p: Program; s: Session }) {
  const t = tr(props.c);
  const { s } = props;
  const link = safeHref(s.link);
  return (
    <>
      <strong>{pickText(s.title, props.c.var.locale)}</strong>: <When c={props.c} date={s.startsAt} timeZone={props.p.timeZone} />
      {s.cancelledAt ? (
        <> · {t('programs.team.sessionCancelled')}</>
      ) : (
        link && (
          <>
            {' · '}
            <a href={link}>{t('programs.team.join')}</a>
          </>
        )
      )}
    </>
  );
}

async function teamPage(
  c: Ctx,
  p: Program,
  notice: { done?: string; error?: string; values?: Record<string, string>; fieldErrors?: Record<string, string> } = {},
  status: 200 | 409 | 422 = 200,
) {
  const t = tr(c);
  const locale = c.var.locale;
  const programTitle = pickText(p.title, locale);
  const team = await teamOfPerson(c.var.db, p.id, c.var.viewer!.id);
  if (!team)
    return page(
      c,
      { title: programTitle, index: false, scripts: ['events.js'] },
      <>
        <h1>{programTitle}</h1>
        <p>{t('programs.team.none')}</p>
      </>,
    );
  const [members, bookings, use, slots, sessions, attendance, work, sheets, comments] = await Promise.all([
    teamMembers(c.var.db, [team.id]),
    teamBookings(c.var.db, team.id),
    quotaUse(c.var.db, team.id),
    listSlots(c.var.db, p.id),
    listSessions(c.var.db, p.id),
    teamAttendance(c.var.db, p, team.id),
    teamDeliverables(c.var.db, p, team.id),
    teamWorksheets(c.var.db, p.id, team.id),
    latestComments(c.var.db, team.id),
  ]);
  const now = new Date();
  const weekAhead = new Date(now.getTime() + 7 * 86_400_000);
  // The week's session(s): running now or starting in the next seven days.
  const thisWeek = sessions.filter((s) => !s.cancelledAt && s.endsAt > now && s.startsAt < weekAhead);
  const mine = new Set(bookings.map((b) => b.slotId));
  const action = (path: string) => localePath(locale, `/programs/${p.slug}/team/${path}`);
  const title = t('programs.team.title', { team: team.name, program: programTitle });
  return page(
    c,
    { title, index: false, scripts: ['events.js'] },
    <>
      <h1>{title}</h1>
      {notice.done && <Alert type="success">{notice.done}</Alert>}
      {notice.error && <Alert type="error">{notice.error}</Alert>}
      <p>{t('programs.page.zone', { zone: p.timeZone })}</p>
      <p>
        <a href={localePath(locale, `/programs/${p.slug}/teams/${team.id}/progress`)}>{t('programs.team.progress')}</a>
      </p>
      <h2>{t('programs.team.thisWeek')}</h2>
      {thisWeek.length === 0 ? (
        <p>{t('programs.team.nothingThisWeek')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled pw-stack">
          {thisWeek.map((s) => (
            <li>
              <SessionLine c={c} p={p} s={s} />
            </li>
          ))}
        </ul>
      )}
      <h2>{t('programs.team.sessions')}</h2>
      {sessions.length === 0 ? (
        <p>{t('programs.team.noSessions')}</p>
      ) : (
        <>
          <p>{t('programs.team.attendance', { attended: attendance.attended, total: attendance.total })}</p>
          <ul class="usa-list usa-list--unstyled pw-stack">
            {sessions
              .filter((s) => s.endsAt > now)
              .map((s) => (
                <li>
                  <SessionLine c={c} p={p} s={s} />
                </li>
              ))}
          </ul>
        </>
      )}
      <h2>{t('programs.team.bookings')}</h2>
      {bookings.length === 0 ? (
        <p>{t('programs.team.noBookings')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled pw-stack">
          {bookings.map((b) => (
            <li>
              <p>
                {t(`programs.kind.${b.slot.kind}`)}: <SlotLine c={c} p={p} s={b.slot} />
              </p>
              {b.slot.startsAt > now && (
                <form method="post" action={action('cancel')}>
                  <Csrf token={c.var.csrfToken} />
                  <input type="hidden" name="bookingId" value={b.id} />
                  <Button variant="outline">{t('programs.team.cancel')}</Button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {SLOT_KINDS.filter((k) => use[k].quota > 0).map((k) => {
        const left = use[k].quota - use[k].booked;
        const open = slots.filter((s) => s.kind === k && s.startsAt > now && !s.cancelledAt);
        return (
          <section aria-labelledby={`kind-${k}`}>
            <h2 id={`kind-${k}`}>{t(`programs.kind.${k}`)}</h2>
            <p>{t('programs.team.left', { left, quota: use[k].quota })}</p>
            {open.length === 0 ? (
              <p>{t('programs.team.noSlots')}</p>
            ) : (
              <ul class="usa-list usa-list--unstyled pw-stack">
                {open.map((s) => (
                  <li>
                    <p>
                      <SlotLine c={c} p={p} s={s} /> · {t('programs.team.seats', { free: s.capacity - s.booked })}
                    </p>
                    {!mine.has(s.id) && left > 0 && s.booked < s.capacity && (
                      <form method="post" action={action('book')}>
                        <Csrf token={c.var.csrfToken} />
                        <input type="hidden" name="slotId" value={s.id} />
                        <Button>{t('programs.team.book')}</Button>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {sheets.length > 0 && (
        <>
          <h2>{t('programs.team.worksheets')}</h2>
          <ul class="usa-list">
            {sheets.map((w) => (
              <li>
                <a href={localePath(locale, `/programs/${p.slug}/teams/${team.id}/worksheets/${w.key}`)}>{pickText(w.title, locale)}</a>:{' '}
                {t('programs.worksheets.answered', { answered: w.answered, total: w.total })}
              </li>
            ))}
          </ul>
        </>
      )}
      {comments.length > 0 && (
        <>
          <h2>{t('programs.team.comments')}</h2>
          <ul class="usa-list usa-list--unstyled pw-stack">
            {comments.map((x) => (
              <li>
                <p class="pw-meta">
                  <a
                    href={`${localePath(locale, `/programs/${p.slug}/teams/${team.id}/worksheets/${x.key}`)}#section-${x.comment.sectionId}`}
                  >
                    {t('programs.team.commentOn', { worksheet: pickText(x.title, locale) })}
                  </a>{' '}
                  · {x.comment.authorName} · <When c={c} date={x.comment.createdAt} timeZone={p.timeZone} />
                </p>
                <p class="pw-pre-line">{x.comment.body}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {work.length > 0 && <h2>{t('programs.team.deliverables')}</h2>}
      {work.map((d) => (
        <section aria-labelledby={`d-${d.key}`}>
          <h3 id={`d-${d.key}`}>{pickText(d.title, locale)}</h3>
          <p>
            {t(`programs.deliverable.${d.status}`)} · {t('programs.team.due')} <When c={c} date={d.dueAt} timeZone={p.timeZone} />
          </p>
          <form method="post" action={action(`deliverables/${d.key}`)} class="usa-form usa-form--large">
            <Csrf token={c.var.csrfToken} />
            <TextArea
              name="content"
              idPrefix={`${d.key}-`}
              label={t('programs.team.yourWork')}
              value={notice.values?.[d.key] ?? d.content}
              error={notice.fieldErrors?.[d.key]}
              rows={8}
              maxlength={20_000}
            />
            <Button>{t('programs.team.handIn')}</Button>
          </form>
        </section>
      ))}
      <h2>{t('programs.team.members')}</h2>
      <ul class="usa-list">
        {members.map((m) => (
          <li>
            {m.name}
            {m.role && <> ({m.role})</>}
          </li>
        ))}
      </ul>
    </>,
    status,
  );
}

teamPages.get('/programs/:slug/team', allow('signedIn'), async (c) => {
  const p = await getProgram(c.var.db, c.req.param('slug'));
  const t = tr(c);
  const done = c.req.query('done');
  const notices: Record<string, string> = {
    booked: t('programs.team.booked'),
    cancelled: t('programs.team.cancelled'),
    handedIn: t('programs.team.handedIn'),
  };
  return teamPage(c, p, { done: done && Object.hasOwn(notices, done) ? notices[done] : undefined });
});

/** Refusals (full, quota used, past) are shown on the team page, translated, with nothing changed. */
async function orRefusal(c: Ctx, p: Program, run: () => Promise<string>) {
  try {
    return c.redirect(localePath(c.var.locale, `/programs/${p.slug}/team?done=${await run()}`), 303);
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || err.status === 422))
      return teamPage(c, p, { error: translateKey(c, err.messageKey, undefined, programsMessages) }, err.status);
    throw err;
  }
}

teamPages.post('/programs/:slug/team/book', allow('signedIn'), async (c) => {
  const p = await getProgram(c.var.db, c.req.param('slug'));
  const team = await teamOfPerson(c.var.db, p.id, c.var.viewer!.id);
  if (!team) return teamPage(c, p);
  const v = await form(c);
  return orRefusal(c, p, async () => {
    await book(c.var.db, c.var.deps.config.baseUrl, p, v.slotId ?? '', team.id, c.var.viewer!.id);
    return 'booked';
  });
});

teamPages.post('/programs/:slug/team/cancel', allow('signedIn'), async (c) => {
  const p = await getProgram(c.var.db, c.req.param('slug'));
  const team = await teamOfPerson(c.var.db, p.id, c.var.viewer!.id);
  if (!team) return teamPage(c, p);
  const v = await form(c);
  const b = await getBooking(c.var.db, p.id, v.bookingId ?? '');
  if (b.teamId !== team.id) throw new AppError('forbidden', 403, 'errors.forbidden');
  return orRefusal(c, p, async () => {
    await cancelBooking(c.var.db, c.var.deps.config.baseUrl, p, b.id);
    return 'cancelled';
  });
});

teamPages.post('/programs/:slug/team/deliverables/:key', allow('signedIn'), async (c) => {
  const p = await getProgram(c.var.db, c.req.param('slug'));
  const team = await teamOfPerson(c.var.db, p.id, c.var.viewer!.id);
  if (!team) return teamPage(c, p);
  const d = await getDeliverable(c.var.db, p.id, c.req.param('key'));
  const v = await form(c);
  const parsed = handInInput.safeParse({ content: v.content ?? '' });
  if (!parsed.success) {
    const message = errorMessages(c, parsed.error, programsMessages).content;
    return teamPage(c, p, { values: { [d.key]: v.content ?? '' }, fieldErrors: { [d.key]: message } }, 422);
  }
  await handIn(c.var.db, team.id, d, parsed.data.content, c.var.viewer!.id);
  return c.redirect(localePath(c.var.locale, `/programs/${p.slug}/team?done=handedIn`), 303);
});
