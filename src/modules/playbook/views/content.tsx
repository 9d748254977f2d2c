import type { Ctx } from '../../../platform/http/context';
import { TextArea, TextField } from '../../../platform/ui/components';
import { LIST_FIELDS, type FieldKey, type TemplateContent } from '../lib/kinds';
import type { FieldChange } from '../service';
import { tr } from '../messages';

const LANGS = ['en', 'es'] as const;
/** Fields short enough for one line. */
const ONE_LINE: readonly FieldKey[] = ['title', 'subject'];

/** Form values for a content: `content.<field>.<lang>`. */
export const contentValues = (content: TemplateContent): Record<string, string> =>
  Object.fromEntries(Object.entries(content).flatMap(([f, v]) => LANGS.map((l) => [`content.${f}.${l}`, v?.[l] ?? ''])));

/** Each field of a kind, in English then Spanish, with its error beside it. */
export function ContentFields(props: {
  c: Ctx;
  fields: readonly FieldKey[];
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const t = tr(props.c);
  return (
    <>
      {props.fields.map((f) => (
        <fieldset class="usa-fieldset">
          <legend class="usa-legend usa-legend--large">{t(`playbook.field.${f}`)}</legend>
          {LANGS.map((l) => {
            const name = `content.${f}.${l}`;
            const label = t('playbook.fieldIn', { field: t(`playbook.field.${f}`), lang: t(`playbook.lang.${l}`) });
            const common = { name, label, value: props.values[name] ?? '', error: props.errors[name] };
            return ONE_LINE.includes(f) ? (
              <TextField {...common} required={f === 'title' && l === 'en'} />
            ) : (
              <TextArea
                {...common}
                rows={LIST_FIELDS.includes(f) ? 8 : 5}
                hint={LIST_FIELDS.includes(f) ? t('playbook.listHint') : undefined}
              />
            );
          })}
        </fieldset>
      ))}
    </>
  );
}

/** A read-only template or copy: each field with its lines, in the reader's language first. */
export function ContentView(props: { c: Ctx; fields: readonly FieldKey[]; content: TemplateContent }) {
  const t = tr(props.c);
  const l = props.c.var.locale;
  return (
    <dl class="pw-playbook">
      {props.fields.map((f) => {
        const text = props.content[f]?.[l] || props.content[f]?.en || '';
        return (
          <>
            <dt>{t(`playbook.field.${f}`)}</dt>
            <dd>
              {LIST_FIELDS.includes(f) ? (
                <ul>
                  {text
                    .split('\n')
                    .filter(Boolean)
                    .map((line) => (
                      <li>{line}</li>
                    ))}
                </ul>
              ) : (
                <p class="pw-pre-line">{text}</p>
              )}
            </dd>
          </>
        );
      })}
    </dl>
  );
}

/** The network's changes, field by field, each line marked for sight and for screen readers. */
export function ChangesView(props: { c: Ctx; changes: FieldChange[] }) {
  const t = tr(props.c);
  return (
    <>
      {props.changes.map((ch) => (
        <section>
          <h3>{t('playbook.changes.field', { field: t(`playbook.field.${ch.field}`), lang: t(`playbook.lang.${ch.lang}`) })}</h3>
          <ul class="usa-list usa-list--unstyled pw-diff">
            {ch.lines.map((line) =>
              line.op === 'same' ? (
                <li>{line.text || '\u00a0'}</li>
              ) : line.op === 'removed' ? (
                <li>
                  <del>
                    <span aria-hidden="true">− </span>
                    <span class="usa-sr-only">{t('playbook.changes.removed')} </span>
                    {line.text}
                  </del>
                </li>
              ) : (
                <li>
                  <ins>
                    <span aria-hidden="true">+ </span>
                    <span class="usa-sr-only">{t('playbook.changes.added')} </span>
                    {line.text}
                  </ins>
                </li>
              ),
            )}
          </ul>
        </section>
      ))}
    </>
  );
}
