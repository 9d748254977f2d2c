import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { tr } from '../messages';
import type { Program } from '../schema';

const PARTS = ['edit', 'applications', 'sessions', 'slots', 'deliverables', 'worksheets', 'progress', 'report'] as const;

/** The organizer pages of one program, so each is one tap from the others. */
export function ProgramNav(props: { c: Ctx; p: Program }) {
  const t = tr(props.c);
  const l = props.c.var.locale;
  return (
    <nav aria-label={t('programs.nav.label')}>
      <ul class="usa-list usa-list--unstyled pw-inline-list">
        {PARTS.map((part) => (
          <li>
            <a href={localePath(l, `/programs/${props.p.slug}/${part}`)}>{t(`programs.nav.${part}`)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
