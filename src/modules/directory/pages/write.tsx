import type { Child } from 'hono/jsx';
import type { Ctx } from '../../../platform/http/context';
import { AppError } from '../../../platform/http/errors';
import { parseFormBody } from '../../../platform/http/request';
import { errorMessages, translateKey } from '../../../platform/http/validation';
import type { z } from 'zod';
import { Button, Checkbox, Csrf, TextArea, TextField } from '../../../platform/ui/components';
import { tr } from '../messages';

export type Values = Record<string, string | string[]>;

/** A posted form as names and values; a name sent more than once (checkboxes) keeps every value. */
export const postedValues = async (c: Ctx): Promise<Values> =>
  Object.fromEntries(
    Object.entries(await parseFormBody(c)).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? v : '',
    ]),
  );

/** One value of a posted form (the first, when a name came more than once). */
export const one = (v: Values, k: string): string => (Array.isArray(v[k]) ? ((v[k] as string[])[0] ?? '') : ((v[k] as string) ?? ''));

/** Every value of a repeated name (checkboxes). */
export const many = (v: Values, k: string): string[] => ([] as string[]).concat(v[k] ?? []).filter((x) => x !== '');

/** A list typed one per line (or separated by commas): addresses, tags, links. */
export const lines = (s: string): string[] =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Blank is "not given"; anything else is kept as typed for the schema to judge. */
export const blankNull = (s: string): string | null => (s.trim() === '' ? null : s);

/**
 * A problem with an item of a list (`links.2`) or with a language of a field (`title.en`) is shown beside
 * that field; a list of rows (`questions.1.label`) keeps the row and its field, each row having its own.
 */
function byField(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, m] of Object.entries(errors)) {
    const [name, row, field] = k.split('.');
    out[/^\d+$/.test(row ?? '') && field ? `${name}.${row}.${field}` : name] ??= m;
  }
  return out;
}

/**
 * A failed parse as the form's field messages, in the reader's language: each key from the catalog that
 * owns it (a convening's event fields carry the events module's keys).
 */
const parseErrors = (c: Ctx, error: z.ZodError): Record<string, string> => byField(errorMessages(c, error));

/**
 * A service's refusal of what a form sent (422 with field problems, or a 409 naming its field, such as
 * a taken address), as the form's field messages; null for anything else, which the error page shows.
 */
export function refusedFields(c: Ctx, err: unknown): Record<string, string> | null {
  if (!(err instanceof AppError) || (err.status !== 422 && err.status !== 409) || Object.keys(err.fields).length === 0) return null;
  return Object.fromEntries(Object.entries(err.fields).map(([k, key]) => [k, translateKey(c, key, err.fieldValues[k])]));
}

/** A set of checkboxes named once, its legend naming it in the error summary (the fieldset's id). */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  chosen: string[];
  error?: string;
  hint?: Child;
}) {
  return (
    <fieldset class={props.error ? 'usa-fieldset usa-form-group usa-form-group--error' : 'usa-fieldset'} id={props.name}>
      <legend class="usa-legend">{props.legend}</legend>
      {props.hint && <div class="usa-hint">{props.hint}</div>}
      {props.error && (
        <span class="usa-error-message" role="alert">
          {props.error}
        </span>
      )}
      {props.options.map((o) => (
        <Checkbox
          name={props.name}
          id={`${props.name}-${o.value}`}
          value={o.value}
          label={o.label}
          checked={props.chosen.includes(o.value)}
        />
      ))}
    </fieldset>
  );
}

/**
 * The one path of every organizer form: check what was sent against the input's schema, save it, go
 * where the saved entry lives; a problem re-shows the form with everything as typed and each message
 * beside its field.
 */
export async function submitForm<S extends z.ZodType>(
  c: Ctx,
  p: {
    schema: S;
    sent: unknown;
    show: (errors: Record<string, string>) => Response | Promise<Response>;
    save: (data: z.output<S>) => Promise<string>;
  },
): Promise<Response> {
  const parsed = p.schema.safeParse(p.sent);
  if (!parsed.success) return p.show(parseErrors(c, parsed.error));
  try {
    return c.redirect(await p.save(parsed.data), 303);
  } catch (err) {
    const fields = refusedFields(c, err);
    if (fields) return p.show(fields);
    throw err;
  }
}

