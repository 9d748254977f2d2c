import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf } from '../../../platform/ui/components';
import { DataTable } from '../../../platform/ui/data-table';
import { notFound } from '../../../platform/http/errors';
import { getEventById } from '../../events';
import { cancelSignup, feedbackFor, getSignup, sessionFromSpeakerToken, signupFromToken, waitlistPosition } from '../service';
import { conferenceSessions, type Session, type Signup } from '../schema';
import { textIn } from '../lib/schedule-export';
import { formatDateTime } from '../../../platform/i18n/format';
import { localePath } from '../../../platform/i18n';
import { tr } from '../messages';

export const signupPages = new Hono<AppEnv>();

async function sessionById(c: Ctx, id: string): Promise<Session> {
  const [s] = await c.var.db.select().from(conferenceSessions).where(eq(conferenceSessions.id, id));
  if (!s) throw notFound();
  return s;
}

async function signupFrom(c: Ctx): Promise<Signup> {
  const id = await signupFromToken(c.var.deps.secret, c.req.param('token') ?? '');
  if (!id) throw notFound();
  return getSignup(c.var.db, id);
}

async function managePage(c: Ctx, signup: Signup, notice?: string) {
  const t = tr(c);
  const s = await sessionById(c, signup.sessionId);
  const e = await getEventById(c.var.db, s.eventId);
  const position = await waitlistPosition(c.var.db, signup);
  const status =
    signup.status === 'waitlist'
      ? t('conferences.signup.status.waitlist', { position: position ?? 0 })
      : signup.status === 'cancelled'
        ? t('conferences.signup.status.cancelled')
        : t('conferences.signup.status.confirmed');
  return page(
    c,
    { title: t('conferences.signup.manageTitle'), index: false },
    <>
      <h1>{t('conferences.signup.manageTitle')}</h1>
      {notice && <Alert type="success">{notice}</Alert>}
      <p>
        <a href={localePath(c.var.locale, `/conferences/${e.slug}/sessions/${s.code}`)}>{textIn(s.title, c.var.locale)}</a> —{' '}
        {formatDateTime(c.var.locale, s.startsAt, e.timeZone)}
      </p>
      <p>
        <strong>{status}</strong>
      </p>
      {signup.status !== 'cancelled' && (
        <form method="post">
          <Csrf token={c.var.csrfToken} />
          <Button variant="secondary">{t('conferences.signup.cancel')}</Button>
        </form>
      )}
    </>,
  );
}

signupPages.get('/conferences/signups/:token', allow('public'), async (c) => managePage(c, await signupFrom(c)));

signupPages.post('/conferences/signups/:token', allow('public'), async (c) => {
  const signup = await signupFrom(c);
  const after = await cancelSignup(c.var.db, signup.id);
  return managePage(c, after, tr(c)('conferences.signup.cancelled'));
});

/** What speakers see of their session's feedback: counts and comments, never who wrote them. */
signupPages.get('/conferences/:slug/speakers/:token', allow('public'), async (c) => {
  const t = tr(c);
  const id = await sessionFromSpeakerToken(c.var.deps.secret, c.req.param('token'));
  if (!id) throw notFound();
  const s = await sessionById(c, id);
  const e = await getEventById(c.var.db, s.eventId);
  if (e.slug !== c.req.param('slug')) throw notFound();
  const f = await feedbackFor(c.var.db, s.id);
  const title = textIn(s.title, c.var.locale);
  return page(
    c,
    { title: t('conferences.speaker.title', { title }), index: false },
    <>
      <h1>{t('conferences.speaker.title', { title })}</h1>
      <p>{t('conferences.speaker.summary', { count: f.count, mean: f.mean ?? 0 })}</p>
      <DataTable
        caption={t('conferences.feedback.title')}
        rows={[5, 4, 3, 2, 1].map((n) => ({ n, people: f.ratings[n - 1] }))}
        columns={[
          { label: t('conferences.feedback.rating'), rowHeader: true, cell: (r) => t('conferences.speaker.stars', { n: r.n }) },
          { label: t('conferences.speaker.people'), cell: (r) => String(r.people), numeric: true },
        ]}
      />
      <h2>{t('conferences.speaker.comments')}</h2>
      {f.comments.length ? (
        <ul>
          {f.comments.map((x) => (
            <li class="pw-pre-line">{x}</li>
          ))}
        </ul>
      ) : (
        <p>{t('conferences.speaker.noComments')}</p>
      )}
    </>,
  );
});
