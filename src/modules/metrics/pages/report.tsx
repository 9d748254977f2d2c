import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath, type Locale } from '../../../platform/i18n';
import { formatDate } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Button, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { parseFormBody } from '../../../platform/http/request';
import type { MetricsHooks } from '../hooks';
import { metricsMessages, tr } from '../messages';
import { grantReports, reportCsv } from '../service/read';
import { figureKeys, type MetricsReport } from '../service/report';
import { reportPdf } from '../service/pdf';
import { FiguresTable, definitionOf, shown } from '../views/figures';
import { chapterLabel, dashboardQuery, fieldErrors, pickableChapters } from './shared';
import { metricsQuery } from '../service/publication';
import { errorMessages } from '../../../platform/http/validation';

type Values = {
  from: string;
  to: string;
  chapters: string[];
  metrics: string[];
  narrativeEn: string;
  narrativeEs: string;
  language: Locale;
};

async function ReportForm(props: { c: Ctx; hooks: MetricsHooks; values: Values; errors: Record<string, string> }) {
  const { c, values, errors } = props;
  const t = tr(c);
  const l = c.var.locale;
  const chapters = await pickableChapters(c, props.hooks);
  const labels = Object.fromEntries(
    figureKeys().map((k) => [k, (metricsMessages.for(l) as (key: string) => string)(`metrics.label.${k}`)]),
  );
  return (
    <>
      <h1>{t('metrics.report.title')}</h1>
      <ErrorSummary errors={errors} t={c.var.t} />
      <form method="post" action={localePath(l, '/organize/impact/report')} class="usa-form usa-form--large">
        <Csrf token={c.var.csrfToken} />
        <TextField name="from" type="date" label={t('metrics.dashboard.from')} value={values.from} error={errors.from} />
        <TextField name="to" type="date" label={t('metrics.dashboard.to')} value={values.to} error={errors.to} />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('metrics.report.chapters')}</legend>
          {errors.chapter && (
            <span class="usa-error-message" role="alert">
              {errors.chapter}
            </span>
          )}
          {chapters.map((ch) => (
            <Checkbox
              name="chapters"
              value={ch.slug}
              id={`chapter-${ch.slug}`}
              label={chapterLabel(c, ch)}
              checked={values.chapters.includes(ch.slug)}
            />
          ))}
        </fieldset>
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('metrics.publish.figures')}</legend>
          {figureKeys().map((k) => (
            <Checkbox
              name="metrics"
              value={k}
              id={`metric-${k}`}
              label={labels[k] ?? k}
              checked={!values.metrics.length || values.metrics.includes(k)}
            />
          ))}
        </fieldset>
        <TextArea name="narrativeEn" label={t('metrics.report.narrativeEn')} value={values.narrativeEn} rows={6} maxlength={10000} />
        <TextArea name="narrativeEs" label={t('metrics.report.narrativeEs')} value={values.narrativeEs} rows={6} maxlength={10000} />
        <Select
          name="language"
          label={t('metrics.report.language')}
          value={values.language}
          options={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
        />
        <div class="pw-actions">
          <Button name="format" value="html">
            {t('metrics.report.make')}
          </Button>
          <Button name="format" value="pdf" variant="outline">
            {t('metrics.report.pdf')}
          </Button>
          <Button name="format" value="csv" variant="outline">
            {t('metrics.report.csv')}
          </Button>
        </div>
      </form>
    </>
  );
}

/** The names of the figures a report hid, in its language, or the sentence that none was. */
function suppressedLine(locale: Locale, r: MetricsReport): string {
  const t = metricsMessages.for(locale);
  const hidden = r.metrics.filter((m) => m.suppressed || m.perEvent?.some((e) => e.rsvps.suppressed)).map((m) => m.label);
  return hidden.length ? t('metrics.report.suppressed', { list: hidden.join(', ') }) : t('metrics.report.noneSuppressed');
}

