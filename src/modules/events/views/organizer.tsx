import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Pager, Select, TextArea, TextField } from '../../../platform/ui/components';
import { SECTORS } from '../../people';
import { EVENT_FORMATS, EVENT_STATUSES, type EventRow, type SeriesRow } from '../schema';
import type { AttendeeRow, DoorCounts } from '../service/checkin';
import type { ImportReport } from '../service/import';
import { tr } from '../messages';
import { Local } from './public';

type V = Record<string, string>;

import { Pair } from './series-form';
import { DataTable } from '../../../platform/ui/data-table';

export const SPEAKER_SLOTS = 4;
export const QUESTION_SLOTS = 4;
export const LINK_SLOTS = 4;

/** Error summary links must land on a real field id: object-level errors point at their English field. */
function anchored(errors: V): V {
  return Object.fromEntries(
    Object.entries(errors).map(([k, msg]) => {
      if (/^(title|summary|description|subject|body)$/.test(k) || /^questions\.\d+\.label$/.test(k)) return [`${k}.en`, msg];
      if (k.startsWith('reminderHours')) return ['reminders', msg];
      if (/^questions\.\d+\.options/.test(k)) return [k.replace(/options.*$/, 'choices'), msg];
      return [k, msg];
    }),
  );
}

export function EventForm(props: { c: Ctx; action: string; v: V; errors: V; series: SeriesRow[]; isNew: boolean }) {
  const { c, v } = props;
  const errors = anchored(props.errors);
  const t = tr(c);
  const opt = c.var.t('form.optional');
  const cb = (name: string, label: string) => (
    <Checkbox name={name} id={name.replace(/\./g, '-')} label={label} checked={v[name] === 'on' || v[name] === 'true'} />
  );
  return (
    <form class="usa-form usa-form--large pw-wide-form" method="post" action={props.action} novalidate>
      <Csrf token={c.var.csrfToken} />
      <ErrorSummary errors={errors} t={c.var.t} />
      <p>{t('events.form.bothLanguages')}</p>
      <Pair c={c} name="title" label={t('events.form.title')} v={v} errors={errors} max={200} />
      <Pair c={c} name="summary" label={t('events.form.summary')} v={v} errors={errors} max={500} />
      <Pair c={c} name="description" label={t('events.form.description')} v={v} errors={errors} area max={20000} />
      <Select
        name="series"
        label={t('events.form.series')}
        optional={opt}
        value={v.series}
        error={errors.series}
        blank={t('events.form.noSeries')}
        options={props.series.map((s) => ({ value: s.slug, label: s.title.en ?? s.title.es ?? s.slug }))}
      />
      <TextField
        name="timeZone"
        label={t('events.form.timeZone')}
        hint={t('events.form.timeZoneHint')}
        value={v.timeZone}
        error={errors.timeZone}
        maxlength={64}
        spellcheck={false}
      />
      <TextField name="startsAt" type="datetime-local" label={t('events.form.startsAt')} value={v.startsAt} error={errors.startsAt} />
      <TextField name="endsAt" type="datetime-local" label={t('events.form.endsAt')} value={v.endsAt} error={errors.endsAt} />
      <Select
        name="format"
        label={t('events.format')}
        value={v.format}
        error={errors.format}
        options={EVENT_FORMATS.map((f) => ({ value: f, label: t(`events.format.${f}`) }))}
      />
      <Select
        name="status"
        label={t('events.form.status')}
        value={v.status}
        error={errors.status}
        options={EVENT_STATUSES.map((s) => ({ value: s, label: t(`events.eventStatus.${s}`) }))}
      />
      <TextField
        name="capacity"
        type="number"
        inputmode="numeric"
        label={t('events.form.capacity')}
        hint={t('events.form.capacityHint')}
        optional={opt}
        value={v.capacity}
        error={errors.capacity}
        min="1"
      />
      {cb('requiresApproval', t('events.form.requiresApproval'))}
      {cb('requireEmailConfirmation', t('events.form.requireEmailConfirmation'))}
      <TextField
        name="rsvpOpensAt"
        type="datetime-local"
        label={t('events.form.rsvpOpensAt')}
        optional={opt}
        value={v.rsvpOpensAt}
        error={errors.rsvpOpensAt}
      />
      <TextField
        name="rsvpClosesAt"
        type="datetime-local"
        label={t('events.form.rsvpClosesAt')}
        optional={opt}
        value={v.rsvpClosesAt}
        error={errors.rsvpClosesAt}
      />
      <fieldset class="usa-fieldset">
        <legend class="usa-legend usa-legend--large">{t('events.form.venue')}</legend>
        <TextField
          name="venue.name"
          label={t('events.form.venueName')}
          optional={opt}
          value={v['venue.name']}
          error={errors['venue.name']}
          maxlength={200}
        />
        <TextField
          name="venue.address"
          label={t('events.form.venueAddress')}
          optional={opt}
          value={v['venue.address']}
          error={errors['venue.address']}
          maxlength={500}
        />
        <TextField
          name="venue.mapUrl"
          type="url"
          label={t('events.form.mapUrl')}
          optional={opt}
          value={v['venue.mapUrl']}
          error={errors['venue.mapUrl']}
        />
        {cb('accessibility.stepFree', t('events.access.stepFree'))}
        {cb('accessibility.restrooms', t('events.access.restrooms'))}
        {cb('accessibility.interpretation', t('events.access.interpretation'))}
        <TextField
          name="accessibility.transit"
          label={t('events.form.transit')}
          optional={opt}
          value={v['accessibility.transit']}
          error={errors['accessibility.transit']}
          maxlength={1000}
        />
      </fieldset>
      <TextField
        name="livestreamUrl"
        type="url"
        label={t('events.form.livestreamUrl')}
        hint={t('events.form.livestreamHint')}
        optional={opt}
        value={v.livestreamUrl}
        error={errors.livestreamUrl}
      />
      <TextField
        name="recordingUrl"
        type="url"
        label={t('events.form.recordingUrl')}
        optional={opt}
        value={v.recordingUrl}
        error={errors.recordingUrl}
      />
      <TextField
        name="reminders"
        label={t('events.form.reminders')}
        hint={t('events.form.remindersHint')}
        value={v.reminders}
        error={errors.reminderHours}
        maxlength={40}
      />
      {Array.from({ length: SPEAKER_SLOTS }, (_, i) => (
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('events.form.speaker', { n: i + 1 })}</legend>
          <TextField
            name={`speakers.${i}.name`}
            label={t('events.form.speakerName')}
            optional={opt}
            value={v[`speakers.${i}.name`]}
            error={errors[`speakers.${i}.name`]}
            maxlength={200}
          />
          <TextField
            name={`speakers.${i}.title`}
            label={t('events.form.speakerTitle')}
            optional={opt}
            value={v[`speakers.${i}.title`]}
            maxlength={200}
          />
          <TextField
            name={`speakers.${i}.organization`}
            label={t('events.form.speakerOrg')}
            optional={opt}
            value={v[`speakers.${i}.organization`]}
            maxlength={200}
          />
          <TextField
            name={`speakers.${i}.photoUrl`}
            type="url"
            label={t('events.form.speakerPhoto')}
            optional={opt}
            value={v[`speakers.${i}.photoUrl`]}
            error={errors[`speakers.${i}.photoUrl`]}
          />
          <TextField
            name={`speakers.${i}.photoAlt`}
            label={t('events.form.speakerPhotoAlt')}
            optional={opt}
            value={v[`speakers.${i}.photoAlt`]}
            maxlength={300}
          />
          <Pair c={c} name={`speakers.${i}.bio`} label={t('events.form.speakerBio')} v={v} errors={errors} area max={3000} />
        </fieldset>
      ))}
      {Array.from({ length: QUESTION_SLOTS }, (_, i) => (
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('events.form.question', { n: i + 1 })}</legend>
          <Pair c={c} name={`questions.${i}.label`} label={t('events.form.questionLabel')} v={v} errors={errors} max={300} />
          <Select
            name={`questions.${i}.kind`}
            label={t('events.form.questionKind')}
            value={v[`questions.${i}.kind`]}
            options={(['text', 'choice', 'yesno'] as const).map((k) => ({ value: k, label: t(`events.form.kind.${k}`) }))}
          />
          <TextArea
            name={`questions.${i}.choices`}
            label={t('events.form.choices')}
            hint={t('events.form.choicesHint')}
            optional={opt}
            value={v[`questions.${i}.choices`]}
            error={errors[`questions.${i}.options`]}
            maxlength={4000}
          />
          {cb(`questions.${i}.required`, t('events.form.questionRequired'))}
        </fieldset>
      ))}
      {Array.from({ length: LINK_SLOTS }, (_, i) => (
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('events.form.link', { n: i + 1 })}</legend>
          <TextField
            name={`links.${i}.label`}
            label={t('events.form.linkLabel')}
            optional={opt}
            value={v[`links.${i}.label`]}
            error={errors[`links.${i}.label`]}
            maxlength={200}
          />
          <TextField
            name={`links.${i}.url`}
            type="url"
            label={t('events.form.linkUrl')}
            optional={opt}
            value={v[`links.${i}.url`]}
            error={errors[`links.${i}.url`]}
          />
        </fieldset>
      ))}
      <Button>{props.isNew ? t('events.form.create') : c.var.t('form.save')}</Button>
    </form>
  );
}

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
        <a class="usa-button usa-button--outline" href={localePath(l, `/events/${e.slug}/fair/manage`)}>
          {t('events.careerFair')}
        </a>
      </p>
      <form method="get" action={localePath(l, base)} role="search" class="usa-form">
        <TextField name="q" type="search" label={c.var.t('form.searchLabel')} value={props.q} />
        <Button variant="secondary">{c.var.t('form.search')}</Button>
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
                  <button class="usa-button usa-button--unstyled" name="to" value="declined" type="submit">
                    {t('events.attendees.decline')}
                  </button>
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

