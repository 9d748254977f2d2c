import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { agencyChoices, getAgency } from '../../jobs';
import { pickText } from '../../events';
import { INITIATIVE_KINDS, INITIATIVE_STATUSES, ORGANIZATION_KINDS, type Organization } from '../schema';
import {
  createInitiative,
  createOrganization,
  getInitiative,
  getOrganization,
  initiativeInput,
  listConvenings,
  listRecommendations,
  listTaxonomy,
  organizationInput,
  postsNotYetPublic,
  searchInitiatives,
  searchOrganizations,
  taxonomyName,
  updateInitiative,
  updateOrganization,
  type InitiativeView,
} from '../service';
import { tr } from '../messages';
import { pick } from '../views/entries';
import { entryPath } from '../views/paths';
import { blankNull, CheckboxGroup, DescriptionFields, NameFields, lines, many, one, postedValues, submitForm, type Values } from './write';

export const organizePages = new Hono<AppEnv>();

/** Where organizers write the directory; each entry's form lives below it. */
export const ORGANIZE = '/organize/directory';

organizePages.get(ORGANIZE, allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const q = (c.req.query('q') ?? '').slice(0, 200).trim() || undefined;
  const [orgs, inits, waiting, recs, convenings] = await Promise.all([
    searchOrganizations(c.var.db, { q }, { limit: 20, offset: 0 }),
    searchInitiatives(c.var.db, { q }, { limit: 20, offset: 0 }),
    postsNotYetPublic(c.var.db),
    listRecommendations(c.var.db, { includeDrafts: true }, { limit: 50, offset: 0 }),
    listConvenings(c.var.db),
  ]);
  const saved = c.req.query('saved');
  return page(
    c,
    { title: t('directory.organize.title'), index: false },
    <>
      <h1>{t('directory.organize.title')}</h1>
      {saved === 'post' && <Alert type="success">{t('directory.organize.postSaved')}</Alert>}
      <ul class="usa-button-group">
        <li class="usa-button-group__item">
          <a class="usa-button" href={localePath(l, `${ORGANIZE}/organizations/new`)}>
            {t('directory.organize.newOrganization')}
          </a>
        </li>
        <li class="usa-button-group__item">
          <a class="usa-button" href={localePath(l, `${ORGANIZE}/initiatives/new`)}>
            {t('directory.organize.newInitiative')}
          </a>
        </li>
        <li class="usa-button-group__item">
          <a class="usa-button" href={localePath(l, `${ORGANIZE}/posts/new`)}>
            {t('directory.organize.newPost')}
          </a>
        </li>
      </ul>
      <ul>
        <li>
          <a href={localePath(l, '/directory/suggestions')}>{t('directory.suggestions.title')}</a>
        </li>
        <li>
          <a href={localePath(l, `${ORGANIZE}/forms`)}>{t('directory.organize.forms')}</a>
        </li>
      </ul>
      <h2>{t('directory.organize.entries')}</h2>
      <form method="get" action={localePath(l, ORGANIZE)} class="usa-form usa-form--large">
        <TextField name="q" type="search" label={t('directory.search.q')} hint={t('directory.search.qHint')} value={q ?? ''} />
        <Button>{t('directory.search.submit')}</Button>
      </form>
      <h3>{t('directory.orgs.title')}</h3>
      <EditList
        empty={t('directory.search.none')}
        items={orgs.organizations.map((o) => ({
          name: pick(l, o.name, o.nameEs),
          href: localePath(l, `${ORGANIZE}/organizations/${o.slug}`),
        }))}
        edit={t('directory.organize.edit')}
      />
      <h3>{t('directory.inits.title')}</h3>
      <EditList
        empty={t('directory.search.none')}
        items={inits.initiatives.map((i) => ({
          name: pick(l, i.name, i.nameEs),
          href: localePath(l, `${ORGANIZE}/initiatives/${i.slug}`),
        }))}
        edit={t('directory.organize.edit')}
      />
      <h2>{t('directory.organize.waitingPosts')}</h2>
      {waiting.length === 0 ? (
        <p>{t('directory.organize.noWaitingPosts')}</p>
      ) : (
        <ul>
          {waiting.map((p) => (
            <li>
              <a href={localePath(l, `/posts/${p.slug}`)}>{pick(l, p.title, p.titleEs)}</a>:{' '}
              {p.status === 'draft'
                ? t('directory.write.postStatus.draft')
                : t('directory.organize.scheduledFor', { when: formatDateTime(l, p.publishAt ?? p.createdAt) })}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('directory.organize.convenings')}</h2>
      {convenings.length === 0 ? (
        <p>{t('directory.organize.noConvenings')}</p>
      ) : (
        <ul>
          {convenings.map((e) => (
            <li>
              <a href={localePath(l, `${ORGANIZE}/convenings/${e.slug}`)}>{pickText(e.title, l)}</a>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('directory.tracker.title')}</h2>
      {recs.recommendations.length === 0 ? (
        <p>{t('directory.tracker.none')}</p>
      ) : (
        <ul>
          {recs.recommendations.map((r) => (
            <li>
              <a href={localePath(l, `${ORGANIZE}/recommendations/${r.id}`)}>{pick(l, r.title, r.titleEs)}</a>:{' '}
              {t(`directory.rstatus.${r.status}`)}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
});

function EditList(props: { items: { name: string; href: string }[]; empty: string; edit: string }) {
  if (props.items.length === 0) return <p>{props.empty}</p>;
  return (
    <ul>
      {props.items.map((i) => (
        <li>
          <a href={i.href}>
            {props.edit}: {i.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

/* ---------------------------------------------------------------- organizations */

async function organizationValues(c: Ctx, o: Organization): Promise<Values> {
  const agency = o.agencyId ? await getAgency(c.var.db, o.agencyId) : null;
  return {
    slug: o.slug,
    name: o.name,
    nameEs: o.nameEs ?? '',
    kind: o.kind,
    agency: agency?.slug ?? '',
    city: o.city ?? '',
    region: o.region ?? '',
    website: o.website ?? '',
    description: o.description ?? '',
    descriptionEs: o.descriptionEs ?? '',
    logoUrl: o.logoUrl ?? '',
    logoAlt: o.logoAlt ?? '',
    contactEmail: o.contactEmail ?? '',
  };
}

const organizationFrom = (v: Values) => ({
  slug: one(v, 'slug').trim() || undefined,
  name: one(v, 'name'),
  nameEs: blankNull(one(v, 'nameEs')),
  kind: one(v, 'kind'),
  agency: blankNull(one(v, 'agency')),
  city: blankNull(one(v, 'city')),
  region: blankNull(one(v, 'region')),
  website: blankNull(one(v, 'website')),
  description: blankNull(one(v, 'description')),
  descriptionEs: blankNull(one(v, 'descriptionEs')),
  logoUrl: blankNull(one(v, 'logoUrl')),
  logoAlt: blankNull(one(v, 'logoAlt')),
  contactEmail: blankNull(one(v, 'contactEmail')),
});

async function organizationForm(
  c: Ctx,
  p: { title: string; action: string; values: Values; errors: Record<string, string>; people?: string },
) {
  const t = tr(c);
  const v = (k: string) => one(p.values, k);
  const e = p.errors;
  const opt = c.var.t('form.optional');
  const agencies = await agencyChoices(c.var.db);
  return page(
    c,
    { title: p.title, index: false },
    <>
      <h1>{p.title}</h1>
      {p.people && (
        <p>
          <a href={p.people}>{t('directory.organize.people')}</a>
        </p>
      )}
      <ErrorSummary errors={e} t={c.var.t} />
      <form method="post" action={p.action} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <NameFields c={c} values={p.values} errors={e} />
        <Select
          name="kind"
          label={t('directory.field.kind')}
          value={v('kind')}
          error={e.kind}
          blank=""
          required
          options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`directory.kind.${k}`) }))}
        />
        <Select
          name="agency"
          label={t('directory.write.agency')}
          hint={t('directory.write.agencyHint')}
          value={v('agency')}
          error={e.agency}
          blank={t('directory.write.none')}
          options={agencies.map((a) => ({ value: a.slug, label: a.name }))}
        />
        <TextField name="city" label={t('directory.field.city')} value={v('city')} error={e.city} optional={opt} maxlength={200} />
        <TextField name="region" label={t('directory.field.region')} value={v('region')} error={e.region} optional={opt} maxlength={200} />
        <TextField
          name="website"
          type="url"
          label={t('directory.field.website')}
          hint={t('directory.write.urlHint')}
          value={v('website')}
          error={e.website}
          optional={opt}
        />
        <DescriptionFields c={c} values={p.values} errors={e} />
        <TextField
          name="logoUrl"
          type="url"
          label={t('directory.write.logoUrl')}
          hint={t('directory.write.urlHint')}
          value={v('logoUrl')}
          error={e.logoUrl}
          optional={opt}
        />
        <TextField
          name="logoAlt"
          label={t('directory.write.logoAlt')}
          value={v('logoAlt')}
          error={e.logoAlt}
          optional={opt}
          maxlength={300}
        />
        <TextField
          name="contactEmail"
          type="email"
          label={t('directory.field.contact')}
          value={v('contactEmail')}
          error={e.contactEmail}
          optional={opt}
          autocomplete="off"
        />
        <Button>{t('directory.write.save')}</Button>
      </form>
    </>,
    Object.keys(e).length ? 422 : 200,
  );
}

organizePages.get(`${ORGANIZE}/organizations/new`, allow('organizer'), async (c) =>
  organizationForm(c, {
    title: tr(c)('directory.organize.newOrganization'),
    action: localePath(c.var.locale, `${ORGANIZE}/organizations/new`),
    values: {},
    errors: {},
  }),
);

organizePages.post(`${ORGANIZE}/organizations/new`, allow('organizer'), async (c) => {
  const values = await postedValues(c);
  const show = (errors: Record<string, string>) =>
    organizationForm(c, {
      title: tr(c)('directory.organize.newOrganization'),
      action: localePath(c.var.locale, `${ORGANIZE}/organizations/new`),
      values,
      errors,
    });
  return submitForm(c, {
    schema: organizationInput,
    sent: organizationFrom(values),
    show,
    save: async (data) => {
      const o = await createOrganization(c.var.db, data, c.var.viewer!.id);
      return entryPath(c.var.locale, 'organizations', o.slug);
    },
  });
});

organizePages.get(`${ORGANIZE}/organizations/:slug`, allow('organizer'), async (c) => {
  const o = await getOrganization(c.var.db, c.req.param('slug'));
  return organizationForm(c, {
    title: tr(c)('directory.organize.editEntry', { name: pick(c.var.locale, o.name, o.nameEs) }),
    action: localePath(c.var.locale, `${ORGANIZE}/organizations/${o.slug}`),
    people: localePath(c.var.locale, `${ORGANIZE}/organizations/${o.slug}/people`),
    values: await organizationValues(c, o),
    errors: {},
  });
});

organizePages.post(`${ORGANIZE}/organizations/:slug`, allow('organizer'), async (c) => {
  const o = await getOrganization(c.var.db, c.req.param('slug'));
  const values = await postedValues(c);
  const show = (errors: Record<string, string>) =>
    organizationForm(c, {
      title: tr(c)('directory.organize.editEntry', { name: pick(c.var.locale, o.name, o.nameEs) }),
      action: localePath(c.var.locale, `${ORGANIZE}/organizations/${o.slug}`),
      values,
      errors,
    });
  return submitForm(c, {
    schema: organizationInput,
    sent: organizationFrom(values),
    show,
    save: async (data) => {
      const saved = await updateOrganization(c.var.db, o.slug, { ...data, slug: data.slug ?? o.slug });
      return entryPath(c.var.locale, 'organizations', saved.slug);
    },
  });
});

/* ---------------------------------------------------------------- initiatives */

const initiativeValues = (i: InitiativeView): Values => ({
  slug: i.slug,
  name: i.name,
  nameEs: i.nameEs ?? '',
  organizations: i.organizations.map((o) => o.slug).join('\n'),
  kind: i.kind,
  status: i.status,
  startYear: i.startYear ? String(i.startYear) : '',
  endYear: i.endYear ? String(i.endYear) : '',
  description: i.description ?? '',
  descriptionEs: i.descriptionEs ?? '',
  links: i.links.join('\n'),
  topics: i.topics,
  goals: i.goals,
});

/** A year as typed: blank is none, digits a number, anything else left for the schema to refuse. */
const year = (s: string): number | string | null => (s.trim() === '' ? null : /^\d+$/.test(s.trim()) ? Number(s.trim()) : s);

const initiativeFrom = (v: Values) => ({
  slug: one(v, 'slug').trim() || undefined,
  name: one(v, 'name'),
  nameEs: blankNull(one(v, 'nameEs')),
  organizations: lines(one(v, 'organizations')),
  kind: one(v, 'kind'),
  status: one(v, 'status'),
  startYear: year(one(v, 'startYear')),
  endYear: year(one(v, 'endYear')),
  description: blankNull(one(v, 'description')),
  descriptionEs: blankNull(one(v, 'descriptionEs')),
  links: lines(one(v, 'links').replace(/,/g, '\n')).filter(Boolean),
  topics: many(v, 'topics'),
  goals: many(v, 'goals'),
});

async function initiativeForm(c: Ctx, p: { title: string; action: string; values: Values; errors: Record<string, string> }) {
  const t = tr(c);
  const l = c.var.locale;
  const v = (k: string) => one(p.values, k);
  const e = p.errors;
  const opt = c.var.t('form.optional');
  const [topics, goals] = await Promise.all([listTaxonomy(c.var.db, 'topic'), listTaxonomy(c.var.db, 'goal')]);
  return page(
    c,
    { title: p.title, index: false },
    <>
      <h1>{p.title}</h1>
      <ErrorSummary errors={e} t={c.var.t} />
      <form method="post" action={p.action} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <NameFields c={c} values={p.values} errors={e} />
        <TextArea
          name="organizations"
          label={t('directory.field.organizations')}
          hint={t('directory.write.organizationsHint')}
          value={v('organizations')}
          error={e.organizations}
          optional={opt}
          rows={3}
        />
        <Select
          name="kind"
          label={t('directory.field.kind')}
          value={v('kind')}
          error={e.kind}
          blank=""
          required
          options={INITIATIVE_KINDS.map((k) => ({ value: k, label: t(`directory.ikind.${k}`) }))}
        />
        <Select
          name="status"
          label={t('directory.field.status')}
          value={v('status')}
          error={e.status}
          blank=""
          required
          options={INITIATIVE_STATUSES.map((k) => ({ value: k, label: t(`directory.istatus.${k}`) }))}
        />
        <TextField
          name="startYear"
          inputmode="numeric"
          label={t('directory.write.startYear')}
          value={v('startYear')}
          error={e.startYear}
          optional={opt}
          maxlength={4}
        />
        <TextField
          name="endYear"
          inputmode="numeric"
          label={t('directory.write.endYear')}
          value={v('endYear')}
          error={e.endYear}
          optional={opt}
          maxlength={4}
        />
        <DescriptionFields c={c} values={p.values} errors={e} />
        <TextArea
          name="links"
          label={t('directory.field.links')}
          hint={t('directory.write.linksHint')}
          value={v('links')}
          error={e.links}
          optional={opt}
          rows={3}
        />
        {topics.length > 0 && (
          <CheckboxGroup
            name="topics"
            legend={t('directory.write.topics')}
            options={topics.map((x) => ({ value: x.key, label: taxonomyName(x, l) }))}
            chosen={many(p.values, 'topics')}
            error={e.topics}
          />
        )}
        {goals.length > 0 && (
          <CheckboxGroup
            name="goals"
            legend={t('directory.write.goals')}
            options={goals.map((x) => ({ value: x.key, label: taxonomyName(x, l) }))}
            chosen={many(p.values, 'goals')}
            error={e.goals}
          />
        )}
        <Button>{t('directory.write.save')}</Button>
      </form>
    </>,
    Object.keys(e).length ? 422 : 200,
  );
}

organizePages.get(`${ORGANIZE}/initiatives/new`, allow('organizer'), async (c) =>
  initiativeForm(c, {
    title: tr(c)('directory.organize.newInitiative'),
    action: localePath(c.var.locale, `${ORGANIZE}/initiatives/new`),
    values: {},
    errors: {},
  }),
);

organizePages.post(`${ORGANIZE}/initiatives/new`, allow('organizer'), async (c) => {
  const values = await postedValues(c);
  const show = (errors: Record<string, string>) =>
    initiativeForm(c, {
      title: tr(c)('directory.organize.newInitiative'),
      action: localePath(c.var.locale, `${ORGANIZE}/initiatives/new`),
      values,
      errors,
    });
  return submitForm(c, {
    schema: initiativeInput,
    sent: initiativeFrom(values),
    show,
    save: async (data) => {
      const i = await createInitiative(c.var.db, data, c.var.viewer!.id);
      return entryPath(c.var.locale, 'initiatives', i.slug);
    },
  });
});

organizePages.get(`${ORGANIZE}/initiatives/:slug`, allow('organizer'), async (c) => {
  const i = await getInitiative(c.var.db, c.req.param('slug'));
  return initiativeForm(c, {
    title: tr(c)('directory.organize.editEntry', { name: pick(c.var.locale, i.name, i.nameEs) }),
    action: localePath(c.var.locale, `${ORGANIZE}/initiatives/${i.slug}`),
    values: initiativeValues(i),
    errors: {},
  });
});

organizePages.post(`${ORGANIZE}/initiatives/:slug`, allow('organizer'), async (c) => {
  const i = await getInitiative(c.var.db, c.req.param('slug'));
  const values = await postedValues(c);
  const show = (errors: Record<string, string>) =>
    initiativeForm(c, {
      title: tr(c)('directory.organize.editEntry', { name: pick(c.var.locale, i.name, i.nameEs) }),
      action: localePath(c.var.locale, `${ORGANIZE}/initiatives/${i.slug}`),
      values,
      errors,
    });
  return submitForm(c, {
    schema: initiativeInput,
    sent: initiativeFrom(values),
    show,
    save: async (data) => {
      const saved = await updateInitiative(c.var.db, i.slug, data);
      return entryPath(c.var.locale, 'initiatives', saved.slug);
    },
  });
});
