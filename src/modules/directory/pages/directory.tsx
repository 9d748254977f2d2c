import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { offsetParam } from '../../../platform/http/query';
import { localePath, type Locale } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Button, Pager, Select, TextField } from '../../../platform/ui/components';
import { INITIATIVE_KINDS, INITIATIVE_STATUSES, ORGANIZATION_KINDS } from '../schema';
import { getAgency } from '../../jobs';
import {
  attachedForms,
  getInitiative,
  getOrganization,
  initiativesOf,
  mergedInto,
  listTaxonomy,
  membersOf,
  organizationRegions,
  searchInitiatives,
  searchOrganizations,
  taxonomyName,
} from '../service';
import { tr } from '../messages';
import { FormCalls, InitiativeItem, JsonLd, OrganizationItem, OutsideLink, initiativeLd, organizationLd, pick } from '../views/entries';
import { entryPath } from '../views/paths';

export const directoryPages = new Hono<AppEnv>();

const PAGE = 20;

/** A filter value from the address, kept only when it is one of the choices (anything else is "any"). */
function choice<T extends string>(c: Ctx, name: string, allowed: readonly T[]): T | undefined {
  const v = c.req.query(name);
  return allowed.includes(v as T) ? (v as T) : undefined;
}

const text = (c: Ctx, name: string) => (c.req.query(name) ?? '').slice(0, 200).trim() || undefined;

function pageHref(locale: Locale, path: string, params: Record<string, string | undefined>, offset: number) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  if (offset) q.set('offset', String(offset));
  const s = q.toString();
  return localePath(locale, path) + (s ? `?${s}` : '');
}

function SuggestLink(props: { c: Ctx; kind: 'organizations' | 'initiatives'; slug: string }) {
  const t = tr(props.c);
  return (
    <p>
      <a href={localePath(props.c.var.locale, `/${props.kind}/${props.slug}/suggest`)}>{t('directory.entry.suggest')}</a>
      <span class="usa-hint"> {t('directory.entry.suggestHint')}</span>
    </p>
  );
}

/** One filter of a list: a choice whose blank means "any". */
function Filter(props: { c: Ctx; name: string; label: string; value: string | undefined; options: { value: string; label: string }[] }) {
  return (
    <Select
      name={props.name}
      label={props.label}
      blank={tr(props.c)('directory.search.any')}
      value={props.value ?? ''}
      options={props.options}
    />
  );
}

/** A directory list: the search form (words plus this list's filters), the count, the results, paging. */
function searchPage(
  c: Ctx,
  p: {
    path: string;
    title: string;
    lead: string;
    filters: Record<string, string | undefined>;
    total: number;
    offset: number;
    /** Every list filters by kind and region (the regions in use); some by more. */
    kinds: { value: string; label: string }[];
    fields?: Child;
    regions: string[];
    results: Child[];
  },
) {
  const t = tr(c);
  const l = c.var.locale;
  return page(
    c,
    { title: p.title, description: p.lead },
    <>
      <h1>{p.title}</h1>
      <p class="usa-intro">{p.lead}</p>
      <form method="get" action={localePath(l, p.path)} class="usa-form usa-form--large">
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('directory.search.legend')}</legend>
          <TextField name="q" type="search" label={t('directory.search.q')} hint={t('directory.search.qHint')} value={p.filters.q ?? ''} />
          <Filter c={c} name="kind" label={t('directory.field.kind')} value={p.filters.kind} options={p.kinds} />
          {p.fields}
          <Filter
            c={c}
            name="region"
            label={t('directory.field.region')}
            value={p.filters.region}
            options={p.regions.map((r) => ({ value: r, label: r }))}
          />
          <Button>{t('directory.search.submit')}</Button>
        </fieldset>
      </form>
      <h2>{t('directory.search.count', { count: p.total })}</h2>
      {p.total === 0 ? <p>{t('directory.search.none')}</p> : <ul class="usa-list usa-list--unstyled">{p.results}</ul>}
      <Pager t={c.var.t} total={p.total} offset={p.offset} limit={PAGE} href={(o) => pageHref(l, p.path, p.filters, o)} />
    </>,
  );
}

