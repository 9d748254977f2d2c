import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { AppError } from '../../../platform/http/errors';
import { form } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { localePath } from '../../../platform/i18n';
import { formatNumber } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { Alert, Button, Checkbox, Csrf, Radios, Select, TextArea } from '../../../platform/ui/components';
import { pickText } from '../../events';
import { programsMessages, tr } from '../messages';
import { assertManageProgram } from '../permissions';
import { ProgramNav } from '../views/nav';
import { APPLICATION_STATUSES, type Application, type ApplicationStatus, type Program } from '../schema';
import { decide, decisionInput, getApplication, getProgram, listApplications, reasonsIn, review, reviewInput, reviewsOf } from '../service';

export const organizePages = new Hono<AppEnv>();

/** The program of the route's `:slug`, for its organizers only. */
export async function managedProgram(c: Ctx): Promise<Program> {
  const p = await getProgram(c.var.db, c.req.param('slug') ?? '');
  assertManageProgram(c.var.viewer, p);
  return p;
}

const base = (c: Ctx, p: Program) => localePath(c.var.locale, `/programs/${p.slug}/applications`);

organizePages.get('/programs/:slug/applications', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const t = tr(c);
  const asked = c.req.query('status') ?? '';
  const status = (APPLICATION_STATUSES as readonly string[]).includes(asked) ? (asked as ApplicationStatus) : undefined;
  const flagged = c.req.query('flagged') === '1';
  const { list } = await listApplications(c.var.db, p.id, { status, flagged, limit: 200, offset: 0 });
  const title = t('programs.organize.title', { program: pickText(p.title, c.var.locale) });
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <ProgramNav c={c} p={p} />
      <form method="get" action={base(c, p)} class="usa-form">
        <Select
          name="status"
          label={t('programs.organize.filter')}
          value={status ?? ''}
          blank={t('programs.organize.all')}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`programs.status.${s}`) }))}
        />
        <Checkbox name="flagged" value="1" id="flagged" label={t('programs.organize.flaggedOnly')} checked={flagged} />
        <Button variant="outline">{t('programs.organize.show')}</Button>
      </form>
      <DataTable
        caption={t('programs.organize.caption')}
        rows={list}
        empty={t('programs.organize.none')}
        columns={[
          {
            label: t('programs.organize.organization'),
            rowHeader: true,
            cell: (a) => <a href={`${base(c, p)}/${a.id}`}>{a.organization}</a>,
          },
          { label: t('programs.organize.status'), cell: (a) => t(`programs.status.${a.status}`) },
          { label: t('programs.organize.language'), cell: (a) => (a.language === 'es' ? 'Español' : 'English') },
          { label: t('programs.organize.members'), numeric: true, cell: (a) => formatNumber(c.var.locale, a.members.length) },
          {
            label: t('programs.organize.score'),
            numeric: true,
            cell: (a) =>
              a.score === null
                ? t('programs.organize.noScore')
                : `${formatNumber(c.var.locale, a.score)} (${t('programs.organize.reviews', { count: a.reviews })})`,
          },
          {
            label: t('programs.organize.flagsColumn'),
            cell: (a) => (a.recheckedAt ? t('programs.organize.flagCount', { count: a.flags.length }) : '—'),
          },
        ]}
      />
    </>,
  );
});

