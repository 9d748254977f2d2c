import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { notFound } from '../../../platform/http/errors';
import { offsetParam } from '../../../platform/http/query';
import { localePath } from '../../../platform/i18n';
import { formatDate, formatDateTime } from '../../../platform/i18n/format';
import { renderMarkdown } from '../../../platform/markdown';
import { DataTable } from '../../../platform/ui/data-table';
import { page, rawHtml } from '../../../platform/ui/layout';
import { Button, Pager, Select } from '../../../platform/ui/components';
import { canSeeEvent, getEventById, pickText } from '../../events';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../schema';
import {
  attachedForms,
  getConvening,
  getRecommendation,
  historyOf,
  listConvenings,
  listRecommendations,
  listTaxonomy,
  roster,
  taxonomyName,
} from '../service';
import { tr } from '../messages';
import { FormCalls, OutsideLink, pick } from '../views/entries';
import { conveningPath, entryPath } from '../views/paths';

export const conveningPages = new Hono<AppEnv>();

const PAGE = 50;

function Markdown(props: { heading: string; text: string | null }) {
  if (!props.text) return null;
  return (
    <section>
      <h2>{props.heading}</h2>
      <div class="usa-prose">{rawHtml(renderMarkdown(props.text))}</div>
    </section>
  );
}

async function visibleConvening(c: Ctx) {
  const found = await getConvening(c.var.db, c.req.param('slug') ?? '');
  if (!canSeeEvent(c.var.viewer, found.event)) throw notFound();
  return found;
}

conveningPages.get('/convenings', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const list = await listConvenings(c.var.db);
  return page(
    c,
    { title: t('directory.convenings.title'), description: t('directory.convenings.lead') },
    <>
      <h1>{t('directory.convenings.title')}</h1>
      <p class="usa-intro">{t('directory.convenings.lead')}</p>
      <p>
        <a href={localePath(l, '/recommendations')}>{t('directory.tracker.title')}</a>
      </p>
      {list.length === 0 ? (
        <p>{t('directory.convenings.none')}</p>
      ) : (
        <ul>
          {list.map((e) => (
            <li>
              <a href={conveningPath(l, e.slug)}>{pickText(e.title, l)}</a> — {formatDateTime(l, e.startsAt, e.timeZone)}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});

conveningPages.get('/convenings/:slug', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const { event, convening } = await visibleConvening(c);
  const [people, recs, forms] = await Promise.all([
    roster(c.var.db, event.id, { publicOnly: true }),
    listRecommendations(c.var.db, { convening: event.slug, includeDrafts: true }, { limit: 200, offset: 0 }),
    attachedForms(c.var.db, { eventId: event.id }),
  ]);
  const title = pickText(event.title, l);
  return page(
    c,
    { title, description: t('directory.convenings.lead') },
    <>
      <h1>{title}</h1>
      <p>
        {formatDateTime(l, event.startsAt, event.timeZone)} ·{' '}
        <a href={localePath(l, `/events/${event.slug}`)}>{t('directory.convening.event')}</a>
      </p>
      <FormCalls c={c} forms={forms} about="convening" />
      <Markdown heading={t('directory.convening.agenda')} text={convening.agenda} />
      <section>
        <h2>{t('directory.convening.participants')}</h2>
        <p class="usa-hint">{t('directory.convening.participantsHint')}</p>
        <DataTable
          caption={t('directory.convening.participants')}
          captionHidden
          empty={t('directory.convening.noParticipants')}
          rows={people}
          columns={[
            { label: t('directory.field.name'), rowHeader: true, cell: (p) => p.name },
            {
              label: t('directory.field.organizations'),
              cell: (p) =>
                p.organizationSlug ? (
                  <a href={entryPath(l, 'organizations', p.organizationSlug)}>{p.organization}</a>
                ) : (
                  (p.organization ?? '')
                ),
            },
            { label: t('directory.field.role'), cell: (p) => t(`directory.role.${p.role}`) },
          ]}
        />
      </section>
      <Markdown heading={t('directory.convening.notes')} text={convening.notes} />
      <Markdown heading={t('directory.convening.outputs')} text={convening.outputs} />
      <section>
        <h2>{t('directory.convening.recommendations')}</h2>
        <RecommendationTable c={c} rows={recs.recommendations} withConvening={false} />
      </section>
    </>,
  );
});

function RecommendationTable(props: {
  c: Ctx;
  rows: Awaited<ReturnType<typeof listRecommendations>>['recommendations'];
  withConvening: boolean;
}) {
  const { c } = props;
  const t = tr(c);
  const l = c.var.locale;
  return (
    <DataTable
      caption={t('directory.convening.recommendations')}
      captionHidden
      empty={t('directory.tracker.none')}
      rows={props.rows}
      columns={[
        {
          label: t('directory.tracker.recommendation'),
          rowHeader: true,
          cell: (r) => <a href={localePath(l, `/recommendations/${r.id}`)}>{pick(l, r.title, r.titleEs)}</a>,
        },
        ...(props.withConvening
          ? [
              {
                label: t('directory.tracker.convening'),
                cell: (r: (typeof props.rows)[number]) => <a href={conveningPath(l, r.conveningSlug)}>{pickText(r.conveningTitle, l)}</a>,
              },
            ]
          : []),
        { label: t('directory.field.status'), cell: (r) => t(`directory.rstatus.${r.status}`) },
      ]}
    />
  );
}

conveningPages.get('/recommendations', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const asked = c.req.query('status');
  const status = RECOMMENDATION_STATUSES.includes(asked as RecommendationStatus) ? (asked as RecommendationStatus) : undefined;
  const offset = offsetParam(c);
  const found = await listRecommendations(c.var.db, { status }, { limit: PAGE, offset });
  return page(
    c,
    { title: t('directory.tracker.title'), description: t('directory.tracker.lead') },
    <>
      <h1>{t('directory.tracker.title')}</h1>
      <p class="usa-intro">{t('directory.tracker.lead')}</p>
      <form method="get" action={localePath(l, '/recommendations')} class="usa-form">
        <Select
          name="status"
          label={t('directory.field.status')}
          blank={t('directory.search.any')}
          value={status ?? ''}
          options={RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: t(`directory.rstatus.${s}`) }))}
        />
        <Button>{t('directory.search.submit')}</Button>
      </form>
      <h2>{t('directory.search.count', { count: found.total })}</h2>
      <RecommendationTable c={c} rows={found.recommendations} withConvening />
      <Pager
        t={c.var.t}
        total={found.total}
        offset={offset}
        limit={PAGE}
        href={(o) => localePath(l, `/recommendations?${new URLSearchParams({ ...(status ? { status } : {}), offset: String(o) })}`)}
      />
    </>,
  );
});