directoryPages.get('/organizations', allow('public'), async (c) => {
  const t = tr(c);
  const f = { q: text(c, 'q'), kind: choice(c, 'kind', ORGANIZATION_KINDS), region: text(c, 'region') };
  const offset = offsetParam(c);
  const [found, regions] = await Promise.all([searchOrganizations(c.var.db, f, { limit: PAGE, offset }), organizationRegions(c.var.db)]);
  return searchPage(c, {
    path: '/organizations',
    title: t('directory.orgs.title'),
    lead: t('directory.orgs.lead'),
    filters: f,
    total: found.total,
    offset,
    regions,
    kinds: ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`directory.kind.${k}`) })),
    results: found.organizations.map((o) => <OrganizationItem c={c} o={o} />),
  });
});

directoryPages.get('/organizations/:slug', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const slug = c.req.param('slug');
  // A merged-away address keeps leading to the organization it became.
  const moved = await mergedInto(c.var.db, slug);
  if (moved) return c.redirect(entryPath(c.var.locale, 'organizations', moved), 301);
  const o = await getOrganization(c.var.db, slug);
  const [inits, agency, people] = await Promise.all([
    initiativesOf(c.var.db, o.id),
    o.agencyId ? getAgency(c.var.db, o.agencyId) : null,
    membersOf(c.var.db, o.id, { publicOnly: true }),
  ]);
  const name = pick(l, o.name, o.nameEs);
  const description = pick(l, o.description, o.descriptionEs);
  return page(
    c,
    { title: name, description: description || undefined, head: <JsonLd data={organizationLd(c, o)} /> },
    <>
      <h1>{name}</h1>
      {o.logoUrl && <img src={o.logoUrl} alt={o.logoAlt ?? ''} class="pw-logo" width="160" />}
      <dl>
        <dt>{t('directory.field.kind')}</dt>
        <dd>{t(`directory.kind.${o.kind}`)}</dd>
        {(o.city || o.region) && (
          <>
            <dt>{t('directory.field.region')}</dt>
            <dd>{[o.city, o.region].filter(Boolean).join(', ')}</dd>
          </>
        )}
        {o.website && (
          <>
            <dt>{t('directory.field.website')}</dt>
            <dd>
              <OutsideLink href={o.website} />
            </dd>
          </>
        )}
        {o.contactEmail && (
          <>
            <dt>{t('directory.field.contact')}</dt>
            <dd>
              <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a>
            </dd>
          </>
        )}
        {agency && (
          <>
            <dt>{t('directory.field.agency')}</dt>
            <dd>
              <a href={localePath(l, `/jobs?agency=${encodeURIComponent(agency.slug)}`)}>{pick(l, agency.name, agency.nameEs)}</a>
            </dd>
          </>
        )}
      </dl>
      {description && <p>{description}</p>}
      <h2>{t('directory.org.initiatives')}</h2>
      {inits.length === 0 ? (
        <p>{t('directory.org.noInitiatives')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled">
          {inits.map((i) => (
            <InitiativeItem c={c} i={i} />
          ))}
        </ul>
      )}
      {people.length > 0 && (
        <>
          <h2>{t('directory.org.people')}</h2>
          <ul>
            {people.map((p) => (
              <li>
                {p.name}
                {p.title && <>, {p.title}</>}
              </li>
            ))}
          </ul>
        </>
      )}
      <SuggestLink c={c} kind="organizations" slug={o.slug} />
    </>,
  );
});

