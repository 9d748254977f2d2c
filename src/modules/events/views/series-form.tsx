import type { Ctx } from '../../../platform/http/context';
import { TextArea, TextField } from '../../../platform/ui/components';
import { tr } from '../messages';

type V = Record<string, string>;

/** One organizer text, English and Spanish side by side. */
export const Pair = (p: { c: Ctx; name: string; label: string; v: V; errors: V; area?: boolean; max: number; autofocus?: boolean }) => {
  const t = tr(p.c);
  const F = p.area ? TextArea : TextField;
  return (
    <div class="pw-pair">
      <F
        name={`${p.name}.en`}
        label={`${p.label} — ${t('events.form.english')}`}
        value={p.v[`${p.name}.en`]}
        error={p.errors[`${p.name}.en`] ?? p.errors[p.name]}
        maxlength={p.max}
        autofocus={p.autofocus}
      />
      <F
        name={`${p.name}.es`}
        label={`${p.label} — ${t('events.form.spanish')}`}
        value={p.v[`${p.name}.es`]}
        error={p.errors[`${p.name}.es`]}
        maxlength={p.max}
      />
    </div>
  );
};