export function createReportPages(hooks: MetricsHooks) {
  const pages = new Hono<AppEnv>();

  pages.get('/organize/impact/report', allow('organizer'), async (c) => {
    const q = await dashboardQuery(c, hooks);
    const values: Values = {
      from: q.from,
      to: q.to,
      chapters: q.chapter ? [q.chapter] : [],
      metrics: [],
      narrativeEn: '',
      narrativeEs: '',
      language: c.var.locale,
    };
    return page(c, { title: tr(c)('metrics.report.title'), index: false }, await ReportForm({ c, hooks, values, errors: {} }));
  });

  pages.post('/organize/impact/report', allow('organizer'), async (c) => {
    const body = await parseFormBody(c);
    const one = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const many = (k: string) => ([] as unknown[]).concat(body[k] ?? []).filter((v): v is string => typeof v === 'string');
    const values: Values = {
      from: one('from'),
      to: one('to'),
      chapters: many('chapters'),
      metrics: many('metrics').filter((k) => figureKeys().includes(k)),
      narrativeEn: one('narrativeEn').slice(0, 10_000),
      narrativeEs: one('narrativeEs').slice(0, 10_000),
      language: one('language') === 'es' ? 'es' : 'en',
    };
    const again = async (errors: Record<string, string>) =>
      page(c, { title: tr(c)('metrics.report.title'), index: false }, await ReportForm({ c, hooks, values, errors }), 422);
    const parsed = metricsQuery.safeParse({ from: values.from, to: values.to });
    if (!parsed.success) return again(errorMessages(c, parsed.error, metricsMessages));
    const lang = values.language;
    let reports: MetricsReport[];
    try {
      reports = await grantReports(c.var.db, hooks, c.var.viewer, {
        from: values.from,
        to: values.to,
        chapters: values.chapters,
        keys: values.metrics.length ? values.metrics : null,
        threshold: c.var.deps.config.SUPPRESSION_THRESHOLD,
        locale: lang,
      });
    } catch (err) {
      const f = fieldErrors(c, err);
      if (!f) throw err;
      return again(f);
    }
    const t = metricsMessages.for(lang);
    const format = one('format');
    const name = `grant-report-${values.from}-${values.to}`;
    if (format === 'csv') {
      const csv = reports.map((r, i) => (i === 0 ? reportCsv(r) : reportCsv(r).replace(/^\uFEFF[^\n]*\n/, ''))).join('');
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` });
    }
    const heading = (r: MetricsReport) => {
      const ch = r.chapters.find((x) => x.slug === r.chapter);
      return ch
        ? (lang === 'es' && ch.nameEs) || ch.name
        : (metricsMessages.for(lang) as (k: string) => string)('metrics.dashboard.network');
    };
    const narrative = (lang === 'es' ? values.narrativeEs || values.narrativeEn : values.narrativeEn || values.narrativeEs).trim();
    const period = t('metrics.impact.period', { from: values.from, to: values.to });
    const generated = t('metrics.report.generated', { date: formatDate(lang, new Date()) });
    if (format === 'pdf') {
      const pdf = await reportPdf({
        title: t('metrics.report.title'),
        period,
        narrative,
        generated,
        sections: reports.map((r) => ({
          heading: heading(r),
          rows: r.metrics.map((m) => ({ label: m.label, value: shown(lang, m, m, r.threshold), definition: definitionOf(lang, m) })),
          suppressed: suppressedLine(lang, r),
        })),
      });
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${name}.pdf"`,
      });
    }
    return page(
      c,
      { title: t('metrics.report.title'), index: false },
      <article lang={lang} class="pw-sheet">
        <h1>{t('metrics.report.title')}</h1>
        <p>{period}</p>
        {narrative && (
          <section>
            <h2>{t('metrics.report.narrative')}</h2>
            {narrative
              .split(/\n\s*\n/)
              .filter((p) => p.trim())
              .map((p) => (
                <p>{p.trim()}</p>
              ))}
          </section>
        )}
        {reports.map((r) => (
          <section>
            <h2>{heading(r)}</h2>
            <FiguresTable locale={lang} report={r} caption={heading(r)} />
            <p>
              <em>{suppressedLine(lang, r)}</em>
            </p>
          </section>
        ))}
        <p>{generated}</p>
      </article>,
    );
  });

  return pages;
}
