import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import { AppError, notFound } from '../../../platform/http/errors';
import { formatDateTime } from '../../../platform/i18n/format';
import { z } from 'zod';
import { SECTORS } from '../../people';
import { rsvpRateLimit } from '../../events';
import { visibleConference } from './public';
import {
  addTopic,
  answer,
  applicationById,
  applicationFromToken,
  applicationInput,
  apply,
  cfpOpen,
  editProposal,
  getConference,
  getTopic,
  proposalById,
  proposalEdit,
  proposalFromToken,
  proposalInput,
  seatsOf,
  speakerAnswer,
  submitProposal,
  topicInput,
  topicsFor,
  unvote,
  vote,
  type ConferenceView,
} from '../service';
import { CAREER_STAGES, PROPOSAL_LEVELS, SESSION_TYPES, type Application, type Proposal } from '../schema';
import { textIn } from '../lib/schedule-export';
import { confPath } from '../views/shared';
import { conferencesMessages, tr } from '../messages';

export const cfpPublicPages = new Hono<AppEnv>();

interface State {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  notice?: string;
  status?: 200 | 409 | 410 | 422;
}

/** A service's refusal as messages next to its fields, or above the form when it names none. */
export function refusalOf(c: Ctx, err: unknown): { errors: Record<string, string>; status: 409 | 410 | 422 } {
  if (err instanceof z.ZodError) return { errors: errorMessages(c, err, conferencesMessages), status: 422 };
  if (!(err instanceof AppError) || ![409, 410, 422].includes(err.status)) throw err;
  const errors = Object.fromEntries(Object.entries(err.fields).map(([f, k]) => [f, translateKey(c, k, err.values, conferencesMessages)]));
  if (!Object.keys(errors).length) errors._form = translateKey(c, err.messageKey, err.values, conferencesMessages);
  return { errors, status: err.status as 409 | 410 | 422 };
}

/** The application form's voluntary questions about the applicant (the API takes any such answers). */
const AGE_RANGES = ['under25', '25to34', '35to44', '45to54', '55to64', '65plus'] as const;
const DEMOGRAPHIC_QUESTIONS = ['gender', 'ageRange', 'firstTime'] as const;

export function demographicLabel(c: Ctx, key: string): string {
  return (DEMOGRAPHIC_QUESTIONS as readonly string[]).includes(key)
    ? tr(c)(`conferences.demo.${key as (typeof DEMOGRAPHIC_QUESTIONS)[number]}`)
    : key;
}

export function demographicValue(c: Ctx, key: string, value: string): string {
  const t = tr(c);
  if (key === 'ageRange' && (AGE_RANGES as readonly string[]).includes(value))
    return t(`conferences.demo.age.${value as (typeof AGE_RANGES)[number]}`);
  if (key === 'firstTime' && (value === 'yes' || value === 'no')) return t(`conferences.applications.${value}`);
  return value;
}

const languages = (c: Ctx) => (['en', 'es'] as const).map((x) => ({ value: x, label: tr(c)(`conferences.language.${x}`) }));

function FormTop(props: { c: Ctx; st: State }) {
  const errors = props.st.errors ?? {};
  return (
    <>
      {props.st.notice && <Alert type="success">{props.st.notice}</Alert>}
      <ErrorSummary errors={Object.fromEntries(Object.entries(errors).filter(([k]) => k !== '_form'))} t={props.c.var.t} />
      {errors._form && <Alert type="error">{errors._form}</Alert>}
    </>
  );
}

// ── Call for proposals ────────────────────────────────────────────────────────────────────────────