directoryPages.get('/initiatives', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const [topics, goals, regions] = await Promise.all([
    listTaxonomy(c.var.db, 'topic'),
    listTaxonomy(c.var.db, 'goal'),
    organizationRegions(c.var.db),
  ]);
  const f = {
    q: text(c, 'q'),
    kind: choice(c, 'kind', INITIATIVE_KINDS),
    status: choice(c, 'status', INITIATIVE_STATUSES),
    topic: choice(
      c,
      'topic',
      topics.map((x) => x.key),
    ),
    goal: choice(
      c,
      'goal',
      goals.map((x) => x.key),
    ),
    region: text(c, 'region'),
  };
  const offset = offsetParam(c);
  const found = await searchInitiatives(c.var.db, f, { limit: PAGE, offset });
  return searchPage(c, {
    path: '/initiatives',
    title: t('directory.inits.title'),
    lead: t('directory.inits.lead'),
    filters: f,
    total: found.total,
    offset,
    regions,
    kinds: INITIATIVE_KINDS.map((k) => ({ value: k, label: t(`directory.ikind.${k}`) })),
    fields: (
      <>
        <Filter
          c={c}
          name="status"
          label={t('directory.field.status')}
          value={f.status}
          options={INITIATIVE_STATUSES.map((k) => ({ value: k, label: t(`directory.istatus.${k}`) }))}
        />
        <Filter
          c={c}
          name="topic"
          label={t('directory.field.topic')}
          value={f.topic}
          options={topics.map((x) => ({ value: x.key, label: taxonomyName(x, l) }))}
        />
        <Filter
          c={c}
          name="goal"
          label={t('directory.field.goal')}
          value={f.goal}
          options={goals.map((x) => ({ value: x.key, label: taxonomyName(x, l) }))}
        />
      </>
    ),
    results: found.initiatives.map((i) => <InitiativeItem c={c} i={i} />),
  });
});

directoryPages.get('/initiatives/:slug', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const i = await getInitiative(c.var.db, c.req.param('slug'));
  const [topics, goals, forms] = await Promise.all([
    listTaxonomy(c.var.db, 'topic'),
    listTaxonomy(c.var.db, 'goal'),
    attachedForms(c.var.db, { initiativeId: i.id }),
  ]);
  const name = pick(l, i.name, i.nameEs);
  const description = pick(l, i.description, i.descriptionEs);
  const named = (list: typeof topics, keys: string[]) =>
    keys.map((k) => taxonomyName(list.find((x) => x.key === k) ?? { name: k, nameEs: null }, l));
  return page(
    c,
    { title: name, description: description || undefined, head: <JsonLd data={initiativeLd(c, i)} /> },
    <>
      <h1>{name}</h1>
      <dl>
        <dt>{t('directory.field.kind')}</dt>
        <dd>{t(`directory.ikind.${i.kind}`)}</dd>
        <dt>{t('directory.field.status')}</dt>
        <dd>{t(`directory.istatus.${i.status}`)}</dd>
        {(i.startYear || i.endYear) && (
          <>
            <dt>{t('directory.field.years')}</dt>
            <dd>{[i.startYear, i.endYear].filter(Boolean).join('–')}</dd>
          </>
        )}
        {i.organizations.length > 0 && (
          <>
            <dt>{t('directory.field.organizations')}</dt>
            <dd>
              {i.organizations.map((o, n) => (
                <>
                  {n > 0 && ', '}
                  <a href={entryPath(l, 'organizations', o.slug)}>{pick(l, o.name, o.nameEs)}</a>
                </>
              ))}
            </dd>
          </>
        )}
        {i.topics.length > 0 && (
          <>
            <dt>{t('directory.field.topic')}</dt>
            <dd>{named(topics, i.topics).join(', ')}</dd>
          </>
        )}
        {i.goals.length > 0 && (
          <>
            <dt>{t('directory.field.goal')}</dt>
            <dd>{named(goals, i.goals).join(', ')}</dd>
          </>
        )}
      </dl>
      {description && <p>{description}</p>}
      <FormCalls c={c} forms={forms} about="initiative" />
      {i.links.length > 0 && (
        <>
          <h2>{t('directory.field.links')}</h2>
          <ul>
            {i.links.map((u) => (
              <li>
                <OutsideLink href={u} />
              </li>
            ))}
          </ul>
        </>
      )}
      <SuggestLink c={c} kind="initiatives" slug={i.slug} />
    </>,
  );
});