export function CheckinView(props: {
  c: Ctx;
  e: EventRow;
  counts: DoorCounts;
  q: string;
  list: AttendeeRow[];
  notice?: { text: string; undo?: string };
  errors: V;
  values: V;
}) {
  const { c, e, counts } = props;
  const t = tr(c);
  const l = c.var.locale;
  const base = `/events/${e.slug}/checkin`;
  return (
    <>
      <h1>
        {t('events.checkin.title')}: <Local c={c} text={e.title} />
      </h1>
      <div id="door-counts" data-src={localePath(l, `${base}/counts`)} aria-live="polite">
        <p class="pw-counts">
          {t('events.checkin.counts', { checkedIn: formatNumber(l, counts.checkedIn), expected: formatNumber(l, counts.expected) })}
          <br />
          {t('events.checkin.sectors', { government: counts.government, other: counts.nonGovernment })}
        </p>
        {counts.agencies.length > 0 && <p>{t('events.checkin.agencies', { list: counts.agencies.join(', ') })}</p>}
      </div>
      {props.notice && (
        <div class="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{props.notice.text}</p>
            {props.notice.undo && (
              <form method="post" action={localePath(l, `${base}/undo`)} class="pw-inline-form">
                <Csrf token={c.var.csrfToken} />
                <input type="hidden" name="rsvpId" value={props.notice.undo} />
                <button class="usa-button usa-button--unstyled" type="submit">
                  {t('events.checkin.undo')}
                </button>
              </form>
            )}
          </div>
        </div>
      )}
      <ErrorSummary
        errors={Object.fromEntries(Object.entries(props.errors).map(([k, m]) => [k === 'code' ? k : `walkin-${k}`, m]))}
        t={c.var.t}
      />
      <form method="get" action={localePath(l, base)} role="search" class="usa-form">
        <TextField name="q" type="search" label={t('events.checkin.search')} value={props.q} autocomplete="off" spellcheck={false} />
        <Button variant="secondary">{c.var.t('form.search')}</Button>
      </form>
      {props.q && (
        <ul class="usa-list usa-list--unstyled pw-checkin-list">
          {props.list.length === 0 && <li>{t('events.checkin.noMatch')}</li>}
          {props.list.map((a) => (
            <li>
              <form method="post" action={localePath(l, base)} class="pw-inline-form">
                <Csrf token={c.var.csrfToken} />
                <input type="hidden" name="rsvpId" value={a.id} />
                <strong>{a.name}</strong> <span class="pw-meta">{t(`events.status.${a.status}`)}</span>{' '}
                {a.checkedInAt ? (
                  <span>✓ {t('events.checkin.already')}</span>
                ) : a.status === 'going' || a.status === 'walkin' ? (
                  <button class="usa-button" type="submit">
                    {t('events.checkin.checkIn')}
                  </button>
                ) : null}
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('events.checkin.byCode')}</h2>
      <form method="post" action={localePath(l, base)} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="code"
          label={t('events.ticket.code')}
          hint={t('events.checkin.codeHint')}
          value={props.values.code}
          error={props.errors.code}
          autocomplete="off"
          spellcheck={false}
          maxlength={200}
        />
        <div id="qr-scan" data-label={t('events.checkin.scan')} data-stop={t('events.checkin.stopScan')}></div>
        <Button>{t('events.checkin.checkIn')}</Button>
      </form>
      <h2>{t('events.checkin.walkIn')}</h2>
      <form method="post" action={localePath(l, `${base}/walkin`)} class="usa-form" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="name"
          idPrefix="walkin-"
          label={t('events.rsvp.name')}
          value={props.values.name}
          error={props.errors.name}
          autocomplete="off"
          maxlength={200}
          spellcheck={false}
        />
        <TextField
          name="email"
          idPrefix="walkin-"
          type="email"
          label={t('events.rsvp.email')}
          value={props.values.email}
          error={props.errors.email}
          autocomplete="off"
          maxlength={254}
        />
        <Select
          name="sector"
          idPrefix="walkin-"
          label={t('events.checkin.sector')}
          optional={c.var.t('form.optional')}
          value={props.values.sector}
          blank={t('events.checkin.sectorBlank')}
          options={SECTORS.map((s) => ({ value: s, label: t(`events.sector.${s}`) }))}
        />
        <Button>{t('events.checkin.addWalkIn')}</Button>
      </form>
    </>
  );
}
