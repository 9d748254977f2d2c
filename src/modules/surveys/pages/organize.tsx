import { Hono } from 'hono';
import { notFound } from '../../../platform/http/errors';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { organizerScopes } from '../../../platform/auth/roles';
import { page } from '../../../platform/ui/layout';
import { DataTable } from '../../../platform/ui/data-table';
import { toCsv } from '../../../platform/csv';
import { fewerThan } from '../../../platform/counts';
import { assertManageSurvey } from '../permissions';
import { getSurvey, listSurveys, surveyResults, type SurveyResults } from '../service/surveys';
import { chapterReport, programReport, type ChapterReport } from '../service/report';
import { findProgram, programById } from '../service/programs';
import type { SurveyQuestion } from '../schema';
import { tr } from '../messages';
import { Alert, Button, Csrf } from '../../../platform/ui/components';
import { sendToEventPeople } from '../service/send';
import { pickText } from '../../events';

export const surveysOrganizePages = new Hono<AppEnv>();

type Shown = number | { value: null; suppressed: true } | undefined;
/** A figure for impact reports: suppressed cells read "fewer than 5". */
const shown = (c: Ctx, v: Shown) => (v === undefined ? '' : typeof v === 'number' ? String(v) : fewerThan(c.var.locale));

/** An option in the reader's language: yes/no from the catalog, a choice from the question's own options. */
function optionLabel(c: Ctx, q: SurveyQuestion | undefined, option: string, index: number) {
  const t = tr(c);
  if (q?.kind === 'choice') return pickText(q.options?.[index], c.var.locale) || option;
  return option === 'yes' ? t('surveys.yes') : option === 'no' ? t('surveys.no') : option;
}

/** Horizontal bars, drawn from the same figures as the table beside it (which screen readers use). */
function Bars(props: { counts: { label: string; value: Shown }[] }) {
  const max = Math.max(1, ...props.counts.map((x) => (typeof x.value === 'number' ? x.value : 0)));
  const row = 28;
  return (
    <svg class="pw-chart" viewBox={`0 0 400 ${row * props.counts.length}`} aria-hidden="true" focusable="false">
      {props.counts.map((x, i) => (
        <g>
          <text x="0" y={i * row + 18} font-size="14">
            {x.label.slice(0, 18)}
          </text>
          <rect x="140" y={i * row + 6} height="16" width={typeof x.value === 'number' ? (240 * x.value) / max : 0} fill="#1a4480" />
        </g>
      ))}
    </svg>
  );
}

/** A question's answers as bars and, beside them, the table screen readers use. */
function CountsTable(props: { c: Ctx; caption: string; counts: { label: string; value: Shown }[] }) {
  const t = tr(props.c);
  return (
    <>
      <Bars counts={props.counts} />
      <DataTable
        caption={props.caption}
        captionHidden
        columns={[
          { label: t('surveys.organize.option'), cell: (x) => x.label, rowHeader: true },
          { label: t('surveys.organize.count'), cell: (x) => shown(props.c, x.value), numeric: true },
        ]}
        rows={props.counts}
      />
    </>
  );
}

/** The change columns of a before/after table: the mean change, and the share improved as a percentage. */
function changeColumns<R extends { meanChange: Shown; shareImproved: Shown }>(c: Ctx) {
  const t = tr(c);
  return [
    { label: t('surveys.organize.meanChange'), cell: (x: R) => shown(c, x.meanChange), numeric: true },
    {
      label: t('surveys.organize.improved'),
      cell: (x: R) => (typeof x.shareImproved === 'number' ? `${Math.round(x.shareImproved * 100)}%` : shown(c, x.shareImproved)),
      numeric: true,
    },
  ];
}