function proposePage(c: Ctx, v: ConferenceView, st: State = {}) {
  const t = tr(c);
  const title = t('conferences.cfp.title', { title: textIn(v.event.title, c.var.locale) });
  const val = st.values ?? {};
  const err = st.errors ?? {};
  const open = cfpOpen(v.conference);
  const closes = v.conference.cfpClosesAt;
  return page(
    c,
    { title },
    <>
      <h1>{title}</h1>
      <FormTop c={c} st={st} />
      {!open ? (
        <p>{t('conferences.error.cfpClosed')}</p>
      ) : (
        <>
          {closes && <p>{t('conferences.cfp.closes', { when: formatDateTime(c.var.locale, closes, v.event.timeZone) })}</p>}
          <form method="post" class="usa-form usa-form--large" novalidate>
            <Csrf token={c.var.csrfToken} />
            <TextField name="title" label={t('conferences.cfp.talkTitle')} value={val.title} error={err.title} />
            <TextArea name="abstract" label={t('conferences.cfp.abstract')} value={val.abstract} error={err.abstract} rows={5} />
            <Select
              name="type"
              label={t('conferences.session.type')}
              value={val.type ?? 'talk'}
              error={err.type}
              options={SESSION_TYPES.filter((x) => x !== 'break').map((x) => ({ value: x, label: t(`conferences.type.${x}`) }))}
            />
            <Select
              name="language"
              label={t('conferences.session.language')}
              value={val.language ?? c.var.locale}
              error={err.language}
              options={languages(c)}
            />
            <Select
              name="level"
              label={t('conferences.cfp.level')}
              value={val.level ?? 'beginner'}
              error={err.level}
              options={PROPOSAL_LEVELS.map((x) => ({ value: x, label: t(`conferences.level.${x}`) }))}
            />
            <TextField
              name="speakerName"
              label={t('conferences.cfp.speakerName')}
              value={val.speakerName}
              error={err.speakerName}
              autocomplete="name"
            />
            <TextField
              name="speakerEmail"
              type="email"
              label={t('conferences.cfp.speakerEmail')}
              value={val.speakerEmail}
              error={err.speakerEmail}
              autocomplete="email"
            />
            <Select
              name="speakerLanguage"
              label={t('conferences.cfp.emailLanguage')}
              value={val.speakerLanguage ?? c.var.locale}
              error={err.speakerLanguage}
              options={languages(c)}
            />
            <TextArea
              name="accessNeeds"
              label={t('conferences.cfp.accessNeeds')}
              value={val.accessNeeds}
              error={err.accessNeeds}
              rows={2}
            />
            {v.conference.cfpQuestions.map((q) => (
              <TextArea
                name={`answers.${q.id}`}
                label={`${textIn(q.label, c.var.locale)}${q.required ? '' : ` ${t('conferences.cfp.optional')}`}`}
                value={val[`answers.${q.id}`]}
                error={err[`answers.${q.id}`]}
                rows={3}
              />
            ))}
            <Button>{t('conferences.cfp.submit')}</Button>
          </form>
        </>
      )}
    </>,
    st.status ?? 200,
  );
}

/** The proposal form's flat fields as the API's body, and the body's error paths back onto the fields. */
function proposalFrom(values: Record<string, string>) {
  return {
    title: values.title ?? '',
    abstract: values.abstract ?? '',
    type: values.type ?? '',
    language: values.language ?? '',
    level: values.level ?? '',
    speaker: {
      name: values.speakerName ?? '',
      email: values.speakerEmail ?? '',
      language: values.speakerLanguage || undefined,
      accessNeeds: values.accessNeeds,
    },
    answers: Object.fromEntries(Object.entries(values).flatMap(([k, x]) => (k.startsWith('answers.') ? [[k.slice(8), x]] : []))),
  };
}
const flat = (errors: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(errors).map(([k, m]) => [
      k.startsWith('speaker.') ? `speaker${k[8].toUpperCase()}${k.slice(9)}`.replace('speakerAccessNeeds', 'accessNeeds') : k,
      m,
    ]),
  );

cfpPublicPages.get('/conferences/:slug/propose', allow('public'), async (c) => proposePage(c, await visibleConference(c)));

cfpPublicPages.post('/conferences/:slug/propose', allow('public'), async (c) => {
  const v = await visibleConference(c);
  await rsvpRateLimit(c, v.event.id);
  const values = await form(c);
  const parsed = proposalInput.safeParse(proposalFrom(values));
  if (!parsed.success) return proposePage(c, v, { values, errors: flat(errorMessages(c, parsed.error, conferencesMessages)), status: 422 });
  try {
    await submitProposal(c.var.db, v.conference, parsed.data);
  } catch (err) {
    const r = refusalOf(c, err);
    return proposePage(c, v, { values, errors: flat(r.errors), status: r.status === 410 ? 409 : r.status });
  }
  return proposePage(c, v, { notice: tr(c)('conferences.cfp.thanks') });
});

async function proposalFromLink(c: Ctx): Promise<{ v: ConferenceView; p: Proposal }> {
  const id = await proposalFromToken(c.var.deps.secret, c.req.param('token') ?? '');
  if (!id) throw notFound();
  const p = await proposalById(c.var.db, id);
  const v = await getConference(c.var.db, c.req.param('slug') ?? '');
  if (p.eventId !== v.event.id) throw notFound();
  return { v, p };
}

