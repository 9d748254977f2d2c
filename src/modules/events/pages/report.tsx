import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { organizerScopes } from '../../../platform/auth/roles';
import { localePath } from '../../../platform/i18n';
import { dayInZone, formatDateTime, formatPercent } from '../../../platform/i18n/format';
import { addDays, daysInZone, DEFAULT_TIME_ZONE } from '../../../platform/time';
import { findChapter } from '../../people';
import { page } from '../../../platform/ui/layout';
import { Button, TextField } from '../../../platform/ui/components';
import { DataTable } from '../../../platform/ui/data-table';
import { toCsv } from '../../../platform/csv';
import { eventsReport, pickText, type EventReportRow } from '../service';
import { tr } from '../messages';

/**
 * The period asked for (`from`, `to` as YYYY-MM-DD, `to` included), as days in the chapter's zone, so
 * an event this evening in Los Angeles counts as today there; the last twelve months when absent or unreadable.
 */
async function period(c: Ctx) {
  const scopes = organizerScopes(c.var.viewer);
  const timeZone = (scopes?.length ? (await findChapter(c.var.db, scopes[0]))?.timeZone : null) ?? DEFAULT_TIME_ZONE;
  const read = (name: string) => {
    const v = c.req.query(name) ?? '';
    return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : null;
  };
  const toDay = read('to') ?? dayInZone(new Date(), timeZone);
  const fromDay = read('from') ?? addDays(toDay, -365);
  const { start, end } = daysInZone(fromDay, toDay, timeZone);
  return { from: start, end, fromDay, toDay };
}

const percent = (locale: string, x: number | null) => (x === null ? '—' : formatPercent(locale === 'es' ? 'es' : 'en', x));