async function applicationPage(
  c: Ctx,
  p: Program,
  a: Application,
  notice: { done?: string; error?: string } = {},
  status: 200 | 409 | 422 = 200,
) {
  const t = tr(c);
  const l = c.var.locale;
  const reviews = await reviewsOf(c.var.db, a.id);
  const mine = reviews.find((r) => r.reviewerId === c.var.viewer!.id);
  const action = (what: string) => `${base(c, p)}/${a.id}/${what}`;
  return page(
    c,
    { title: a.organization, index: false },
    <>
      <p>
        <a href={base(c, p)}>{t('programs.organize.back')}</a>
      </p>
      <h1>{a.organization}</h1>
      {notice.done && <Alert type="success">{notice.done}</Alert>}
      {notice.error && <Alert type="error">{notice.error}</Alert>}
      <p>
        {t('programs.organize.status')}: <strong>{t(`programs.status.${a.status}`)}</strong> · {t('programs.organize.language')}:{' '}
        {a.language === 'es' ? 'Español' : 'English'}
      </p>
      <h2>{t('programs.organize.contact')}</h2>
      <p>
        {a.contactName} · {a.contactEmail}
      </p>
      <h2>{t('programs.organize.members')}</h2>
      <ul class="usa-list">
        {a.members.map((m) => (
          <li>
            {m.name} · {m.email}
            {m.role && <> · {m.role}</>}
          </li>
        ))}
      </ul>
      {a.reasons.length > 0 && (
        <>
          <h2>{t('programs.organize.reasons')}</h2>
          <ul class="usa-list">
            {reasonsIn(a.reasons, l).map((r) => (
              <li>{r.message}</li>
            ))}
          </ul>
        </>
      )}
      {a.recheckedAt && (
        <>
          <h2>{t('programs.organize.flagsTitle')}</h2>
          {a.flags.length === 0 ? (
            <p>{t('programs.organize.flagsNone')}</p>
          ) : (
            <>
              <p>{t('programs.organize.flagsLead')}</p>
              <ul class="usa-list">
                {reasonsIn(a.flags, l).map((r) => (
                  <li>{r.message}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <h2>{t('programs.organize.answers')}</h2>
      <dl>
        {p.questions.map((q) => (
          <>
            <dt>
              <strong>{pickText(q.label, l)}</strong>
            </dt>
            <dd class="pw-prose">{a.answers[q.id] ?? '—'}</dd>
          </>
        ))}
      </dl>
      <h2>{t('programs.organize.reviewsTitle')}</h2>
      <ul class="usa-list">
        {reviews.map((r) => (
          <li>
            {formatNumber(l, r.score)}/5{r.comment && <> · {r.comment}</>}
          </li>
        ))}
      </ul>
      <h2>{t('programs.organize.reviewTitle')}</h2>
      <form method="post" action={action('review')} class="usa-form usa-form--large">
        <Csrf token={c.var.csrfToken} />
        <Radios
          name="score"
          legend={t('programs.organize.scoreLabel')}
          value={mine ? String(mine.score) : undefined}
          options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))}
        />
        <TextArea name="comment" label={t('programs.organize.comment')} value={mine?.comment ?? ''} rows={3} maxlength={5000} />
        <Button>{t('programs.organize.saveReview')}</Button>
      </form>
      <h2>{t('programs.organize.decisionTitle')}</h2>
      <p>{t('programs.organize.decisionHint')}</p>
      <form method="post" action={action('decision')}>
        <Csrf token={c.var.csrfToken} />
        <Button name="decision" value="accepted">
          {t('programs.organize.accept')}
        </Button>{' '}
        <Button variant="outline" name="decision" value="waitlisted">
          {t('programs.organize.waitlist')}
        </Button>{' '}
        <Button variant="outline" name="decision" value="declined">
          {t('programs.organize.decline')}
        </Button>
      </form>
    </>,
    status,
  );
}

organizePages.get('/programs/:slug/applications/:id', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const a = await getApplication(c.var.db, p.id, c.req.param('id'));
  const t = tr(c);
  const done = c.req.query('done');
  return applicationPage(c, p, a, {
    done: done === 'reviewed' ? t('programs.organize.reviewed') : done === 'decided' ? t('programs.organize.decided') : undefined,
  });
});

organizePages.post('/programs/:slug/applications/:id/review', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const a = await getApplication(c.var.db, p.id, c.req.param('id'));
  const v = await form(c);
  const parsed = reviewInput.safeParse({ score: v.score ?? '', comment: v.comment });
  if (!parsed.success) {
    const fields = errorMessages(c, parsed.error, programsMessages);
    return applicationPage(c, p, a, { error: Object.values(fields).join(' ') }, 422);
  }
  await review(c.var.db, a, c.var.viewer!.id, parsed.data);
  return c.redirect(`${base(c, p)}/${a.id}?done=reviewed`, 303);
});

organizePages.post('/programs/:slug/applications/:id/decision', allow('organizer'), async (c) => {
  const p = await managedProgram(c);
  const a = await getApplication(c.var.db, p.id, c.req.param('id'));
  const parsed = decisionInput.safeParse({ decision: (await form(c)).decision });
  if (!parsed.success) return applicationPage(c, p, a, { error: c.var.t('validation.choose') }, 422);
  try {
    await decide(c.var.db, p, a, parsed.data.decision, c.var.viewer!.id);
  } catch (err) {
    if (err instanceof AppError && err.status === 409)
      return applicationPage(c, p, a, { error: translateKey(c, err.messageKey, undefined, programsMessages) }, 409);
    throw err;
  }
  return c.redirect(`${base(c, p)}/${a.id}?done=decided`, 303);
});
