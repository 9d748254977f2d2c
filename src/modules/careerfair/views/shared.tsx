import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { type EventRow, pickText } from '../../events';
import { tr } from '../messages';
import type { BoothView } from '../service';

export const fairTitle = (c: Ctx, e: EventRow) => pickText(e.title, c.var.locale);
export const fairPath = (c: Ctx, e: Pick<EventRow, 'slug'>, rest = '') => localePath(c.var.locale, `/events/${e.slug}/fair${rest}`);

function agencyName(c: Ctx, b: Pick<BoothView, 'agencyName' | 'agencyNameEs'>): string {
  return c.var.locale === 'es' && b.agencyNameEs ? b.agencyNameEs : b.agencyName;
}

/** One booth as attendees see it: table, agency, languages, open jobs linking to the job pages. */
export function BoothCard(props: { c: Ctx; b: BoothView; actions?: boolean; e: EventRow }) {
  const { c, b } = props;
  const t = tr(c);
  const headingId = `booth-${b.id}`;
  return (
    <li class="usa-card tablet:grid-col-6">
      <div class="usa-card__container">
        <div class="usa-card__header">
          <h2 class="usa-card__heading" id={headingId}>
            {agencyName(c, b)}
          </h2>
          <p>{b.tableNumber ? t('careerfair.booth.table', { number: b.tableNumber }) : t('careerfair.booth.noTable')}</p>
        </div>
        <div class="usa-card__body">
          {b.languages.length > 0 && (
            <p>
              <strong>{t('careerfair.booth.languages')}:</strong> <span>{b.languages.join(', ')}</span>
            </p>
          )}
          <h3>{t('careerfair.booth.jobs')}</h3>
          {b.jobs.length === 0 ? (
            <p>{t('careerfair.booth.noJobs')}</p>
          ) : (
            <ul>
              {b.jobs.map((j) => (
                <li>
                  <a href={localePath(c.var.locale, `/jobs/${j.id}`)}>{j.title}</a>
                </li>
              ))}
            </ul>
          )}
          {props.actions && (
            <p>
              <a href={fairPath(c, props.e, `/booths/${b.id}/edit`)}>{t('careerfair.booth.edit')}</a>
              {' · '}
              <a href={fairPath(c, props.e, `/booths/${b.id}/scan`)}>{t('careerfair.booth.scan')}</a>
            </p>
          )}
        </div>
      </div>
    </li>
  );
}