/** Horizontal bars for a few figures; the table beside it carries the same numbers for screen readers. */
function BarChart(props: { bars: { label: string; value: number }[] }) {
  const top = Math.max(1, ...props.bars.map((b) => b.value));
  const h = 26;
  return (
    <svg class="pw-chart" viewBox={`0 0 480 ${h * props.bars.length + 4}`} aria-hidden="true" focusable="false">
      {props.bars.map((b, i) => (
        <g transform={`translate(0 ${i * h})`}>
          <text x="0" y="17" font-size="13">
            {b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label}
          </text>
          <rect x="180" y="5" height="16" width={Math.round((250 * b.value) / top)} fill="#1a4480" />
          <text x={186 + Math.round((250 * b.value) / top)} y="18" font-size="13">
            {String(b.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}

function totals(list: EventReportRow[]) {
  const sum = (f: (r: EventReportRow) => number) => list.reduce((n, r) => n + f(r), 0);
  const going = sum((r) => (r.attendanceRate === null ? 0 : r.going));
  const came = sum((r) => (r.attendanceRate === null ? 0 : r.attendanceRate * r.going));
  return {
    rsvps: sum((r) => r.rsvps),
    checkedIn: sum((r) => r.checkedIn),
    noShows: sum((r) => r.noShows),
    firstTimers: sum((r) => r.firstTimers),
    returning: sum((r) => r.returning),
    government: sum((r) => r.government),
    nonGovernment: sum((r) => r.nonGovernment),
    attendanceRate: going ? came / going : null,
    agencies: [...new Set(list.flatMap((r) => r.agencies))].sort(),
  };
}

export const reportPages = new Hono<AppEnv>();

/** The events report: per event and over the period, as charts with their tables, and as CSV. */
reportPages.get('/organize/reports/events', allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const p = await period(c);
  const list = await eventsReport(c.var.db, { chapters: organizerScopes(c.var.viewer), from: p.from, to: p.end });
  const sum = totals(list);
  const title = t('events.report.title');
  const here = localePath(l, '/organize/reports/events');
  const overall = [
    { label: t('events.report.rsvps'), value: sum.rsvps },
    { label: t('events.organize.checkedIn'), value: sum.checkedIn },
    { label: t('events.report.noShows'), value: sum.noShows },
    { label: t('events.report.firstTimers'), value: sum.firstTimers },
    { label: t('events.report.returning'), value: sum.returning },
    { label: t('events.report.government'), value: sum.government },
    { label: t('events.report.nonGovernment'), value: sum.nonGovernment },
  ];
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <form method="get" action={here} class="usa-form pw-filters">
        <TextField name="from" type="date" label={t('events.report.from')} value={p.fromDay} />
        <TextField name="to" type="date" label={t('events.report.to')} value={p.toDay} />
        <Button variant="outline">{t('events.list.filter')}</Button>
      </form>
      <p class="pw-actions">
        <a href={`${localePath(l, '/organize/reports/events.csv')}?from=${p.fromDay}&to=${p.toDay}`}>{t('events.report.csv')}</a>
      </p>
      <h2>{t('events.report.period', { count: list.length })}</h2>
      <p>{t('events.report.rate', { rate: percent(l, sum.attendanceRate) })}</p>
      <div class="pw-pair">
        <BarChart bars={overall} />
        <DataTable
          caption={t('events.report.period', { count: list.length })}
          captionHidden
          rows={overall}
          columns={[
            { label: t('events.report.figure'), rowHeader: true, cell: (r) => r.label },
            { label: t('events.report.count'), numeric: true, cell: (r) => r.value },
          ]}
        />
      </div>
      <h3>{t('events.report.agencies')}</h3>
      <p>{sum.agencies.length ? sum.agencies.join(' · ') : t('events.report.noAgencies')}</p>
      <h2>{t('events.report.perEvent')}</h2>
      {list.length > 0 && (
        <BarChart
          bars={list.map((r) => ({
            label: `${formatDateTime(l, r.startsAt, r.timeZone, false).split(',')[0]} ${pickText(r.title, l)}`,
            value: r.checkedIn,
          }))}
        />
      )}
      <DataTable
        caption={t('events.report.perEvent')}
        captionHidden
        rows={list}
        empty={t('events.report.none')}
        columns={[
          {
            label: t('events.organize.event'),
            rowHeader: true,
            cell: (r) => <a href={localePath(l, `/events/${r.slug}/attendees`)}>{pickText(r.title, l)}</a>,
          },
          { label: t('events.when'), cell: (r) => formatDateTime(l, r.startsAt, r.timeZone) },
          { label: t('events.report.rsvps'), numeric: true, cell: (r) => r.rsvps },
          { label: t('events.organize.checkedIn'), numeric: true, cell: (r) => r.checkedIn },
          { label: t('events.report.rateShort'), numeric: true, cell: (r) => percent(l, r.attendanceRate) },
          { label: t('events.report.noShows'), numeric: true, cell: (r) => r.noShows },
          { label: t('events.report.firstTimers'), numeric: true, cell: (r) => r.firstTimers },
          { label: t('events.report.returning'), numeric: true, cell: (r) => r.returning },
          { label: t('events.report.government'), numeric: true, cell: (r) => r.government },
          { label: t('events.report.nonGovernment'), numeric: true, cell: (r) => r.nonGovernment },
          { label: t('events.report.agencies'), cell: (r) => r.agencies.join(', ') || '—' },
        ]}
      />
    </>,
  );
});

reportPages.get('/organize/reports/events.csv', allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const p = await period(c);
  const list = await eventsReport(c.var.db, { chapters: organizerScopes(c.var.viewer), from: p.from, to: p.end });
  const csv = toCsv(
    [
      t('events.organize.event'),
      t('events.when'),
      t('events.report.rsvps'),
      t('events.status.going'),
      t('events.organize.checkedIn'),
      t('events.report.rateShort'),
      t('events.report.noShows'),
      t('events.report.firstTimers'),
      t('events.report.returning'),
      t('events.report.government'),
      t('events.report.nonGovernment'),
      t('events.report.agencies'),
    ],
    list.map((r) => [
      pickText(r.title, l),
      r.startsAt.toISOString(),
      r.rsvps,
      r.going,
      r.checkedIn,
      r.attendanceRate === null ? null : Math.round(r.attendanceRate * 1000) / 1000,
      r.noShows,
      r.firstTimers,
      r.returning,
      r.government,
      r.nonGovernment,
      r.agencies.join('; '),
    ]),
  );
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="events-report-${p.fromDay}-${p.toDay}.csv"`);
  return c.body(csv);
});
