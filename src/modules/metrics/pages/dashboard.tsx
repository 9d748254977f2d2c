import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { isAdmin } from '../../../platform/auth/roles';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Select, TextField } from '../../../platform/ui/components';
import { form, parseFormBody } from '../../../platform/http/request';
import { invalidFrom } from '../../../platform/http/api';
import { forbidden } from '../../../platform/http/errors';
import { hasRole } from '../../../platform/auth/roles';
import { RECOMMENDATION_STATUSES, type MetricsHooks } from '../hooks';
import { tr } from '../messages';
import { PRESETS } from '../lib/period';
import { addEntry, entryInput, getPublication, setPublication } from '../service/publication';
import { readReport, reportCsv } from '../service/read';
import { figureKeys, type MetricsReport } from '../service/report';
import { BarChart } from '../views/chart';
import { FiguresTable, shown } from '../views/figures';
import { chapterLabel, dashboardQuery, fieldErrors, queryString } from './shared';

const threshold = (c: Ctx) => c.var.deps.config.SUPPRESSION_THRESHOLD;

/** Recommendations by the status each had at the end of the period, when the directory reports them. */
function RecommendationsChart(props: { c: Ctx; report: MetricsReport }) {
  const { c, report } = props;
  const t = tr(c);
  const figures = RECOMMENDATION_STATUSES.map((st) => ({ st, m: report.metrics.find((m) => m.key === `recommendations_${st}`) }));
  if (figures.some((f) => !f.m)) return null;
  return (
    <>
      <h2>{t('metrics.dashboard.recommendations')}</h2>
      <BarChart
        id="chart-recommendations"
        title={t('metrics.dashboard.recommendations')}
        description={t('metrics.dashboard.recommendationsDesc', { from: report.from, to: report.to })}
        labelColumn={t('metrics.dashboard.status')}
        valueColumn={t('metrics.dashboard.count')}
        bars={figures.map(({ st, m }) => ({
          label: t(`metrics.rstatus.${st}`),
          value: m!.value,
          shown: shown(c.var.locale, m!, m!, report.threshold),
        }))}
      />
    </>
  );
}

function Charts(props: { c: Ctx; report: MetricsReport }) {
  return (
    <>
      <ScopeCharts {...props} />
      <RecommendationsChart {...props} />
    </>
  );
}

function ScopeCharts(props: { c: Ctx; report: MetricsReport }) {
  const { c, report } = props;
  const t = tr(c);
  const l = c.var.locale;
  if (!report.chapter) {
    return (
      <>
        <h2>{t('metrics.dashboard.byChapter')}</h2>
        {report.metrics
          .filter((m) => ['events', 'rsvps', 'unique_rsvps', 'attendees_government'].includes(m.key))
          .map((m) => (
            <BarChart
              id={`chart-${m.key}`}
              title={t('metrics.dashboard.chart', { figure: m.label })}
              description={t('metrics.dashboard.chartDesc', { figure: m.label, from: report.from, to: report.to })}
              labelColumn={t('metrics.dashboard.chapter')}
              valueColumn={m.label}
              bars={report.chapters.map((ch) => {
                const cell = m.byChapter?.[ch.slug] ?? { value: null, suppressed: false };
                return {
                  label: chapterLabel(c, ch),
                  value: cell.suppressed ? null : cell.value,
                  shown: shown(l, m, cell, report.threshold),
                };
              })}
            />
          ))}
      </>
    );
  }
  const perEvent = report.metrics.find((m) => m.key === 'rsvps_per_event');
  if (!perEvent?.perEvent?.length) return <p>{t('metrics.dashboard.noEvents')}</p>;
  return (
    <>
      <h2>{t('metrics.dashboard.perEvent')}</h2>
      <BarChart
        id="chart-per-event"
        title={t('metrics.dashboard.perEventChart')}
        description={t('metrics.dashboard.perEventDesc', { from: report.from, to: report.to })}
        labelColumn={t('metrics.dashboard.event')}
        valueColumn={t('metrics.label.rsvps')}
        bars={perEvent.perEvent.map((e) => ({
          label: e.label,
          value: e.rsvps.suppressed ? null : e.rsvps.value,
          shown: shown(l, { key: 'rsvps', kind: 'people' }, e.rsvps, report.threshold),
        }))}
      />
    </>
  );
}

