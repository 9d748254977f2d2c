import { fewerThan } from '../../../platform/counts';
import { formatNumber } from '../../../platform/i18n/format';
import type { Locale } from '../../../platform/i18n';
import { DataTable } from '../../../platform/ui/data-table';
import type { Cell, MetricResult, MetricsReport } from '../service/report';
import { metricsMessages } from '../messages';

/** A cell as text: the number (a rate as a percentage), "fewer than 5" where hidden, marked for exact readers. */
export function shown(locale: Locale, m: Pick<MetricResult, 'key' | 'kind'>, c: Cell, threshold: number): string {
  const t = metricsMessages.for(locale);
  if (c.suppressed) return fewerThan(locale, threshold);
  if (c.value === null) return '—';
  const text =
    m.key === 'newsletter_open_rate' ? `${formatNumber(locale, Math.round(c.value * 1000) / 10)} %` : formatNumber(locale, c.value);
  return c.publicSuppressed ? `${text} (${t('metrics.dashboard.hiddenPublicly')})` : text;
}

/** A figure's definition, and for one with more than one possible source, where this value came from. */
export function definitionOf(locale: Locale, m: Pick<MetricResult, 'definition' | 'source'>): string {
  return m.source ? `${m.definition} ${metricsMessages.for(locale)(`metrics.source.${m.source}`)}` : m.definition;
}

/** Every figure of a report, each with its definition beside it. */
export function FiguresTable(props: { locale: Locale; report: MetricsReport; caption: string }) {
  const t = metricsMessages.for(props.locale);
  return (
    <DataTable
      caption={props.caption}
      columns={[
        { label: t('metrics.dashboard.figure'), cell: (m: MetricResult) => m.label, rowHeader: true },
        {
          label: t('metrics.dashboard.value'),
          cell: (m: MetricResult) => shown(props.locale, m, m, props.report.threshold),
          numeric: true,
        },
        { label: t('metrics.dashboard.definition'), cell: (m: MetricResult) => definitionOf(props.locale, m) },
      ]}
      rows={props.report.metrics}
    />
  );
}