conveningPages.get('/recommendations/:id', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const r = await getRecommendation(c.var.db, c.req.param('id'));
  const event = await getEventById(c.var.db, r.eventId);
  if (!canSeeEvent(c.var.viewer, event)) throw notFound();
  const [history, goals, related] = await Promise.all([
    historyOf(c.var.db, r.id),
    listTaxonomy(c.var.db, 'goal'),
    listRecommendations(c.var.db, { convening: event.slug, includeDrafts: true }, { limit: 200, offset: 0 }),
  ]);
  const initiatives = related.recommendations.find((x) => x.id === r.id)?.initiatives ?? [];
  const goal = goals.find((g) => g.key === r.goal);
  const title = pick(l, r.title, r.titleEs);
  return page(
    c,
    { title, description: t('directory.tracker.lead') },
    <>
      <h1>{title}</h1>
      <p>
        <strong>{t(`directory.rstatus.${r.status}`)}</strong> · <a href={conveningPath(l, event.slug)}>{pickText(event.title, l)}</a>
      </p>
      <div class="usa-prose">{rawHtml(renderMarkdown(pick(l, r.text, r.textEs)))}</div>
      <dl>
        <dt>{t('directory.rec.goal')}</dt>
        <dd>{goal ? taxonomyName(goal, l) : r.goal}</dd>
        {r.addressedTo && (
          <>
            <dt>{t('directory.rec.addressedTo')}</dt>
            <dd>{r.addressedTo}</dd>
          </>
        )}
        {r.owner && (
          <>
            <dt>{t('directory.rec.owner')}</dt>
            <dd>{r.owner}</dd>
          </>
        )}
        {initiatives.length > 0 && (
          <>
            <dt>{t('directory.rec.initiatives')}</dt>
            <dd>
              {initiatives.map((i, n) => (
                <>
                  {n > 0 && ', '}
                  <a href={entryPath(l, 'initiatives', i.slug)}>{pick(l, i.name, i.nameEs)}</a>
                </>
              ))}
            </dd>
          </>
        )}
      </dl>
      <h2>{t('directory.tracker.history')}</h2>
      <ol>
        {history.map((h) => (
          <li>
            {t('directory.rec.historyLine', { status: t(`directory.rstatus.${h.status}`), date: formatDate(l, h.at, event.timeZone) })}
            {h.byName && <> {t('directory.rec.by', { name: h.byName })}</>}
            {h.note && <>: {h.note}</>}
            {h.evidenceUrl && (
              <>
                {' '}
                (<OutsideLink href={h.evidenceUrl}>{t('directory.rec.evidence')}</OutsideLink>)
              </>
            )}
          </li>
        ))}
      </ol>
    </>,
  );
});
