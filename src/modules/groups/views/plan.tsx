import type { Ctx } from '../../../platform/http/context';
import type { GroupingRow, StoredProblem } from '../schema';
import { groupsMessages, tr } from '../messages';

/** A problem the plan reports, in the reader's language, naming people as written. */
function problemText(c: Ctx, g: GroupingRow, p: StoredProblem): string {
  const names = (p.people ?? []).map((k) => g.participants.find((x) => x.key === k)?.name ?? k).join(', ');
  const t = tr(c);
  let detail = p.detail ?? '';
  if (p.code === 'balanceBroken')
    detail = detail.startsWith('sector:')
      ? t('groups.category.sector', { sector: detail.slice('sector:'.length) })
      : detail === 'government' || detail === 'nonGovernment' || detail === 'facilitator'
        ? t(`groups.category.${detail}`)
        : detail;
  return groupsMessages.any(c.var.locale)(`groups.problem.${p.code}`, {
    people: names,
    round: p.round ?? 0,
    table: p.table ?? 0,
    detail: p.code === 'tooFewFacilitators' ? detail.split('/')[0] : detail,
    size: detail,
  });
}

export function PlanSummary(props: { c: Ctx; g: GroupingRow }) {
  const { c, g } = props;
  const t = tr(c);
  return (
    <>
      <p>{t('groups.view.summary', { people: g.participants.filter((p) => !p.absent).length, rounds: g.rounds })}</p>
      <p>
        {t('groups.view.repeats', { repeats: g.repeatPairs })} {t('groups.view.bound', { bound: g.lowerBound })}
      </p>
      {g.warnings.length > 0 && (
        <div class="usa-alert usa-alert--warning" role="status">
          <div class="usa-alert__body">
            <h2 class="usa-alert__heading">{t('groups.view.warnings')}</h2>
            <ul class="usa-list">
              {g.warnings.slice(0, 50).map((w) => (
                <li>{problemText(c, g, w)}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </>
  );
}

/** One box per table, names exactly as written, the facilitator marked. */
export function RoundTables(props: { c: Ctx; g: GroupingRow; round: number; large?: boolean; heading?: 'h2' | 'h3' }) {
  const { c, g, round } = props;
  const t = tr(c);
  const Heading = props.heading ?? 'h3';
  return (
    <ul class={props.large ? 'pw-tables pw-tables--large' : 'pw-tables'}>
      {g.plan[round].map((members, table) => (
        <li class="pw-table-box">
          <Heading>{t('groups.view.table', { table: table + 1 })}</Heading>
          <ul>
            {members.map((i) => {
              const p = g.participants[i];
              return (
                <li>
                  {p.name}
                  {p.facilitator ? ` (${t('groups.view.facilitator')})` : ''}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}
