import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary, Radios, Select, TextArea, TextField } from '../../../platform/ui/components';
import { DataTable } from '../../../platform/ui/data-table';
import { form } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { forbidden } from '../../../platform/http/errors';
import { formatDateTime } from '../../../platform/i18n/format';
import { getPerson, SECTORS } from '../../people';
import { canOrganize } from '../permissions';
import { managed } from './manage';
import {
  applicationCounts,
  applicationDecisionInput,
  decideApplication,
  decideProposal,
  getApplication,
  getConference,
  getProposal,
  isReviewer,
  listApplications,
  outlineOf,
  questionsFromOutline,
  saveCfpQuestions,
  updateConference,
  applicationNotesInput,
  saveNotes,
  listReviewers,
  addReviewer,
  reviewerInput,
  getSession,
  getTopic,
  linkTopic,
  listRooms,
  listSessions,
  listTracks,
  proposalSessionInput,
  scheduleProposal,
  myReview,
  proposalDecisionInput,
  proposalsForReviewer,
  ranking,
  releaseExpired,
  review,
  reviewInput,
  reviewsOf,
  seatsOf,
  type ApplicationFilters,
  type ConferenceView,
} from '../service';
import { APPLICATION_STATUSES, CAREER_STAGES, type Proposal } from '../schema';
import { textIn } from '../lib/schedule-export';
import { confPath } from '../views/shared';
import { conferencesMessages, tr } from '../messages';
import { demographicLabel, demographicValue, refusalOf } from './cfp-public';

export const cfpManagePages = new Hono<AppEnv>();

async function reviewing(c: Ctx): Promise<ConferenceView> {
  const v = await getConference(c.var.db, c.req.param('slug') ?? '');
  if (!canOrganize(c.var.viewer, v.event) && !(await isReviewer(c.var.db, v.event.id, c.var.viewer!.id))) throw forbidden();
  return v;
}

const num = (n: number | null) => (n == null ? '—' : String(n));

/** An organizer page under another: the way back, the heading, then the body. */
function subPage(c: Ctx, title: string, back: { href: string; label: string }, body: Child, status: 200 | 409 | 422 = 200) {
  return page(
    c,
    { title, index: false },
    <>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>{title}</h1>
      {body}
    </>,
    status,
  );
}

