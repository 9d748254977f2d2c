import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { Alert, Button, Csrf, ErrorSummary, Pager, Select, TextArea, TextField } from '../../../platform/ui/components';
import type { EventRow } from '../schema';
import type { AttendeeRow } from '../service/checkin';
import type { ImportReport } from '../service/import';
import { tr } from '../messages';
import { Local } from './public';
import { DataTable } from '../../../platform/ui/data-table';
import { anchored } from './organizer';

type V = Record<string, string>;

export function AttendeesView(props: {
  c: Ctx;
  e: EventRow;
  list: AttendeeRow[];
  total: number;
  q: string;
  offset: number;
  limit: number;
  notice?: string;
  problem?: string;
  report?: ImportReport;
  errors: V;
  /** Whether the event is a career fair; null when the chapter runs no career fairs. */
  fair: boolean | null;
}) {
  const { c, e, list } = props;
  const t = tr(c);
  const l = c.var.locale;
  const base = `/events/${e.slug}/attendees`;
  return (
    <>
      <h1>
        {t('events.attendees')}: <Local c={c} text={e.title} />
      </h1>
      {props.notice && <Alert type="success">{props.notice}</Alert>}
      {props.problem && <Alert type="error">{props.problem}</Alert>}
      <ErrorSummary errors={anchored(props.errors)} t={c.var.t} />
      <p>{t('events.attendees.summary', { going: e.goingCount, capacity: e.capacity ?? '∞' })}</p>
      <p class="pw-actions">
        <a class="usa-button usa-button--outline" href={localePath(l, `/events/${e.slug}/attendees.csv`)}>
          {t('events.export')}
        </a>
        <a class="usa-button usa-button--outline" href={localePath(l, `/events/${e.slug}/checkin`)}>
          {t('events.checkin.title')}
        </a>
        {props.fair !== null && (
          <a class="usa-button usa-button--outline" href={localePath(l, `/events/${e.slug}/fair/manage`)}>
            {t(props.fair ? 'events.careerFair' : 'events.makeCareerFair')}
          </a>
        )}
      </p>
      <form method="get" action={localePath(l, base)} role="search" class="usa-form">
        <TextField name="q" type="search" label={c.var.t('form.searchLabel')} value={props.q} />
        <Button variant="outline">{c.var.t('form.search')}</Button>
      </form>
      <DataTable
        caption={t('events.attendees')}
        captionHidden
        borderless
        rows={list}
        columns={[
          { label: t('events.csv.name'), cell: (a) => a.name, rowHeader: true },
          { label: t('events.csv.email'), cell: (a) => a.email },
          {
            label: t('events.csv.status'),
            cell: (a) => (
              <>
                {t(`events.status.${a.status}`)}
                {a.waitlistPosition ? ` #${a.waitlistPosition}` : ''}
              </>
            ),
          },
          { label: t('events.csv.checkedInAt'), cell: (a) => (a.checkedInAt ? formatDateTime(l, a.checkedInAt, e.timeZone) : '—') },
          {
            label: t('events.attendees.actions'),
            cell: (a) => (
              <form method="post" action={localePath(l, `/events/${e.slug}/attendees/${a.id}/status`)} class="pw-inline-form">
                <Csrf token={c.var.csrfToken} />
                {a.status !== 'going' && a.status !== 'walkin' && (
                  <button class="usa-button usa-button--unstyled" name="to" value="going" type="submit">
                    {a.status === 'pending' ? t('events.attendees.approve') : t('events.attendees.moveGoing')}
                  </button>
                )}{' '}
                {a.status !== 'waitlist' && a.status !== 'walkin' && (
                  <button class="usa-button usa-button--unstyled" name="to" value="waitlist" type="submit">
                    {t('events.attendees.moveWaitlist')}
                  </button>
                )}{' '}
                {a.status !== 'declined' && a.status !== 'walkin' && (
                  <a href={localePath(l, `/events/${e.slug}/attendees/${a.id}/decline`)}>
                    {t('events.attendees.decline')} <span class="pw-visually-hidden">{a.name}</span>
                  </a>
                )}
              </form>
            ),
          },
        ]}
      />
      <Pager
        t={c.var.t}
        total={props.total}
        offset={props.offset}
        limit={props.limit}
        href={(o) => `${localePath(l, base)}?q=${encodeURIComponent(props.q)}&offset=${o}`}
      />

      <h2>{t('events.message.title')}</h2>
      <form class="usa-form usa-form--large" method="post" action={localePath(l, `/events/${e.slug}/message`)} novalidate>
        <Csrf token={c.var.csrfToken} />
        <Select
          name="audience"
          label={t('events.message.audience')}
          value="going"
          options={(['going', 'waitlist', 'pending'] as const).map((s) => ({ value: s, label: t(`events.message.to.${s}`) }))}
        />
        <p class="usa-hint">{t('events.message.hint')}</p>
        <TextField
          name="subject.en"
          label={`${t('events.message.subject')} — ${t('events.form.english')}`}
          error={props.errors['subject.en'] ?? props.errors.subject}
          maxlength={200}
        />
        <TextField name="subject.es" label={`${t('events.message.subject')} — ${t('events.form.spanish')}`} maxlength={200} />
        <TextArea
          name="body.en"
          label={`${t('events.message.body')} — ${t('events.form.english')}`}
          error={props.errors['body.en'] ?? props.errors.body}
          maxlength={10000}
        />
        <TextArea name="body.es" label={`${t('events.message.body')} — ${t('events.form.spanish')}`} maxlength={10000} />
        <Button>{t('events.message.send')}</Button>
      </form>

      <h2>{t('events.import.title')}</h2>
      <p>{t('events.import.intro')}</p>
      {props.report && <ImportReportView c={c} report={props.report} />}
      <form class="usa-form" method="post" action={localePath(l, `/events/${e.slug}/import`)} enctype="multipart/form-data" novalidate>
        <Csrf token={c.var.csrfToken} />
        <div class={props.errors.file ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
          <label class="usa-label" for="file">
            {t('events.import.file')}
          </label>
          {props.errors.file && (
            <span class="usa-error-message" id="file-error" role="alert">
              {props.errors.file}
            </span>
          )}
          <input
            class="usa-file-input"
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={props.errors.file ? 'file-error' : undefined}
          />
        </div>
        <Select
          name="format"
          label={t('events.import.format')}
          value=""
          blank={t('events.import.detect')}
          options={(['luma', 'eventbrite', 'meetup'] as const).map((f) => ({ value: f, label: t(`events.import.tool.${f}`) }))}
        />
        <Button>{t('events.import.submit')}</Button>
      </form>
    </>
  );
}

function ImportReportView(props: { c: Ctx; report: ImportReport }) {
  const t = tr(props.c);
  const r = props.report;
  return (
    <div class="usa-alert usa-alert--info" role="status">
      <div class="usa-alert__body">
        <h3 class="usa-alert__heading">{t('events.import.done', { tool: t(`events.import.tool.${r.format}`) })}</h3>
        <p class="usa-alert__text">{t('events.import.counts', { added: r.added, unchanged: r.unchanged, skipped: r.skipped.length })}</p>
        {r.checkInFromStart > 0 && <p class="usa-alert__text">{t('events.import.checkInFromStart', { count: r.checkInFromStart })}</p>}
        {r.skipped.length > 0 && (
          <ul class="usa-list">
            {r.skipped.slice(0, 200).map((s) => (
              <li>{t('events.import.skippedRow', { row: s.row, reason: t(s.reason), detail: s.detail ?? '' })}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