surveysOrganizePages.get('/organize/surveys', allow('organizer'), async (c) => {
  const t = tr(c);
  const list = await listSurveys(c.var.db, organizerScopes(c.var.viewer));
  const chapters = [...new Set(list.map((s) => s.chapter).filter((x): x is string => !!x))].sort();
  const programIds = [...new Set(list.map((s) => s.programId).filter((x): x is string => !!x))];
  const programs = (await Promise.all(programIds.map((id) => programById(c.var.db, id)))).filter((p) => p !== null);
  return page(
    c,
    { title: t('surveys.organize.title'), index: false },
    <>
      <h1>{t('surveys.organize.title')}</h1>
      <p>
        <a href={localePath(c.var.locale, '/organize/surveys/new')}>{t('surveys.new.link')}</a>
      </p>
      {chapters.length + programs.length > 0 && (
        <ul class="usa-list">
          {chapters.map((ch) => (
            <li>
              <a href={localePath(c.var.locale, `/organize/surveys/chapter/${ch}`)}>{t('surveys.chapter.link', { chapter: ch })}</a>
            </li>
          ))}
          {programs.map((p) => (
            <li>
              <a href={localePath(c.var.locale, `/organize/surveys/program/${p.slug}`)}>
                {t('surveys.program.link', { program: pickText(p.title, c.var.locale) })}
              </a>
            </li>
          ))}
        </ul>
      )}
      {list.length === 0 ? (
        <p>{t('surveys.organize.none')}</p>
      ) : (
        <ul class="usa-list">
          {list.map((s) => (
            <li>
              <a href={localePath(c.var.locale, `/organize/surveys/${s.id}`)}>{pickText(s.title, c.var.locale)}</a>
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});

async function results(c: Ctx): Promise<{ title: string; r: SurveyResults; id: string; questions: SurveyQuestion[]; sendable: boolean }> {
  const s = await getSurvey(c.var.db, c.req.param('id') ?? '');
  assertManageSurvey(c.var.viewer, s);
  return {
    title: pickText(s.title, c.var.locale),
    r: await surveyResults(c.var.db, s, { withTexts: true }),
    id: s.id,
    questions: s.questions,
    sendable: !!s.eventId && s.kind !== 'followup',
  };
}

surveysOrganizePages.get('/organize/surveys/:id', allow('organizer'), async (c) => {
  const t = tr(c);
  const { title, r, id, questions, sendable } = await results(c);
  const sent = c.req.query('sent');
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      {sent !== undefined && /^\d+$/.test(sent) && <Alert type="success">{t('surveys.send.done', { people: Number(sent) })}</Alert>}
      {sendable && (
        <form method="post" action={localePath(c.var.locale, `/organize/surveys/${id}/send`)}>
          <Csrf token={c.var.csrfToken} />
          <p class="usa-hint">{t('surveys.send.hint')}</p>
          <Button variant="outline">{t('surveys.send.button')}</Button>
        </form>
      )}
      <p>
        {t('surveys.organize.responses')}: {shown(c, r.responses)} ·{' '}
        <a href={localePath(c.var.locale, `/surveys/${id}`)}>{t('surveys.organize.link')}</a> ·{' '}
        <a href={localePath(c.var.locale, `/organize/surveys/${id}/results.csv`)}>{t('surveys.organize.csv')}</a>
      </p>
      <p>{t('surveys.organize.suppressed')}</p>
      {r.questions.map((q) => {
        const question = questions.find((x) => x.id === q.id);
        const counts = (q.counts ?? []).map((x, i) => ({ label: optionLabel(c, question, x.option, i), value: x.count as Shown }));
        return (
          <section aria-labelledby={`q-${q.id}`}>
            <h2 id={`q-${q.id}`}>{pickText(q.label, c.var.locale)}</h2>
            {q.mean !== undefined && (
              <p>
                {t('surveys.organize.mean')}: {typeof q.mean === 'number' ? q.mean : shown(c, q.mean)}
              </p>
            )}
            {counts.length > 0 && <CountsTable c={c} caption={pickText(q.label, c.var.locale)} counts={counts} />}
            {q.texts && q.texts.length > 0 && (
              <ul class="usa-list">
                {q.texts.map((x) => (
                  <li class="pw-pre-wrap">{x}</li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {r.paired && (
        <section aria-labelledby="paired">
          <h2 id="paired">{t('surveys.organize.paired')}</h2>
          <p>
            {t('surveys.organize.pairedPeople')}: {shown(c, r.paired.people)}
          </p>
          <DataTable
            caption={t('surveys.organize.paired')}
            captionHidden
            columns={[
              {
                label: t('surveys.organize.question'),
                cell: (x) => pickText(questions.find((q) => q.id === x.id)?.label, c.var.locale) || x.id,
                rowHeader: true,
              },
              ...changeColumns<(typeof r.paired.questions)[number]>(c),
            ]}
            rows={r.paired.questions}
          />
        </section>
      )}
    </>,
  );
});

surveysOrganizePages.post('/organize/surveys/:id/send', allow('organizer'), async (c) => {
  const s = await getSurvey(c.var.db, c.req.param('id'));
  assertManageSurvey(c.var.viewer, s);
  const { people } = await sendToEventPeople(c.var.deps, s);
  return c.redirect(`${localePath(c.var.locale, `/organize/surveys/${s.id}`)}?sent=${people}`, 303);
});

surveysOrganizePages.get('/organize/surveys/:id/results.csv', allow('organizer'), async (c) => {
  const t = tr(c);
  const { r, questions } = await results(c);
  const rows = r.questions.flatMap((q) =>
    (q.counts ?? []).map((x, i) => [
      pickText(q.label, c.var.locale),
      optionLabel(
        c,
        questions.find((y) => y.id === q.id),
        x.option,
        i,
      ),
      shown(c, x.count as Shown),
    ]),
  );
  const csv = toCsv([t('surveys.organize.question'), t('surveys.organize.option'), t('surveys.organize.count')], rows);
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="survey-results.csv"',
    'Cache-Control': 'no-store',
  });
});

/** Whose totals a page shows: a chapter's, or a program's (found through the programs hook), each to its own organizers. */
async function figuresFor(c: Ctx): Promise<{ r: ChapterReport; title: string; lead: string; base: string }> {
  const t = tr(c);
  const chapter = c.req.param('chapter');
  if (chapter !== undefined) {
    assertManageSurvey(c.var.viewer, { chapter });
    return {
      r: await chapterReport(c.var.db, chapter),
      title: t('surveys.chapter.title', { chapter }),
      lead: t('surveys.chapter.lead'),
      base: `/organize/surveys/chapter/${chapter}`,
    };
  }
  const program = await findProgram(c.var.db, c.req.param('program') ?? '');
  if (!program) throw notFound();
  assertManageSurvey(c.var.viewer, program);
  return {
    r: await programReport(c.var.db, program.id),
    title: t('surveys.program.title', { program: pickText(program.title, c.var.locale) }),
    lead: t('surveys.program.lead'),
    base: `/organize/surveys/program/${program.slug}`,
  };
}

/** A pooled question's answers as labelled rows (yes/no translated; Likert 1–5 as they are). */
const pooledRows = (c: Ctx, q: ChapterReport['questions'][number]) =>
  (q.counts ?? []).map((x, i) => ({ label: optionLabel(c, undefined, x.option, i), value: x.count as Shown }));

async function totalsPage(c: Ctx) {
  const t = tr(c);
  const l = c.var.locale;
  const { r, title, lead, base } = await figuresFor(c);
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>{lead}</p>
      <p>{t('surveys.organize.suppressed')}</p>
      <p>
        {t('surveys.organize.responses')}: {shown(c, r.responses)} ·{' '}
        <a href={localePath(l, `${base}/results.csv`)}>{t('surveys.organize.csv')}</a>
      </p>
      <h2>{t('surveys.chapter.surveys')}</h2>
      <DataTable
        caption={t('surveys.chapter.surveys')}
        captionHidden
        rows={r.surveys}
        empty={t('surveys.organize.none')}
        columns={[
          {
            label: t('surveys.organize.title'),
            rowHeader: true,
            cell: (s) => <a href={localePath(l, `/organize/surveys/${s.id}`)}>{pickText(s.title, l)}</a>,
          },
          { label: t('surveys.new.kind'), cell: (s) => t(`surveys.new.kind.${s.kind}`) },
          { label: t('surveys.organize.responses'), cell: (s) => shown(c, s.responses), numeric: true },
        ]}
      />
      <section aria-labelledby="confidence">
        <h2 id="confidence">{t('surveys.organize.paired')}</h2>
        <p>{t('surveys.chapter.confidenceLead')}</p>
        <DataTable
          caption={t('surveys.organize.paired')}
          captionHidden
          rows={[r.confidence]}
          columns={[
            { label: t('surveys.organize.pairedPeople'), cell: (x) => shown(c, x.people), numeric: true },
            ...changeColumns<ChapterReport['confidence']>(c),
          ]}
        />
      </section>
      {r.questions.map((q, i) => {
        const counts = pooledRows(c, q);
        const label = pickText(q.label, l);
        return (
          <section aria-labelledby={`pooled-${i}`}>
            <h2 id={`pooled-${i}`}>{label}</h2>
            <p>
              {t('surveys.chapter.askedIn', { surveys: q.surveys })}
              {q.mean !== undefined && ` ${t('surveys.organize.mean')}: ${typeof q.mean === 'number' ? q.mean : shown(c, q.mean)}`}
            </p>
            <CountsTable c={c} caption={label} counts={counts} />
          </section>
        );
      })}
    </>,
  );
}

surveysOrganizePages.get('/organize/surveys/chapter/:chapter', allow('organizer'), totalsPage);
surveysOrganizePages.get('/organize/surveys/program/:program', allow('organizer'), totalsPage);

async function totalsCsv(c: Ctx) {
  const t = tr(c);
  const { r } = await figuresFor(c);
  const l = c.var.locale;
  const rows = [
    ...r.surveys.map((s) => [pickText(s.title, l), t('surveys.organize.responses'), shown(c, s.responses)]),
    ...r.questions.flatMap((q) => pooledRows(c, q).map((x) => [pickText(q.label, l), x.label, shown(c, x.value)])),
    [t('surveys.organize.paired'), t('surveys.organize.pairedPeople'), shown(c, r.confidence.people)],
    [t('surveys.organize.paired'), t('surveys.organize.meanChange'), shown(c, r.confidence.meanChange)],
    [t('surveys.organize.paired'), t('surveys.organize.improved'), shown(c, r.confidence.shareImproved)],
  ];
  return c.body(toCsv([t('surveys.organize.question'), t('surveys.organize.option'), t('surveys.organize.count')], rows), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="survey-totals.csv"',
    'Cache-Control': 'no-store',
  });
}

surveysOrganizePages.get('/organize/surveys/chapter/:chapter/results.csv', allow('organizer'), totalsCsv);
surveysOrganizePages.get('/organize/surveys/program/:program/results.csv', allow('organizer'), totalsCsv);