async function reviewListPage(
  c: Ctx,
  v: ConferenceView,
  st: { errors?: Record<string, string>; notice?: string; status?: 200 | 422; email?: string } = {},
) {
  const t = tr(c);
  const list = await proposalsForReviewer(c.var.db, v.event.id, c.var.viewer!.id);
  const organizer = canOrganize(c.var.viewer, v.event);
  const reviewers = organizer ? await listReviewers(c.var.db, v.event.id) : [];
  const errors = st.errors ?? {};
  const title = t('conferences.review.title', { title: textIn(v.event.title, c.var.locale) });
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      {st.notice && <Alert type="success">{st.notice}</Alert>}
      <ErrorSummary errors={errors} t={c.var.t} />
      <p>{t('conferences.review.lead')}</p>
      <DataTable
        caption={t('conferences.review.caption')}
        rows={list}
        empty={t('conferences.review.none')}
        columns={[
          {
            label: t('conferences.cfp.talkTitle'),
            rowHeader: true,
            cell: (p) => <a href={confPath(c, v.event, `/review/${p.id}`)}>{p.title}</a>,
          },
          { label: t('conferences.review.status'), cell: (p) => t(`conferences.proposal.status.${p.status as Proposal['status']}`) },
          { label: t('conferences.review.myScore'), cell: (p) => num(p.myScore), numeric: true },
          { label: t('conferences.review.mean'), cell: (p) => num(p.mean), numeric: true },
          { label: t('conferences.review.spread'), cell: (p) => num(p.spread), numeric: true },
          { label: t('conferences.review.count'), cell: (p) => num(p.count), numeric: true },
        ]}
      />
      {organizer && (
        <p>
          <a href={confPath(c, v.event, '/manage/questions')}>{t('conferences.questions.link')}</a>
        </p>
      )}
      {organizer && (
        <section aria-labelledby="reviewers-heading">
          <h2 id="reviewers-heading">{t('conferences.reviewers.title')}</h2>
          {reviewers.length ? (
            <ul>
              {reviewers.map((r) => (
                <li>
                  {r.name} ({r.email})
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('conferences.reviewers.none')}</p>
          )}
          <form method="post" action={confPath(c, v.event, '/review/reviewers')} class="usa-form" novalidate>
            <Csrf token={c.var.csrfToken} />
            <TextField
              name="email"
              type="email"
              label={t('conferences.reviewers.email')}
              hint={t('conferences.reviewers.hint')}
              value={st.email}
              error={errors.email}
              autocomplete="off"
            />
            <Button>{t('conferences.reviewers.add')}</Button>
          </form>
        </section>
      )}
    </>,
    st.status ?? 200,
  );
}

cfpManagePages.get('/conferences/:slug/review', allow('signedIn'), async (c) => reviewListPage(c, await reviewing(c)));

async function questionsPage(
  c: Ctx,
  v: ConferenceView,
  st: { errors?: Record<string, string>; notice?: string; status?: 200 | 422; outline?: string } = {},
) {
  const t = tr(c);
  const errors = st.errors ?? {};
  const title = t('conferences.questions.title', { title: textIn(v.event.title, c.var.locale) });
  return subPage(
    c,
    title,
    { href: confPath(c, v.event, '/review'), label: t('conferences.review.back') },
    <>
      {st.notice && <Alert type="success">{st.notice}</Alert>}
      <ErrorSummary errors={errors} t={c.var.t} />
      <form method="post" action={confPath(c, v.event, '/manage/questions')} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextArea
          name="questions"
          label={t('conferences.questions.label')}
          hint={t('conferences.questions.hint')}
          value={st.outline ?? outlineOf(v.conference.cfpQuestions)}
          error={errors.questions}
          rows={8}
        />
        <Button>{t('conferences.questions.save')}</Button>
      </form>
    </>,
    st.status ?? 200,
  );
}

cfpManagePages.get('/conferences/:slug/manage/questions', allow('organizer'), async (c) => questionsPage(c, await managed(c)));

cfpManagePages.post('/conferences/:slug/manage/questions', allow('organizer'), async (c) => {
  const v = await managed(c);
  const outline = String((await form(c)).questions ?? '');
  try {
    await saveCfpQuestions(c.var.db, v.event.id, questionsFromOutline(outline));
  } catch (err) {
    return questionsPage(c, v, { ...refusalOf(c, err), status: 422, outline });
  }
  return questionsPage(c, await managed(c), { notice: tr(c)('conferences.questions.saved') });
});

cfpManagePages.post('/conferences/:slug/review/reviewers', allow('organizer'), async (c) => {
  const v = await managed(c);
  const values = await form(c);
  const parsed = reviewerInput.safeParse(values);
  if (!parsed.success)
    return reviewListPage(c, v, { errors: errorMessages(c, parsed.error, conferencesMessages), status: 422, email: values.email });
  await addReviewer(c.var.db, v.event.id, parsed.data.email);
  return reviewListPage(c, v, { notice: tr(c)('conferences.reviewers.added', { email: parsed.data.email }) });
});

async function proposalPage(
  c: Ctx,
  v: ConferenceView,
  p: Proposal,
  st: { errors?: Record<string, string>; notice?: string; status?: 200 | 409 | 422; values?: Record<string, string> } = {},
) {
  const t = tr(c);
  const me = c.var.viewer!.id;
  const nameOf = async (id: string) => (await getPerson(c.var.db, id).catch(() => null))?.fullName ?? '';
  const seen = await reviewsOf(c.var.db, p, me, nameOf).catch(() => null);
  const organizer = canOrganize(c.var.viewer, v.event);
  const mine = await myReview(c.var.db, p.id, me);
  const errors = st.errors ?? {};
  const programme =
    organizer && (p.status === 'accepted' || p.status === 'confirmed' || p.sessionId)
      ? await programmeForm({ c, v, p, values: st.values ?? {}, errors })
      : null;
  return page(
    c,
    { title: p.title, index: false },
    <>
      <p>
        <a href={confPath(c, v.event, '/review')}>{t('conferences.review.back')}</a>
      </p>
      <h1>{p.title}</h1>
      {st.notice && <Alert type="success">{st.notice}</Alert>}
      <ErrorSummary errors={Object.fromEntries(Object.entries(errors).filter(([k]) => k !== '_form'))} t={c.var.t} />
      {errors._form && <Alert type="error">{errors._form}</Alert>}
      <p class="pw-meta">
        {t(`conferences.type.${p.type}`)} · {t(`conferences.language.${p.language}`)} · {t(`conferences.level.${p.level}`)} ·{' '}
        {t(`conferences.proposal.status.${p.status}`)}
      </p>
      <p class="pw-pre-line">{p.abstract}</p>
      {v.conference.cfpQuestions.some((q) => p.answers[q.id]) && (
        <>
          <h2>{t('conferences.questions.answers')}</h2>
          <dl>
            {v.conference.cfpQuestions
              .filter((q) => p.answers[q.id])
              .map((q) => (
                <>
                  <dt>{textIn(q.label, c.var.locale)}</dt>
                  <dd class="pw-pre-line">{p.answers[q.id]}</dd>
                </>
              ))}
          </dl>
        </>
      )}
      <h2>{t('conferences.review.yours')}</h2>
      <form method="post" action={confPath(c, v.event, `/review/${p.id}`)} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <Radios
          name="score"
          legend={t('conferences.review.score')}
          value={mine ? String(mine.score) : undefined}
          error={errors.score}
          options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))}
        />
        <TextArea
          name="comment"
          label={t('conferences.review.comment')}
          value={mine?.comment ?? undefined}
          error={errors.comment}
          rows={3}
        />
        <Button>{t('conferences.review.save')}</Button>
      </form>
      <h2>{t('conferences.review.others')}</h2>
      {seen ? (
        <>
          <p>{t('conferences.review.summary', { mean: seen.mean, spread: seen.spread, count: seen.count })}</p>
          <ul>
            {seen.reviews.map((r) => (
              <li>
                {r.reviewer}: {r.score}
                {r.comment && <span class="pw-pre-line"> — {r.comment}</span>}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('conferences.error.scoreFirst')}</p>
      )}
      {organizer && (
        <>
          <h2>{t('conferences.review.decide')}</h2>
          <p>{t('conferences.review.speaker', { name: p.speakerName, email: p.speakerEmail })}</p>
          <form method="post" action={confPath(c, v.event, `/review/${p.id}/decision`)}>
            <Csrf token={c.var.csrfToken} />
            {(['accepted', 'waitlisted', 'rejected'] as const).map((d) => (
              <Button name="decision" value={d} variant={d === 'accepted' ? undefined : 'outline'}>
                {t(`conferences.review.decision.${d}`)}
              </Button>
            ))}
          </form>
          {programme}
        </>
      )}
    </>,
    st.status ?? 200,
  );
}

