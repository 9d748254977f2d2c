import type { Ctx } from '../../../platform/http/context';
import type { Child } from 'hono/jsx';
import { Checkbox, Csrf, ErrorSummary, FileField, Select, TextArea, TextField, TimeZoneSelect } from '../../../platform/ui/components';
import { EVENT_FORMATS, EVENT_STATUSES, type ImageRef, type SeriesRow } from '../schema';
import { CoverImage, SpeakerPhoto } from './images';
import { tr } from '../messages';
import { Pair } from './series-form';

type V = Record<string, string>;

/** The most rows of each repeatable part (the service's limits). */
export const ROW_LIMITS = { speakers: 20, questions: 10, links: 10 } as const;
export type RowPart = keyof typeof ROW_LIMITS;

/** Error summary links must land on a real field id: object-level errors point at their English field. */
export function anchored(errors: V): V {
  return Object.fromEntries(
    Object.entries(errors).map(([k, msg]) => {
      if (/^(title|summary|description|subject|body|cover\.alt)$/.test(k) || /^questions\.\d+\.label$/.test(k)) return [`${k}.en`, msg];
      if (k.startsWith('reminderHours')) return ['reminders', msg];
      if (/^questions\.\d+\.options/.test(k)) return [k.replace(/options.*$/, 'choices'), msg];
      return [k, msg];
    }),
  );
}

/** A row's index: a number, or the mark the template row carries until the script numbers it. */
const ROW_MARK = '__row__';
type Row = number | typeof ROW_MARK;
const rowNumber = (i: Row) => (i === ROW_MARK ? '{n}' : i + 1);

/** How many rows of a repeatable part the form shows: those filled or shown before, one more when asked. */
function rowsShown(v: V, part: RowPart): number {
  let filled = 0;
  const prefix = `${part}.`;
  for (const [k, value] of Object.entries(v)) {
    if (!k.startsWith(prefix) || !value.trim() || k.endsWith('.kind')) continue;
    filled = Math.max(filled, Number(k.slice(prefix.length).split('.')[0]) + 1);
  }
  const before = Math.max(filled, Number(v[`rows.${part}`]) || 0);
  return Math.min(ROW_LIMITS[part], before + (v.add === part ? 1 : 0));
}

/** A part of the form under its own heading. */
function Section(props: { id: string; title: string; children: Child; hint?: string; empty?: string }) {
  return (
    <fieldset class="usa-fieldset pw-form-section" id={`section-${props.id}`}>
      <legend class="usa-legend usa-legend--large">
        <h2 class="pw-section-heading">{props.title}</h2>
      </legend>
      {props.hint && <p class="usa-hint">{props.hint}</p>}
      {/* "None yet": gone once a row is added (rows.ts removes it at once). */}
      {props.empty && <p class="usa-hint pw-none-yet">{props.empty}</p>}
      {props.children}
    </fieldset>
  );
}

/** The formats an upload may be in (the server decodes only these; see the platform's images). */
const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

/**
 * A picture chosen on the form. A browser cannot keep a chosen file when the form comes back, so the
 * server stores it at once and the form carries its key (hidden): the picture stays, shown, with a box
 * to remove it.
 */
function ImageField(props: {
  c: Ctx;
  prefix: string;
  file: string;
  label: string;
  hint: string;
  current: ImageRef | undefined;
  v: V;
  errors: V;
}) {
  const { c, prefix, current } = props;
  const t = tr(c);
  const key = `${prefix}${prefix.endsWith('.') ? 'image' : ''}`;
  return (
    <>
      <input type="hidden" name={key} value={current ? current.key : ''} />
      {current && (
        <div class="pw-image-kept">
          {props.file === 'cover.file' ? (
            <CoverImage c={c} cover={{ ...current, alt: { en: '', es: '' } }} card />
          ) : (
            <SpeakerPhoto s={{ name: '', photo: current, photoAlt: '' }} />
          )}
          <Checkbox
            name={`${props.file}Remove`}
            id={`${props.file}Remove`.replace(/\./g, '-')}
            label={t('events.form.image.remove')}
            checked={false}
          />
        </div>
      )}
      <FileField
        name={props.file}
        label={current ? t('events.form.image.replace') : props.label}
        hint={props.hint}
        optional={c.var.t('form.optional')}
        error={props.errors[props.file]}
        accept={IMAGE_ACCEPT}
      />
    </>
  );
}

