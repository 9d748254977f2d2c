import type { Ctx } from '../../../platform/http/context';
import { Checkbox } from '../../../platform/ui/components';
import { pickText } from '../../events';
import { tr } from '../messages';
import type { Program } from '../schema';

/** A checkbox per criterion tag of the program, for a session or a deliverable. */
export function TagBoxes(props: { c: Ctx; p: Program; checked: string[]; error?: string }) {
  const { c, p } = props;
  if (p.tags.length === 0) return null;
  return (
    <fieldset class="usa-fieldset" id="tags">
      <legend class="usa-legend">{tr(c)('programs.form.tagsFor')}</legend>
      {props.error && (
        <span class="usa-error-message" role="alert">
          {props.error}
        </span>
      )}
      {p.tags.map((x) => (
        <Checkbox
          name="tags"
          value={x.key}
          id={`tags-${x.key}`}
          label={`${x.key} · ${pickText(x.description, c.var.locale)}`}
          checked={props.checked.includes(x.key)}
        />
      ))}
    </fieldset>
  );
}

/** The posted form's fields as text, and its ticked tags. */
export function postedWithTags(body: Record<string, unknown>): { v: Record<string, string>; tags: string[] } {
  const v: Record<string, string> = {};
  for (const [k, val] of Object.entries(body)) {
    const one = [val].flat()[0];
    if (typeof one === 'string' && k !== 'tags' && k !== '_csrf') v[k] = one;
  }
  const tags = [body.tags].flat().filter((x): x is string => typeof x === 'string');
  return { v, tags };
}