/** A refused period or chapter from a hidden field: the messages, and the way back to the dashboard. */
function refused(c: Ctx, errors: Record<string, string>) {
  const t = tr(c);
  return page(
    c,
    { title: t('metrics.dashboard.title'), index: false },
    <>
      <h1>{t('metrics.dashboard.title')}</h1>
      <Alert type="error">
        {Object.values(errors).map((m, i) => (
          <>
            {i > 0 && <br />}
            {m}
          </>
        ))}
      </Alert>
      <p>
        <a href={localePath(c.var.locale, '/organize/impact')}>{t('metrics.dashboard.title')}</a>
      </p>
    </>,
    422,
  );
}

export function createDashboardPages(hooks: MetricsHooks) {
  const pages = new Hono<AppEnv>();

  pages.get('/organize/impact', allow('organizer'), async (c) => {
    const t = tr(c);
    const l = c.var.locale;
    const q = await dashboardQuery(c, hooks);
    let report: MetricsReport | null = null;
    let errors = q.errors;
    if (q.query) {
      try {
        report = await readReport(c.var.db, hooks, c.var.viewer, { ...q.query, threshold: threshold(c), locale: l });
      } catch (err) {
        const f = fieldErrors(c, err);
        if (!f) throw err;
        errors = f;
      }
    }
    const pub = report ? await getPublication(c.var.db, report.chapter) : undefined;
    const qs = queryString({ preset: q.preset, from: q.from, to: q.to, chapter: q.chapter });
    const publicPath = report?.chapter ? `/chapters/${report.chapter}/impact` : '/impact';
    return page(
      c,
      { title: t('metrics.dashboard.title'), index: false },
      <>
        <h1>{t('metrics.dashboard.title')}</h1>
        <p>{t('metrics.dashboard.intro')}</p>
        <ErrorSummary errors={errors} t={c.var.t} />
        <form method="get" action={localePath(l, '/organize/impact')} class="usa-form usa-form--large">
          <Select
            name="preset"
            label={t('metrics.dashboard.preset')}
            value={q.preset}
            options={PRESETS.map((p) => ({ value: p, label: t(`metrics.dashboard.preset.${p}`) }))}
          />
          <TextField name="from" type="date" label={t('metrics.dashboard.from')} value={q.from} error={errors.from} />
          <TextField name="to" type="date" label={t('metrics.dashboard.to')} value={q.to} error={errors.to} />
          <Select
            name="chapter"
            label={t('metrics.dashboard.chapter')}
            value={q.chapter}
            error={errors.chapter}
            options={[
              ...(isAdmin(c.var.viewer) ? [{ value: '', label: t('metrics.dashboard.network') }] : []),
              ...q.own.map((ch) => ({ value: ch.slug, label: chapterLabel(c, ch) })),
            ]}
          />
          <Button>{t('metrics.dashboard.show')}</Button>
        </form>
        {report && (
          <>
            <p class="pw-actions">
              <a href={`${localePath(l, '/organize/impact.csv')}?${qs}`}>{t('metrics.dashboard.csv')}</a>{' '}
              <a href={`${localePath(l, '/organize/impact/report')}?${qs}`}>{t('metrics.dashboard.report')}</a>{' '}
              {isAdmin(c.var.viewer) && <a href={`${localePath(l, '/organize/impact/network')}?${qs}`}>{t('metrics.network.title')}</a>}
            </p>
            <h2>{t('metrics.dashboard.period')}</h2>
            <FiguresTable locale={l} report={report} caption={t('metrics.impact.period', { from: report.from, to: report.to })} />
            <Charts c={c} report={report} />
            <h2>{t('metrics.publish.title')}</h2>
            {c.req.query('done') === '1' && <Alert type="success">{t('metrics.publish.done')}</Alert>}
            <p>{t('metrics.publish.intro')}</p>
            <p>
              <strong>{pub?.published ? t('metrics.publish.published') : t('metrics.publish.unpublished')}</strong>
              {pub?.published && (
                <>
                  {' '}
                  <a href={localePath(l, publicPath)}>{t('metrics.publish.page')}</a>
                </>
              )}
            </p>
            <form method="post" action={localePath(l, '/organize/impact/publication')} class="usa-form usa-form--large">
              <Csrf token={c.var.csrfToken} />
              <input type="hidden" name="chapter" value={report.chapter ?? ''} />
              <input type="hidden" name="from" value={report.from} />
              <input type="hidden" name="to" value={report.to} />
              <fieldset class="usa-fieldset">
                <legend class="usa-legend">{t('metrics.publish.figures')}</legend>
                {report.metrics.map((m) => (
                  <Checkbox
                    name="metrics"
                    value={m.key}
                    id={`pub-${m.key}`}
                    label={m.label}
                    checked={!pub?.metrics || pub.metrics.includes(m.key)}
                  />
                ))}
              </fieldset>
              <div class="pw-actions">
                <Button name="published" value="true">
                  {t('metrics.publish.submit')}
                </Button>
                {pub?.published && (
                  <Button name="published" value="false" variant="outline">
                    {t('metrics.publish.withdraw')}
                  </Button>
                )}
              </div>
            </form>
            {report.chapter && (
              <form method="post" action={localePath(l, '/organize/impact/entries')} class="usa-form usa-form--large">
                <h2>{t('metrics.entries.title')}</h2>
                <p>{t('metrics.entries.intro')}</p>
                <Csrf token={c.var.csrfToken} />
                <input type="hidden" name="chapter" value={report.chapter} />
                <input type="hidden" name="from" value={report.from} />
                <input type="hidden" name="to" value={report.to} />
                <Select
                  name="metric"
                  label={t('metrics.entries.metric')}
                  options={(['placements', 'confidence_change'] as const).map((k) => ({ value: k, label: t(`metrics.label.${k}`) }))}
                />
                <TextField name="value" type="number" step="any" label={t('metrics.entries.value')} error={errors.value} required />
                <TextField
                  name="people"
                  type="number"
                  min="0"
                  step="1"
                  label={t('metrics.entries.people')}
                  error={errors.people}
                  required
                />
                <TextField name="note" label={t('metrics.entries.note')} error={errors.note} required />
                <Button>{t('metrics.entries.submit')}</Button>
              </form>
            )}
          </>
        )}
      </>,
      report ? 200 : 422,
    );
  });

  pages.get('/organize/impact.csv', allow('organizer'), async (c) => {
    const q = await dashboardQuery(c, hooks);
    if (!q.query) return c.redirect(localePath(c.var.locale, '/organize/impact'), 303);
    const r = await readReport(c.var.db, hooks, c.var.viewer, { ...q.query, threshold: threshold(c), locale: c.var.locale });
    return c.body(reportCsv(r), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="metrics-${r.chapter ?? 'network'}-${r.from}-${r.to}.csv"`,
    });
  });

  pages.post('/organize/impact/publication', allow('organizer'), async (c) => {
    const body = await parseFormBody(c);
    const one = (k: string) => {
      const v = body[k];
      return typeof v === 'string' ? v : undefined;
    };
    const chapter = one('chapter') || undefined;
    if (chapter ? !hasRole(c.var.viewer, 'organizer', chapter) : !isAdmin(c.var.viewer)) throw forbidden();
    const metrics = ([] as unknown[]).concat(body.metrics ?? []).filter((v): v is string => typeof v === 'string');
    const from = one('from') ?? '';
    const to = one('to') ?? '';
    try {
      await setPublication(
        c.var.db,
        hooks,
        { chapter, published: one('published') !== 'false', from, to, metrics },
        c.var.viewer!.id,
        figureKeys(),
      );
    } catch (err) {
      const f = fieldErrors(c, err);
      if (!f) throw err;
      return refused(c, f);
    }
    return c.redirect(
      `${localePath(c.var.locale, '/organize/impact')}?${queryString({ preset: 'custom', from, to, chapter: chapter ?? '' })}&done=1`,
      303,
    );
  });

  pages.post('/organize/impact/entries', allow('organizer'), async (c) => {
    const values = await form(c);
    const chapter = values.chapter ?? '';
    if (!hasRole(c.var.viewer, 'organizer', chapter)) throw forbidden();
    const num = (v: string | undefined) => (v && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
    const parsed = entryInput.safeParse({
      chapter,
      metric: values.metric,
      from: values.from,
      to: values.to,
      value: num(values.value),
      people: num(values.people),
      note: values.note ?? '',
    });
    if (!parsed.success) throw invalidFrom(parsed.error);
    try {
      await addEntry(c.var.db, hooks, parsed.data, c.var.viewer!.id);
    } catch (err) {
      const f = fieldErrors(c, err);
      if (!f) throw err;
      return refused(c, f);
    }
    const qs = queryString({ preset: 'custom', from: parsed.data.from, to: parsed.data.to, chapter });
    return c.redirect(`${localePath(c.var.locale, '/organize/impact')}?${qs}&done=1`, 303);
  });

  return pages;
}