/** An organizer page's heading with the link to what the public sees, and to where else it is edited. */
export function Heading(props: { title: string; href: string; label: string; more?: { href: string; label: string } }) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>
        <a href={props.href}>{props.label}</a>
      </p>
      {props.more && (
        <p>
          <a href={props.more.href}>{props.more.label}</a>
        </p>
      )}
    </>
  );
}

/** "Shown publicly": yes with the button to stop it (a plain form), or no. */
export function ShownCell(props: { c: Ctx; shown: boolean; action: string; name: string }) {
  const t = tr(props.c);
  if (!props.shown) return <>{t('directory.organize.no')}</>;
  return (
    <form method="post" action={props.action}>
      <Csrf token={props.c.var.csrfToken} />
      {t('directory.organize.yes')} <Button variant="unstyled">{t('directory.organize.withdraw', { name: props.name })}</Button>
    </form>
  );
}

interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  type?: 'email';
  area?: boolean;
  required?: boolean;
  max?: number;
  autocomplete?: string;
}

/**
 * Fields of a form from their names and labels, each with its value as typed and its message: the
 * pieces several forms share (a person, an entry's names, its descriptions) are lists of these.
 */
function Fields(props: { c: Ctx; values: Values; errors: Record<string, string>; fields: FieldSpec[] }) {
  const opt = props.c.var.t('form.optional');
  return (
    <>
      {props.fields.map((f) => {
        const common = {
          name: f.name,
          label: f.label,
          hint: f.hint,
          value: one(props.values, f.name),
          error: props.errors[f.name],
          required: f.required,
          optional: f.required ? undefined : opt,
          maxlength: f.max,
        };
        return f.area ? <TextArea {...common} /> : <TextField {...common} type={f.type} autocomplete={f.autocomplete} />;
      })}
    </>
  );
}

type GroupProps = { c: Ctx; values: Values; errors: Record<string, string> };

/** A group of fields several forms share, its labels in the reader's language. */
const fieldGroup = (specs: (t: ReturnType<typeof tr>) => FieldSpec[]) =>
  function FieldGroup(props: GroupProps) {
    return <Fields {...props} fields={specs(tr(props.c))} />;
  };

/** A person's name and email, as lists of people (rosters, organizations) take them. */
export const PersonFields = fieldGroup((t) => [
  { name: 'name', label: t('directory.field.name'), required: true, autocomplete: 'off' },
  { name: 'email', type: 'email', label: t('directory.form.email'), required: true, autocomplete: 'off' },
]);

/** An entry's name in both languages and its address, as organizations and initiatives take them. */
export const NameFields = fieldGroup((t) => [
  { name: 'name', label: t('directory.write.name'), required: true, max: 300 },
  { name: 'nameEs', label: t('directory.write.nameEs'), max: 300 },
  { name: 'slug', label: t('directory.write.slug'), hint: t('directory.write.slugHint'), max: 80 },
]);

/** The short description in both languages. */
export const DescriptionFields = fieldGroup((t) => [
  { name: 'description', label: t('directory.write.description'), area: true, max: 5000 },
  { name: 'descriptionEs', label: t('directory.write.descriptionEs'), area: true, max: 5000 },
]);

/** A title in both languages, as recommendations and interest forms take it. */
export const TitleFields = fieldGroup((t) => [
  { name: 'title', label: t('directory.write.title'), required: true, max: 300 },
  { name: 'titleEs', label: t('directory.write.titleEs'), max: 300 },
]);

/** A convening's agenda, notes and outputs (markdown), as a new convening and its edit page take them. */
export const ConveningTextFields = fieldGroup((t) => [
  { name: 'agenda', label: t('directory.convening.agenda'), hint: t('directory.write.markdownHint'), area: true, max: 20000 },
  { name: 'notes', label: t('directory.convening.notes'), area: true, max: 20000 },
  { name: 'outputs', label: t('directory.convening.outputs'), area: true, max: 20000 },
]);