/** An accepted proposal onto the programme: where and when (the rest comes from the proposal); once made, a link to it. */
async function programmeForm(props: {
  c: Ctx;
  v: ConferenceView;
  p: Proposal;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { c, v, p, values, errors } = props;
  const t = tr(c);
  const loc = c.var.locale;
  const made = p.sessionId ? (await listSessions(c.var.db, v.event.id)).find((s) => s.id === p.sessionId) : undefined;
  if (made)
    return (
      <p>
        {t('conferences.review.onProgramme')} <a href={confPath(c, v.event, `/sessions/${made.code}`)}>{textIn(made.title, loc)}</a>
      </p>
    );
  const [rooms, tracks] = await Promise.all([listRooms(c.var.db, v.event.id), listTracks(c.var.db, v.event.id)]);
  return (
    <>
      <h2>{t('conferences.review.toProgramme')}</h2>
      <p>{t('conferences.review.toProgrammeLead')}</p>
      <form method="post" action={confPath(c, v.event, `/review/${p.id}/session`)} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <Select
          name="roomId"
          label={t('conferences.session.room')}
          blank=""
          value={values.roomId}
          error={errors.roomId}
          options={rooms.map((x) => ({ value: x.id, label: `${x.name} (${x.capacity})` }))}
        />
        <Select
          name="trackId"
          label={t('conferences.session.track')}
          blank="—"
          value={values.trackId ?? p.trackId ?? undefined}
          error={errors.trackId}
          options={tracks.map((x) => ({ value: x.id, label: textIn(x.name, loc) }))}
        />
        <TextField
          name="startsAt"
          type="datetime-local"
          label={t('conferences.manage.startsAt')}
          value={values.startsAt}
          error={errors.startsAt}
        />
        <TextField name="endsAt" type="datetime-local" label={t('conferences.manage.endsAt')} value={values.endsAt} error={errors.endsAt} />
        <TextField
          name="capacity"
          type="number"
          inputmode="numeric"
          label={t('conferences.manage.seats')}
          value={values.capacity}
          error={errors.capacity}
        />
        <Button>{t('conferences.review.toProgrammeButton')}</Button>
      </form>
    </>
  );
}

cfpManagePages.get('/conferences/:slug/review/:id', allow('signedIn'), async (c) => {
  const v = await reviewing(c);
  return proposalPage(c, v, await getProposal(c.var.db, v.event.id, c.req.param('id')));
});

cfpManagePages.post('/conferences/:slug/review/:id', allow('signedIn'), async (c) => {
  const v = await reviewing(c);
  const p = await getProposal(c.var.db, v.event.id, c.req.param('id'));
  const parsed = reviewInput.safeParse(await form(c));
  if (!parsed.success) return proposalPage(c, v, p, { errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
  await review(c.var.db, p, c.var.viewer!.id, parsed.data);
  return proposalPage(c, v, p, { notice: tr(c)('conferences.review.saved') });
});

cfpManagePages.post('/conferences/:slug/review/:id/decision', allow('organizer'), async (c) => {
  const v = await managed(c);
  const p = await getProposal(c.var.db, v.event.id, c.req.param('id'));
  const parsed = proposalDecisionInput.safeParse(await form(c));
  if (!parsed.success) return proposalPage(c, v, p, { errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
  const after = await decideProposal(c.var.db, p, parsed.data.decision);
  return proposalPage(c, v, after, { notice: tr(c)('conferences.review.decided') });
});

cfpManagePages.post('/conferences/:slug/review/:id/session', allow('organizer'), async (c) => {
  const v = await managed(c);
  const p = await getProposal(c.var.db, v.event.id, c.req.param('id'));
  const values = await form(c);
  const parsed = proposalSessionInput.safeParse({ ...values, trackId: values.trackId || null });
  if (!parsed.success) return proposalPage(c, v, p, { errors: errorMessages(c, parsed.error, conferencesMessages), status: 422, values });
  try {
    const s = await scheduleProposal(c.var.db, v.event, p, parsed.data);
    return c.redirect(confPath(c, v.event, `/sessions/${s.code}`), 303);
  } catch (err) {
    const refused = refusalOf(c, err);
    return proposalPage(c, v, p, { ...refused, status: refused.status === 410 ? 409 : refused.status, values });
  }
});

async function rankingPage(c: Ctx, v: ConferenceView, st: { notice?: string } = {}) {
  const t = tr(c);
  const loc = c.var.locale;
  const [list, sessions] = await Promise.all([ranking(c.var.db, v.event.id), listSessions(c.var.db, v.event.id)]);
  const title = t('conferences.ranking.title', { title: textIn(v.event.title, loc) });
  const options = sessions.map((s) => ({
    value: s.code,
    label: `${textIn(s.title, loc)} (${formatDateTime(loc, s.startsAt, v.event.timeZone)})`,
  }));
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>{t('conferences.ranking.lead')}</p>
      {st.notice && <Alert type="success">{st.notice}</Alert>}
      <DataTable
        caption={t('conferences.ranking.caption')}
        rows={list}
        empty={t('conferences.topics.none')}
        columns={[
          { label: t('conferences.ranking.topic'), rowHeader: true, cell: (r) => textIn(r.title, loc) },
          { label: t('conferences.ranking.votes'), cell: (r) => String(r.votes), numeric: true },
          {
            label: t('conferences.ranking.sectors'),
            cell: (r) =>
              Object.entries(r.sectors)
                .map(([s, n]) => `${s === 'unknown' ? t('conferences.ranking.unknown') : translateKey(c, `people.sector.${s}`)}: ${n}`)
                .join(' · '),
          },
          {
            label: t('conferences.ranking.scheduled'),
            cell: (r) => (
              <form method="post" action={confPath(c, v.event, `/manage/ranking/${r.id}`)}>
                <Csrf token={c.var.csrfToken} />
                <Select
                  name="sessionCode"
                  idPrefix={`t-${r.id}-`}
                  label={t('conferences.ranking.session', { topic: textIn(r.title, loc) })}
                  blank="—"
                  value={r.sessionCode ?? undefined}
                  options={options}
                />
                <Button variant="outline">
                  {t('conferences.ranking.link')}
                  <span class="usa-sr-only">: {textIn(r.title, loc)}</span>
                </Button>
              </form>
            ),
          },
        ]}
      />
    </>,
  );
}

cfpManagePages.get('/conferences/:slug/manage/ranking', allow('organizer'), async (c) => rankingPage(c, await managed(c)));

cfpManagePages.post('/conferences/:slug/manage/ranking/:id', allow('organizer'), async (c) => {
  const v = await managed(c);
  const topic = await getTopic(c.var.db, v.event.id, c.req.param('id'));
  const code = String((await form(c)).sessionCode ?? '');
  // An unknown code names no session of this conference: a 404, as in the API.
  const s = code ? await getSession(c.var.db, v.event.id, code) : null;
  await linkTopic(c.var.db, topic, s?.id ?? null);
  return rankingPage(c, v, {
    notice: tr(c)(s ? 'conferences.ranking.linked' : 'conferences.ranking.unlinked', { topic: textIn(topic.title, c.var.locale) }),
  });
});

async function applicationsPage(
  c: Ctx,
  v: ConferenceView,
  st: { errors?: Record<string, string>; notice?: string; status?: 200 | 409 | 410 | 422 } = {},
) {
  const t = tr(c);
  const q = c.req.query();
  const filters: ApplicationFilters = {
    status: (APPLICATION_STATUSES as readonly string[]).includes(q.status ?? '') ? (q.status as ApplicationFilters['status']) : undefined,
    sector: (SECTORS as readonly string[]).includes(q.sector ?? '') ? q.sector : undefined,
    careerStage: (CAREER_STAGES as readonly string[]).includes(q.careerStage ?? '') ? q.careerStage : undefined,
    government: q.government === 'yes' || q.government === 'no' ? q.government : undefined,
  };
  const seats = seatsOf(v.event, v.conference);
  const list = await listApplications(c.var.db, v.event.id, filters);
  const counts = await applicationCounts(c.var.db, seats);
  const title = t('conferences.applications.title', { title: textIn(v.event.title, c.var.locale) });
  const sectorLabel = (s: string) => translateKey(c, `people.sector.${s}`);
  const targets = v.conference.applicationTargets;
  const tally = (kind: 'sector' | 'careerStage' | 'language', label: (k: string) => string) =>
    Object.entries(counts.selected[kind]).map(([k, n]) => ({ k: label(k), n, target: targets[kind]?.[k] }));
  const errors = st.errors ?? {};
  const notice = st.notice ?? (q.targets === 'saved' ? t('conferences.targets.saved') : undefined);
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      {notice && <Alert type="success">{notice}</Alert>}
      {errors._form && <Alert type="error">{errors._form}</Alert>}
      <ErrorSummary errors={Object.fromEntries(Object.entries(errors).filter(([k]) => k !== '_form'))} t={c.var.t} />
      <p>
        {t('conferences.applications.seats', {
          confirmed: counts.byStatus.confirmed ?? 0,
          accepted: counts.byStatus.accepted ?? 0,
          capacity: counts.capacity ?? 0,
        })}
      </p>
      <p>
        <a href={confPath(c, v.event, '/manage/applications/targets')}>{t('conferences.targets.link')}</a>
      </p>
      <DataTable
        caption={t('conferences.applications.mix')}
        rows={[
          ...tally('sector', sectorLabel),
          { k: t('conferences.applications.government'), n: counts.selected.government.yes, target: targets.government?.yes },
          ...tally('careerStage', (k) => t(`conferences.stage.${k as (typeof CAREER_STAGES)[number]}`)),
          ...tally('language', (k) => t(`conferences.language.${k as 'en' | 'es'}`)),
        ]}
        columns={[
          { label: t('conferences.applications.group'), rowHeader: true, cell: (r) => r.k },
          { label: t('conferences.applications.selected'), cell: (r) => String(r.n), numeric: true },
          { label: t('conferences.applications.target'), cell: (r) => (r.target == null ? '—' : String(r.target)), numeric: true },
        ]}
      />
      <form method="get" class="usa-form">
        <Select
          name="status"
          label={t('conferences.applications.status')}
          blank={t('conferences.schedule.any')}
          value={filters.status}
          options={APPLICATION_STATUSES.map((s) => ({
            value: s,
            label: `${t(`conferences.application.status.${s}`)} (${counts.byStatus[s] ?? 0})`,
          }))}
        />
        <Select
          name="sector"
          label={t('conferences.apply.sector')}
          blank={t('conferences.schedule.any')}
          value={filters.sector}
          options={SECTORS.map((s) => ({ value: s, label: sectorLabel(s) }))}
        />
        <Select
          name="careerStage"
          label={t('conferences.apply.careerStage')}
          blank={t('conferences.schedule.any')}
          value={filters.careerStage}
          options={CAREER_STAGES.map((s) => ({ value: s, label: t(`conferences.stage.${s}`) }))}
        />
        <Select
          name="government"
          label={t('conferences.applications.government')}
          blank={t('conferences.schedule.any')}
          value={filters.government}
          options={[
            { value: 'yes', label: t('conferences.applications.yes') },
            { value: 'no', label: t('conferences.applications.no') },
          ]}
        />
        <Button variant="outline">{t('conferences.applications.filter')}</Button>
      </form>
      <DataTable
        caption={t('conferences.applications.caption', { n: list.length })}
        rows={list}
        empty={t('conferences.applications.none')}
        columns={[
          {
            label: t('conferences.apply.name'),
            rowHeader: true,
            cell: (a) => <a href={confPath(c, v.event, `/manage/applications/${a.id}`)}>{a.name}</a>,
          },
          { label: t('conferences.applications.score'), cell: (a) => num(a.score), numeric: true },
          { label: t('conferences.apply.email'), cell: (a) => a.email },
          { label: t('conferences.apply.sector'), cell: (a) => sectorLabel(a.sector) },
          { label: t('conferences.apply.careerStage'), cell: (a) => t(`conferences.stage.${a.careerStage}`) },
          {
            label: t('conferences.applications.status'),
            cell: (a) =>
              a.status === 'waitlisted'
                ? t('conferences.applications.waitlistAt', { n: a.waitlistPosition ?? 0 })
                : a.status === 'accepted' && a.confirmBy
                  ? `${t('conferences.application.status.accepted')} · ${formatDateTime(c.var.locale, a.confirmBy, v.event.timeZone)}`
                  : t(`conferences.application.status.${a.status}`),
          },
          { label: t('conferences.apply.why'), cell: (a) => a.why },
          {
            label: t('conferences.applications.decide'),
            labelHidden: true,
            cell: (a) => (
              <form method="post" action={confPath(c, v.event, `/manage/applications/${a.id}/decision`)}>
                <Csrf token={c.var.csrfToken} />
                {(['accepted', 'waitlisted', 'declined'] as const)
                  .filter((d) => d !== a.status)
                  .map((d) => (
                    <Button name="decision" value={d} variant="outline">
                      {t(`conferences.applications.decision.${d}`)}
                      <span class="usa-sr-only">: {a.name}</span>
                    </Button>
                  ))}
              </form>
            ),
          },
        ]}
      />
      <form method="post" action={confPath(c, v.event, '/manage/applications/release-expired')}>
        <Csrf token={c.var.csrfToken} />
        <Button variant="secondary">{t('conferences.applications.release')}</Button>
      </form>
    </>,
    st.status ?? 200,
  );
}

cfpManagePages.get('/conferences/:slug/manage/applications', allow('organizer'), async (c) => applicationsPage(c, await managed(c)));

cfpManagePages.post('/conferences/:slug/manage/applications/release-expired', allow('organizer'), async (c) => {
  const v = await managed(c);
  const r = await releaseExpired(c.var.db, seatsOf(v.event, v.conference));
  return applicationsPage(c, v, { notice: tr(c)('conferences.applications.released', r) });
});

cfpManagePages.post('/conferences/:slug/manage/applications/:id/decision', allow('organizer'), async (c) => {
  const v = await managed(c);
  const a = await getApplication(c.var.db, v.event.id, c.req.param('id'));
  const parsed = applicationDecisionInput.safeParse(await form(c));
  if (!parsed.success) return applicationsPage(c, v, { errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
  try {
    await decideApplication(c.var.db, seatsOf(v.event, v.conference), a, parsed.data);
  } catch (err) {
    return applicationsPage(c, v, refusalOf(c, err));
  }
  return applicationsPage(c, v, { notice: tr(c)('conferences.applications.decided', { name: a.name }) });
});

type TargetGroup = 'sector' | 'government' | 'careerStage' | 'language';

/** Every target organizers can set: group, key and its label. */
function targetFields(c: Ctx): { group: TargetGroup; legend: string; items: { key: string; label: string }[] }[] {
  const t = tr(c);
  return [
    {
      group: 'sector',
      legend: t('conferences.apply.sector'),
      items: SECTORS.map((k) => ({ key: k, label: translateKey(c, `people.sector.${k}`) })),
    },
    {
      group: 'government',
      legend: t('conferences.applications.government'),
      items: [{ key: 'yes', label: t('conferences.targets.government') }],
    },
    {
      group: 'careerStage',
      legend: t('conferences.apply.careerStage'),
      items: CAREER_STAGES.map((k) => ({ key: k, label: t(`conferences.stage.${k}`) })),
    },
    {
      group: 'language',
      legend: t('conferences.applications.language'),
      items: (['en', 'es'] as const).map((k) => ({ key: k, label: t(`conferences.language.${k}`) })),
    },
  ];
}

async function targetsPage(
  c: Ctx,
  v: ConferenceView,
  st: { errors?: Record<string, string>; values?: Record<string, string>; status?: 200 | 422 } = {},
) {
  const t = tr(c);
  const targets = v.conference.applicationTargets as Partial<Record<TargetGroup, Record<string, number>>>;
  const errors = st.errors ?? {};
  const value = (g: TargetGroup, k: string) => st.values?.[`${g}.${k}`] ?? (targets[g]?.[k] == null ? '' : String(targets[g]?.[k]));
  const title = t('conferences.targets.title', { title: textIn(v.event.title, c.var.locale) });
  return subPage(
    c,
    title,
    { href: confPath(c, v.event, '/manage/applications'), label: t('conferences.applications.back') },
    <>
      <ErrorSummary errors={errors} t={c.var.t} />
      <p>{t('conferences.targets.lead')}</p>
      <form method="post" action={confPath(c, v.event, '/manage/applications/targets')} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        {targetFields(c).map((g) => (
          <fieldset class="usa-fieldset">
            <legend class="usa-legend usa-legend--large">{g.legend}</legend>
            {g.items.map((i) => (
              <TextField
                name={`${g.group}.${i.key}`}
                type="number"
                inputmode="numeric"
                min="0"
                label={i.label}
                value={value(g.group, i.key)}
                error={errors[`${g.group}.${i.key}`]}
              />
            ))}
          </fieldset>
        ))}
        <Button>{t('conferences.targets.save')}</Button>
      </form>
    </>,
    st.status ?? 200,
  );
}

cfpManagePages.get('/conferences/:slug/manage/applications/targets', allow('organizer'), async (c) => targetsPage(c, await managed(c)));

cfpManagePages.post('/conferences/:slug/manage/applications/targets', allow('organizer'), async (c) => {
  const v = await managed(c);
  const values = await form(c);
  const targets: Partial<Record<TargetGroup, Record<string, number>>> = {};
  const errors: Record<string, string> = {};
  for (const g of targetFields(c))
    for (const i of g.items) {
      const raw = (values[`${g.group}.${i.key}`] ?? '').trim();
      if (!raw) continue;
      if (!/^\d{1,6}$/.test(raw) || Number(raw) > 100_000) errors[`${g.group}.${i.key}`] = tr(c)('conferences.error.target');
      else (targets[g.group] ??= {})[i.key] = Number(raw);
    }
  if (Object.keys(errors).length) return targetsPage(c, v, { errors, values, status: 422 });
  await updateConference(c.var.db, v.event.slug, { applicationTargets: targets });
  return c.redirect(confPath(c, v.event, '/manage/applications?targets=saved'), 303);
});

/** One application in full, with the organizers' score and notes (never shown to the applicant). */
async function applicationPage(
  c: Ctx,
  v: ConferenceView,
  id: string,
  st: { errors?: Record<string, string>; notice?: string; status?: 200 | 422; values?: Record<string, string> } = {},
) {
  const t = tr(c);
  const a = await getApplication(c.var.db, v.event.id, id);
  const errors = st.errors ?? {};
  const val = st.values ?? { score: a.score == null ? '' : String(a.score), notes: a.notes ?? '' };
  const demographics = Object.entries(a.demographics ?? {}).filter(([, x]) => x);
  const rows: [string, string][] = [
    [t('conferences.apply.email'), a.email],
    [t('conferences.applications.language'), t(`conferences.language.${a.language}`)],
    [t('conferences.apply.sector'), translateKey(c, `people.sector.${a.sector}`)],
    [t('conferences.apply.careerStage'), t(`conferences.stage.${a.careerStage}`)],
    [t('conferences.applications.status'), t(`conferences.application.status.${a.status}`)],
    [t('conferences.apply.why'), a.why],
    [t('conferences.cfp.accessNeeds'), a.accessNeeds ?? '—'],
    ...demographics.map(([k, x]): [string, string] => [demographicLabel(c, k), demographicValue(c, k, x)]),
  ];
  return subPage(
    c,
    a.name,
    { href: confPath(c, v.event, '/manage/applications'), label: t('conferences.applications.back') },
    <>
      {st.notice && <Alert type="success">{st.notice}</Alert>}
      <ErrorSummary errors={errors} t={c.var.t} />
      <dl>
        {rows.map(([k, x]) => (
          <>
            <dt>{k}</dt>
            <dd class="pw-pre-line">{x}</dd>
          </>
        ))}
      </dl>
      <h2>{t('conferences.applications.notesTitle')}</h2>
      <form method="post" action={confPath(c, v.event, `/manage/applications/${a.id}/notes`)} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <Select
          name="score"
          label={t('conferences.applications.score')}
          blank="—"
          value={val.score}
          error={errors.score}
          options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))}
        />
        <TextArea name="notes" label={t('conferences.applications.notes')} value={val.notes} error={errors.notes} rows={4} />
        <Button>{t('conferences.applications.saveNotes')}</Button>
      </form>
    </>,
    st.status ?? 200,
  );
}

cfpManagePages.get('/conferences/:slug/manage/applications/:id', allow('organizer'), async (c) =>
  applicationPage(c, await managed(c), c.req.param('id')),
);

cfpManagePages.post('/conferences/:slug/manage/applications/:id/notes', allow('organizer'), async (c) => {
  const v = await managed(c);
  const a = await getApplication(c.var.db, v.event.id, c.req.param('id'));
  const values = await form(c);
  const parsed = applicationNotesInput.safeParse(values);
  if (!parsed.success)
    return applicationPage(c, v, a.id, { errors: errorMessages(c, parsed.error, conferencesMessages), status: 422, values });
  await saveNotes(c.var.db, a, parsed.data);
  return applicationPage(c, v, a.id, { notice: tr(c)('conferences.applications.notesSaved') });
});