export function EventForm(props: {
  c: Ctx;
  action: string;
  v: V;
  errors: V;
  series: SeriesRow[];
  isNew: boolean;
  zones: string[];
  /** The pictures the form names (by key), to show them kept. */
  images?: Record<string, ImageRef>;
}) {
  const { c, v } = props;
  const errors = anchored(props.errors);
  const images = props.images ?? {};
  const t = tr(c);
  const opt = c.var.t('form.optional');
  const cb = (name: string, label: string) => (
    <Checkbox name={name} id={name.replace(/\./g, '-')} label={label} checked={v[name] === 'on' || v[name] === 'true'} />
  );
  const submitLabel = props.isNew ? t('events.form.create') : c.var.t('form.save');
  const rows = { speakers: rowsShown(v, 'speakers'), questions: rowsShown(v, 'questions'), links: rowsShown(v, 'links') };
  // The row just added gets the focus, so a form posted back without JavaScript lands on it.
  const focus = (part: RowPart, i: Row) => v.add === part && i === rows[part] - 1;
  // The rows shown, then one more as a template: with JavaScript, "Add a speaker" copies it at once
  // (rows.ts) instead of posting back; its index and number are filled in there.
  const rowsOf = (part: RowPart, row: (i: Row) => Child) => (
    <>
      {Array.from({ length: rows[part] }, (_, i) => row(i))}
      <template data-row={part} data-max={String(ROW_LIMITS[part])} data-added={t('events.form.rowAdded', { row: '{row}' })}>
        {row(ROW_MARK)}
      </template>
    </>
  );
  const addButton = (part: RowPart, label: string) => (
    <>
      <input type="hidden" name={`rows.${part}`} value={String(rows[part])} />
      {rows[part] < ROW_LIMITS[part] && (
        <button class="usa-button usa-button--outline pw-add-row" type="submit" name="add" value={part} formnovalidate>
          {label}
        </button>
      )}
    </>
  );
  return (
    <form class="usa-form usa-form--large pw-wide-form" method="post" action={props.action} enctype="multipart/form-data" novalidate>
      <Csrf token={c.var.csrfToken} />
      {/* Enter in a field submits with the form's first button: this one saves, not "Add a speaker". */}
      <button type="submit" class="usa-sr-only" tabindex={-1} aria-hidden="true">
        {submitLabel}
      </button>
      <ErrorSummary errors={errors} t={c.var.t} />
      <p class="usa-sr-only" role="status" id="row-status"></p>
      <Section id="about" title={t('events.form.section.about')} hint={t('events.form.bothLanguages')}>
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
      </Section>
      <Section id="cover" title={t('events.form.section.cover')}>
        <ImageField
          c={c}
          prefix="cover."
          file="cover.file"
          label={t('events.form.cover')}
          hint={t('events.form.coverHint')}
          current={images[v['cover.image'] ?? '']}
          v={v}
          errors={errors}
        />
        <Pair c={c} name="cover.alt" label={t('events.form.coverAlt')} v={v} errors={errors} max={300} />
        <p class="usa-hint">{t('events.form.coverAltHint')}</p>
      </Section>
      <Section id="when" title={t('events.form.section.when')}>
        <TimeZoneSelect
          name="timeZone"
          label={t('events.form.timeZone')}
          hint={t('events.form.timeZoneHint')}
          value={v.timeZone}
          error={errors.timeZone}
          first={props.zones}
          t={c.var.t}
        />
        <TextField
          name="startsAt"
          type="datetime-local"
          label={t('events.form.startsAt')}
          hint={t('events.form.startsAtHint')}
          value={v.startsAt}
          error={errors.startsAt}
        />
        <TextField name="endsAt" type="datetime-local" label={t('events.form.endsAt')} value={v.endsAt} error={errors.endsAt} />
        <TextField
          name="reminders"
          label={t('events.form.reminders')}
          hint={t('events.form.remindersHint')}
          value={v.reminders}
          error={errors.reminderHours}
          maxlength={40}
        />
      </Section>
      <Section id="where" title={t('events.form.venue')}>
        <Select
          name="format"
          label={t('events.format')}
          value={v.format}
          error={errors.format}
          options={EVENT_FORMATS.map((f) => ({ value: f, label: t(`events.format.${f}`) }))}
        />
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
      </Section>
      <Section id="rsvp" title={t('events.form.section.rsvp')}>
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
      </Section>
      <Section id="speakers" title={t('events.form.section.speakers')} empty={rows.speakers ? undefined : t('events.form.noneYet')}>
        {rowsOf('speakers', (i) => (
          <fieldset class="usa-fieldset pw-form-row">
            <legend class="usa-legend">{t('events.form.speaker', { n: rowNumber(i) })}</legend>
            <TextField
              name={`speakers.${i}.name`}
              label={t('events.form.speakerName')}
              value={v[`speakers.${i}.name`]}
              error={errors[`speakers.${i}.name`]}
              maxlength={200}
              autofocus={focus('speakers', i)}
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
            {/* A photo address set through the API is kept as it is; the form uploads photos instead. */}
            <input type="hidden" name={`speakers.${i}.photoUrl`} value={v[`speakers.${i}.photoUrl`] ?? ''} />
            <ImageField
              c={c}
              prefix={`speakers.${i}.photo`}
              file={`speakers.${i}.photoFile`}
              label={t('events.form.speakerPhoto')}
              hint={t('events.form.speakerPhotoHint')}
              current={images[v[`speakers.${i}.photo`] ?? '']}
              v={v}
              errors={errors}
            />
            <TextField
              name={`speakers.${i}.photoAlt`}
              label={t('events.form.speakerPhotoAlt')}
              hint={t('events.form.speakerPhotoAltHint')}
              value={v[`speakers.${i}.photoAlt`]}
              error={errors[`speakers.${i}.photoAlt`]}
              maxlength={300}
            />
            <Pair c={c} name={`speakers.${i}.bio`} label={t('events.form.speakerBio')} v={v} errors={errors} area max={3000} />
          </fieldset>
        ))}
        {addButton('speakers', t('events.form.addSpeaker'))}
      </Section>
      <Section id="questions" title={t('events.form.section.questions')} hint={t('events.form.questionsHint')}>
        {rowsOf('questions', (i) => (
          <fieldset class="usa-fieldset pw-form-row">
            <legend class="usa-legend">{t('events.form.question', { n: rowNumber(i) })}</legend>
            <Pair
              c={c}
              name={`questions.${i}.label`}
              label={t('events.form.questionLabel')}
              v={v}
              errors={errors}
              max={300}
              autofocus={focus('questions', i)}
            />
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
        {addButton('questions', t('events.form.addQuestion'))}
      </Section>
      <Section id="links" title={t('events.form.section.links')} hint={t('events.form.linksHint')}>
        {rowsOf('links', (i) => (
          <fieldset class="usa-fieldset pw-form-row">
            <legend class="usa-legend">{t('events.form.link', { n: rowNumber(i) })}</legend>
            <TextField
              name={`links.${i}.label`}
              label={t('events.form.linkLabel')}
              value={v[`links.${i}.label`]}
              error={errors[`links.${i}.label`]}
              maxlength={200}
              autofocus={focus('links', i)}
            />
            <TextField
              name={`links.${i}.url`}
              type="url"
              label={t('events.form.linkUrl')}
              value={v[`links.${i}.url`]}
              error={errors[`links.${i}.url`]}
            />
          </fieldset>
        ))}
        {addButton('links', t('events.form.addLink'))}
      </Section>
      <p>
        <button class="usa-button pw-form-submit" type="submit">
          {submitLabel}
        </button>
      </p>
    </form>
  );
}
