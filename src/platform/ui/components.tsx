import type { Child } from 'hono/jsx';
import type { Translate } from '../i18n';
import { timeZoneGroups } from '../time';

/** The hidden CSRF field of a signed-in visitor's forms (anonymous visitors have none: decision 37). */
export function Csrf(props: { token: string }) {
  return props.token ? <input type="hidden" name="_csrf" value={props.token} /> : null;
}

interface FieldProps {
  name: string;
  label: string;
  value?: string | null;
  error?: string;
  hint?: string;
  optional?: string;
  /** Id prefix when the same field appears twice on a page. */
  idPrefix?: string;
}

function describedBy(id: string, hint?: string, error?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function FieldFrame(props: FieldProps & { id: string; children: Child }) {
  const { id, error, hint } = props;
  return (
    <div class={error ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
      <label class={error ? 'usa-label usa-label--error' : 'usa-label'} for={id}>
        {props.label}
        {props.optional && <span class="usa-hint"> {props.optional}</span>}
      </label>
      {hint && (
        <div class="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span class="usa-error-message" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'search' | 'url' | 'number' | 'datetime-local' | 'date' | 'tel';
    autocomplete?: string;
    required?: boolean;
    inputmode?: 'numeric' | 'email' | 'text';
    maxlength?: number;
    min?: string;
    max?: string;
    step?: string;
    pattern?: string;
    spellcheck?: boolean;
    /** Focus on load: a row just added by a form posted back. */
    autofocus?: boolean;
  },
) {
  const id = `${props.idPrefix ?? ''}${props.name}`;
  return (
    <FieldFrame {...props} id={id}>
      <input
        class={props.error ? 'usa-input usa-input--error' : 'usa-input'}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        min={props.min}
        max={props.max}
        step={props.step}
        pattern={props.pattern}
        spellcheck={props.spellcheck}
        autofocus={props.autofocus || undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldFrame>
  );
}

/** A file upload: the same frame as every field (label, hint, error next to it). */
export function FileField(props: FieldProps & { accept: string }) {
  const id = `${props.idPrefix ?? ''}${props.name}`;
  return (
    <FieldFrame {...props} id={id}>
      <input
        class="usa-file-input"
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number; required?: boolean; maxlength?: number; autofocus?: boolean }) {
  const id = `${props.idPrefix ?? ''}${props.name}`;
  return (
    <FieldFrame {...props} id={id}>
      <textarea
        class={props.error ? 'usa-textarea usa-input--error' : 'usa-textarea'}
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        maxlength={props.maxlength}
        autofocus={props.autofocus || undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function Select(props: FieldProps & { options: { value: string; label: string }[]; blank?: string; required?: boolean }) {
  const id = `${props.idPrefix ?? ''}${props.name}`;
  return (
    <FieldFrame {...props} id={id}>
      <select
        class="usa-select"
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * A time-zone picker: the suggested zones first (a chapter's own), then every zone the runtime knows,
 * grouped by region and sorted by place. A native select, so typing a city's first letters finds it and
 * it works without JavaScript. A value outside the list (an older alias) is kept as the first choice.
 */
export function TimeZoneSelect(props: FieldProps & { first: string[]; t: Translate }) {
  const id = `${props.idPrefix ?? ''}${props.name}`;
  const groups = timeZoneGroups();
  const known = new Set(groups.flatMap((g) => g.zones.map((z) => z.value)));
  const first = [...new Set([props.value ?? '', ...props.first].filter((z) => z && (known.has(z) || z === props.value)))];
  const option = (value: string, label: string) => (
    <option value={value} selected={value === (props.value ?? '')}>
      {label}
    </option>
  );
  return (
    <FieldFrame {...props} id={id}>
      <select
        class="usa-select"
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {first.length > 0 && <optgroup label={props.t('timeZone.first')}>{first.map((z) => option(z, z.replace(/_/g, ' ')))}</optgroup>}
        {groups.map((g) => (
          <optgroup label={props.t(`timeZone.region.${g.region}`)}>
            {g.zones.filter((z) => !first.includes(z.value)).map((z) => option(z.value, z.label))}
          </optgroup>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Checkbox(props: { name: string; label: string; checked?: boolean; value?: string; hint?: string; id?: string }) {
  const id = props.id ?? props.name;
  return (
    <div class="usa-checkbox">
      <input
        class="usa-checkbox__input"
        id={id}
        type="checkbox"
        name={props.name}
        value={props.value ?? 'on'}
        checked={props.checked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      <label class="usa-checkbox__label" for={id}>
        {props.label}
        {props.hint && (
          <span class="usa-checkbox__label-description" id={`${id}-hint`}>
            {props.hint}
          </span>
        )}
      </label>
    </div>
  );
}

export function Radios(props: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  value?: string | null;
  error?: string;
}) {
  return (
    <fieldset
      class={props.error ? 'usa-fieldset usa-form-group usa-form-group--error' : 'usa-fieldset usa-form-group'}
      id={props.error ? props.name : undefined}
    >
      <legend class="usa-legend">{props.legend}</legend>
      {props.error && (
        <span class="usa-error-message" id={`${props.name}-error`} role="alert">
          {props.error}
        </span>
      )}
      {props.options.map((o) => (
        <div class="usa-radio">
          <input
            class="usa-radio__input"
            id={`${props.name}-${o.value}`}
            type="radio"
            name={props.name}
            value={o.value}
            checked={o.value === props.value}
          />
          <label class="usa-radio__label" for={`${props.name}-${o.value}`}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * Listed at the top of a form that failed, each problem linking to its field and naming it: by the
 * `labels` given, else by the field's own label, filled in when the page is rendered
 * (`nameErrorFields`). It takes the focus as the page loads, without a script, so a phone shows it first.
 */
export function ErrorSummary(props: { errors: Record<string, string>; t: Translate; labels?: Record<string, string> }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="usa-alert usa-alert--error pw-error-summary" role="alert" aria-labelledby="error-summary-heading" tabindex={-1} autofocus>
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading" id="error-summary-heading">
          {props.t('form.errorSummary', { count: entries.length })}
        </h2>
        <ul class="usa-list">
          {entries.map(([field, message]) => (
            <li>
              {props.labels?.[field] ? (
                <a href={`#${field}`}>{`${props.labels[field]}: ${message}`}</a>
              ) : (
                <a href={`#${field}`} data-error-field="">
                  {message}
                </a>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Alert(props: { type: 'success' | 'info' | 'warning' | 'error'; children: Child; heading?: string }) {
  return (
    <div class={`usa-alert usa-alert--${props.type} usa-alert--slim`} role={props.type === 'error' ? 'alert' : 'status'}>
      <div class="usa-alert__body">
        {props.heading && <h2 class="usa-alert__heading">{props.heading}</h2>}
        <p class="usa-alert__text">{props.children}</p>
      </div>
    </div>
  );
}

export function Button(props: { children: Child; variant?: 'secondary' | 'outline' | 'unstyled'; name?: string; value?: string }) {
  const cls = props.variant ? `usa-button usa-button--${props.variant}` : 'usa-button';
  return (
    <button class={cls} type="submit" name={props.name} value={props.value}>
      {props.children}
    </button>
  );
}

/** Previous/next paging with the current range; works as plain links. */
export function Pager(props: { t: Translate; total: number; offset: number; limit: number; href: (offset: number) => string }) {
  const { t, total, offset, limit } = props;
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav aria-label={t('pager.label')} class="pw-actions">
      <p>{t('pager.showing', { from, to, total })}</p>
      {offset > 0 && <a href={props.href(Math.max(0, offset - limit))}>{t('pager.previous')}</a>}
      {to < total && <a href={props.href(offset + limit)}>{t('pager.next')}</a>}
    </nav>
  );
}