function speakerPage(c: Ctx, v: ConferenceView, p: Proposal, st: State = {}) {
  const t = tr(c);
  const val = st.values ?? { title: p.title, abstract: p.abstract, level: p.level, language: p.language };
  const err = st.errors ?? {};
  return page(
    c,
    { title: t('conferences.speakerLink.title'), index: false },
    <>
      <h1>{t('conferences.speakerLink.title')}</h1>
      <FormTop c={c} st={st} />
      <p>
        <strong>{t(`conferences.proposal.status.${p.status}`)}</strong>
      </p>
      {(p.status === 'accepted' || p.status === 'confirmed') && (
        <form method="post">
          <Csrf token={c.var.csrfToken} />
          {p.status === 'accepted' && (
            <Button name="do" value="confirm">
              {t('conferences.speakerLink.confirm')}
            </Button>
          )}
          <Button name="do" value="withdraw" variant="secondary">
            {t('conferences.speakerLink.withdraw')}
          </Button>
        </form>
      )}
      {cfpOpen(v.conference) && p.status !== 'withdrawn' && (
        <form method="post" class="usa-form usa-form--large" novalidate>
          <Csrf token={c.var.csrfToken} />
          <input type="hidden" name="do" value="edit" />
          <TextField name="title" label={t('conferences.cfp.talkTitle')} value={val.title} error={err.title} />
          <TextArea name="abstract" label={t('conferences.cfp.abstract')} value={val.abstract} error={err.abstract} rows={5} />
          <Select
            name="language"
            label={t('conferences.session.language')}
            value={val.language}
            error={err.language}
            options={languages(c)}
          />
          <Select
            name="level"
            label={t('conferences.cfp.level')}
            value={val.level}
            error={err.level}
            options={PROPOSAL_LEVELS.map((x) => ({ value: x, label: t(`conferences.level.${x}`) }))}
          />
          <Button>{t('conferences.speakerLink.save')}</Button>
        </form>
      )}
    </>,
    st.status ?? 200,
  );
}

cfpPublicPages.get('/conferences/:slug/proposals/:token', allow('public'), async (c) => {
  const { v, p } = await proposalFromLink(c);
  return speakerPage(c, v, p);
});

cfpPublicPages.post('/conferences/:slug/proposals/:token', allow('public'), async (c) => {
  const t = tr(c);
  const { v, p } = await proposalFromLink(c);
  const values = await form(c);
  try {
    if (values.do === 'confirm' || values.do === 'withdraw') {
      const after = await speakerAnswer(c.var.db, p, values.do);
      return speakerPage(c, v, after, { notice: t(`conferences.speakerLink.done.${values.do}`) });
    }
    const parsed = proposalEdit.safeParse(values);
    if (!parsed.success) return speakerPage(c, v, p, { values, errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
    const after = await editProposal(c.var.db, v.conference, p, parsed.data);
    return speakerPage(c, v, after, { notice: t('conferences.speakerLink.saved') });
  } catch (err) {
    const r = refusalOf(c, err);
    return speakerPage(c, v, p, { values, errors: r.errors, status: r.status });
  }
});

// ── Applications ─────────────────────────────────────────────────────────────────────────────────

function applyPage(c: Ctx, v: ConferenceView, st: State = {}) {
  const t = tr(c);
  const title = t('conferences.apply.title', { title: textIn(v.event.title, c.var.locale) });
  const val = st.values ?? {};
  const err = st.errors ?? {};
  return page(
    c,
    { title },
    <>
      <h1>{title}</h1>
      <FormTop c={c} st={st} />
      {!v.conference.requiresApplication ? (
        <p>{t('conferences.error.noApplications')}</p>
      ) : (
        <form method="post" class="usa-form usa-form--large" novalidate>
          <Csrf token={c.var.csrfToken} />
          <TextField name="name" label={t('conferences.apply.name')} value={val.name} error={err.name} autocomplete="name" />
          <TextField
            name="email"
            type="email"
            label={t('conferences.apply.email')}
            value={val.email}
            error={err.email}
            autocomplete="email"
          />
          <Select
            name="language"
            label={t('conferences.cfp.emailLanguage')}
            value={val.language ?? c.var.locale}
            error={err.language}
            options={languages(c)}
          />
          <Select
            name="sector"
            label={t('conferences.apply.sector')}
            blank=""
            value={val.sector}
            error={err.sector}
            options={SECTORS.map((x) => ({ value: x, label: translateKey(c, `people.sector.${x}`) }))}
          />
          <Select
            name="careerStage"
            label={t('conferences.apply.careerStage')}
            blank=""
            value={val.careerStage}
            error={err.careerStage}
            options={CAREER_STAGES.map((x) => ({ value: x, label: t(`conferences.stage.${x}`) }))}
          />
          <TextArea name="why" label={t('conferences.apply.why')} value={val.why} error={err.why} rows={4} />
          <TextArea name="accessNeeds" label={t('conferences.cfp.accessNeeds')} value={val.accessNeeds} error={err.accessNeeds} rows={2} />
          <fieldset class="usa-fieldset">
            <legend class="usa-legend usa-legend--large">{t('conferences.demo.legend')}</legend>
            <p class="usa-hint">{t('conferences.demo.hint')}</p>
            <TextField
              name="demographics.gender"
              label={demographicLabel(c, 'gender')}
              value={val['demographics.gender']}
              error={err['demographics.gender']}
            />
            <Select
              name="demographics.ageRange"
              label={demographicLabel(c, 'ageRange')}
              blank={t('conferences.demo.noAnswer')}
              value={val['demographics.ageRange']}
              error={err['demographics.ageRange']}
              options={AGE_RANGES.map((x) => ({ value: x, label: demographicValue(c, 'ageRange', x) }))}
            />
            <Select
              name="demographics.firstTime"
              label={demographicLabel(c, 'firstTime')}
              blank={t('conferences.demo.noAnswer')}
              value={val['demographics.firstTime']}
              error={err['demographics.firstTime']}
              options={(['yes', 'no'] as const).map((x) => ({ value: x, label: demographicValue(c, 'firstTime', x) }))}
            />
          </fieldset>
          <Button>{t('conferences.apply.submit')}</Button>
        </form>
      )}
    </>,
    st.status ?? 200,
  );
}

cfpPublicPages.get('/conferences/:slug/apply', allow('public'), async (c) => applyPage(c, await visibleConference(c)));

cfpPublicPages.post('/conferences/:slug/apply', allow('public'), async (c) => {
  const t = tr(c);
  const v = await visibleConference(c);
  await rsvpRateLimit(c, v.event.id);
  const values = await form(c);
  // Voluntary: only what was answered is kept.
  const demographics = Object.fromEntries(
    Object.entries(values)
      .filter(([k, x]) => k.startsWith('demographics.') && x.trim())
      .map(([k, x]) => [k.slice('demographics.'.length), x.trim()]),
  );
  const parsed = applicationInput.safeParse({ ...values, accessNeeds: values.accessNeeds, demographics });
  if (!parsed.success) return applyPage(c, v, { values, errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
  try {
    const r = await apply(c.var.db, v.conference, parsed.data);
    return applyPage(c, v, { notice: r.created ? t('conferences.apply.thanks') : t('conferences.apply.already') });
  } catch (err) {
    const r = refusalOf(c, err);
    return applyPage(c, v, { values, errors: r.errors, status: r.status });
  }
});

async function applicationFromLink(c: Ctx): Promise<{ v: ConferenceView; a: Application }> {
  const id = await applicationFromToken(c.var.deps.secret, c.req.param('token') ?? '');
  if (!id) throw notFound();
  const a = await applicationById(c.var.db, id);
  const v = await getConference(c.var.db, c.req.param('slug') ?? '');
  if (a.eventId !== v.event.id) throw notFound();
  return { v, a };
}

/** The emailed page: where the applicant stands, and the confirm and decline buttons while they apply. */
function answerPage(c: Ctx, v: ConferenceView, a: Application, st: State = {}) {
  const t = tr(c);
  const title = t('conferences.answer.title', { title: textIn(v.event.title, c.var.locale) });
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <FormTop c={c} st={st} />
      <p>
        <strong>{t(`conferences.application.status.${a.status}`)}</strong>
      </p>
      {a.status === 'accepted' && a.confirmBy && (
        <p>{t('conferences.answer.by', { when: formatDateTime(c.var.locale, a.confirmBy, v.event.timeZone) })}</p>
      )}
      {(a.status === 'accepted' || a.status === 'confirmed') && (
        <form method="post">
          <Csrf token={c.var.csrfToken} />
          {a.status === 'accepted' && (
            <Button name="answer" value="confirm">
              {t('conferences.answer.confirm')}
            </Button>
          )}
          <Button name="answer" value="decline" variant="secondary">
            {t('conferences.answer.decline')}
          </Button>
        </form>
      )}
    </>,
    st.status ?? 200,
  );
}

cfpPublicPages.get('/conferences/:slug/answer/:token', allow('public'), async (c) => {
  const { v, a } = await applicationFromLink(c);
  return answerPage(c, v, a);
});

cfpPublicPages.post('/conferences/:slug/answer/:token', allow('public'), async (c) => {
  const t = tr(c);
  const { v, a } = await applicationFromLink(c);
  const choice = (await form(c)).answer === 'decline' ? 'decline' : 'confirm';
  try {
    const status = await answer(c.var.db, seatsOf(v.event, v.conference), a, choice);
    return answerPage(c, v, await applicationById(c.var.db, a.id), {
      notice: t(`conferences.answer.done.${status === 'confirmed' ? 'confirmed' : 'released'}`),
    });
  } catch (err) {
    const r = refusalOf(c, err);
    return answerPage(c, v, await applicationById(c.var.db, a.id), { errors: r.errors, status: r.status });
  }
});

// ── Topic voting ─────────────────────────────────────────────────────────────────────────────────

async function topicsPage(c: Ctx, v: ConferenceView, st: State = {}) {
  const t = tr(c);
  const title = t('conferences.topics.title', { title: textIn(v.event.title, c.var.locale) });
  const r = await topicsFor(c.var.db, v.conference, c.var.viewer!.id);
  const val = st.values ?? {};
  const err = st.errors ?? {};
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <FormTop c={c} st={st} />
      <p>{t('conferences.topics.left', { n: r.votesLeft })}</p>
      {r.topics.length ? (
        <ul class="usa-list usa-list--unstyled">
          {r.topics.map((x) => (
            <li class="pw-topic">
              <form method="post" action={confPath(c, v.event, `/topics/${x.id}/vote`)}>
                <Csrf token={c.var.csrfToken} />
                <span>{textIn(x.title, c.var.locale)} </span>
                {x.session_code && (
                  <a href={confPath(c, v.event, `/sessions/${x.session_code}`)}>
                    {t('conferences.topics.scheduled')}
                    <span class="usa-sr-only">: {textIn(x.title, c.var.locale)}</span>
                  </a>
                )}{' '}
                {x.voted ? (
                  <Button name="do" value="withdraw" variant="outline">
                    {t('conferences.topics.withdraw')}
                    <span class="usa-sr-only">: {textIn(x.title, c.var.locale)}</span>
                  </Button>
                ) : (
                  <Button name="do" value="vote">
                    {t('conferences.topics.vote')}
                    <span class="usa-sr-only">: {textIn(x.title, c.var.locale)}</span>
                  </Button>
                )}
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('conferences.topics.none')}</p>
      )}
      <h2>{t('conferences.topics.suggest')}</h2>
      <form method="post" action={confPath(c, v.event, '/topics')} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField name="title" label={t('conferences.topics.titleEn')} value={val.title} error={err.title} />
        <TextField name="titleEs" label={t('conferences.topics.titleEs')} value={val.titleEs} error={err.titleEs} />
        <Button>{t('conferences.topics.add')}</Button>
      </form>
    </>,
    st.status ?? 200,
  );
}

cfpPublicPages.get('/conferences/:slug/topics', allow('signedIn'), async (c) => topicsPage(c, await visibleConference(c)));

cfpPublicPages.post('/conferences/:slug/topics', allow('signedIn'), async (c) => {
  const v = await visibleConference(c);
  const values = await form(c);
  const parsed = topicInput.safeParse(values);
  if (!parsed.success) return topicsPage(c, v, { values, errors: errorMessages(c, parsed.error, conferencesMessages), status: 422 });
  await addTopic(c.var.db, v.event.id, parsed.data, c.var.viewer!.id);
  return topicsPage(c, v, { notice: tr(c)('conferences.topics.added') });
});

cfpPublicPages.post('/conferences/:slug/topics/:id/vote', allow('signedIn'), async (c) => {
  const v = await visibleConference(c);
  const topic = await getTopic(c.var.db, v.event.id, c.req.param('id'));
  const values = await form(c);
  try {
    if (values.do === 'withdraw') await unvote(c.var.db, v.conference, topic, c.var.viewer!.id);
    else await vote(c.var.db, v.conference, topic, c.var.viewer!.id);
  } catch (err) {
    const r = refusalOf(c, err);
    return topicsPage(c, v, { errors: r.errors, status: r.status });
  }
  return c.redirect(confPath(c, v.event, '/topics'), 303);
});
