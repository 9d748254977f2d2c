import { Hono } from 'hono';
import type { z } from 'zod';
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
        <li class="usa-button-group__item">
          <a class="usa-button usa-button--outline" href={localePath(l, `${ORGANIZE}/convenings/new`)}>
            {t('directory.organize.newConvening')}
          </a>
        </li>
        <li class="usa-button-group__item">
          <a class="usa-button usa-button--outline" href={localePath(l, `${ORGANIZE}/forms/new`)}>
            {t('directory.organize.newForm')}
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
        <li>
          <a href={localePath(l, `${ORGANIZE}/duplicates`)}>{t('directory.duplicates.title')}</a>
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

/* ---------------------------------------------------------------- entry forms */

interface EntryFormProps {
  title: string;
  action: string;
  values: Values;
  errors: Record<string, string>;
  people?: string;
}

/**
 * The four routes of an entry kind's form (organizations, initiatives): new and edit, each shown and
 * posted. Both kinds take the same path: the values as typed, the input's schema, the service's
 * refusals beside their fields, then the public page of what was saved.
 */
function entryFormRoutes<E extends { slug: string; name: string; nameEs: string | null }, S extends z.ZodType>(p: {
  path: 'organizations' | 'initiatives';
  load: (db: Ctx['var']['db'], slug: string) => Promise<E>;
  values: (c: Ctx, entry: E) => Values | Promise<Values>;
  from: (v: Values) => unknown;
  schema: S;
  form: (c: Ctx, props: EntryFormProps) => Promise<Response>;
  create: (c: Ctx, data: z.output<S>) => Promise<{ slug: string }>;
  update: (c: Ctx, entry: E, data: z.output<S>) => Promise<{ slug: string }>;
  newTitle: 'directory.organize.newOrganization' | 'directory.organize.newInitiative';
  /** What the edit form adds (an organization's people). */
  extra?: (c: Ctx, entry: E) => Partial<EntryFormProps>;
}) {
  const base = `${ORGANIZE}/${p.path}`;
  const editing = (c: Ctx, e: E): Omit<EntryFormProps, 'values' | 'errors'> => ({
    title: tr(c)('directory.organize.editEntry', { name: pick(c.var.locale, e.name, e.nameEs) }),
    action: localePath(c.var.locale, `${base}/${e.slug}`),
    ...p.extra?.(c, e),
  });
  const creating = (c: Ctx) => ({ title: tr(c)(p.newTitle), action: localePath(c.var.locale, `${base}/new`) });
  const submit = async (
    c: Ctx,
    shown: Omit<EntryFormProps, 'values' | 'errors'>,
    save: (data: z.output<S>) => Promise<{ slug: string }>,
  ) => {
    const values = await postedValues(c);
    return submitForm(c, {
      schema: p.schema,
      sent: p.from(values),
      show: (errors) => p.form(c, { ...shown, values, errors }),
      save: async (data) => entryPath(c.var.locale, p.path, (await save(data)).slug),
    });
  };
  organizePages.get(`${base}/new`, allow('organizer'), (c) => p.form(c, { ...creating(c), values: {}, errors: {} }));
  organizePages.post(`${base}/new`, allow('organizer'), (c) => submit(c, creating(c), (data) => p.create(c, data)));
  organizePages.get(`${base}/:slug`, allow('organizer'), async (c) => {
    const e = await p.load(c.var.db, c.req.param('slug'));
    return p.form(c, { ...editing(c, e), values: await p.values(c, e), errors: {} });
  });
  organizePages.post(`${base}/:slug`, allow('organizer'), async (c) => {
    const e = await p.load(c.var.db, c.req.param('slug'));
    return submit(c, editing(c, e), (data) => p.update(c, e, data));
  });
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

async function organizationForm(c: Ctx, p: EntryFormProps) {
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

entryFormRoutes({
  path: 'organizations',
  load: getOrganization,
  values: organizationValues,
  from: organizationFrom,
  schema: organizationInput,
  form: organizationForm,
  create: (c, data) => createOrganization(c.var.db, data, c.var.viewer!.id),
  update: (c, o, data) => updateOrganization(c.var.db, o.slug, { ...data, slug: data.slug ?? o.slug }),
  newTitle: 'directory.organize.newOrganization',
  extra: (c, o) => ({ people: localePath(c.var.locale, `${ORGANIZE}/organizations/${o.slug}/people`) }),
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

async function initiativeForm(c: Ctx, p: EntryFormProps) {
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

entryFormRoutes({
  path: 'initiatives',
  load: getInitiative,
  values: (_c, i) => initiativeValues(i),
  from: initiativeFrom,
  schema: initiativeInput,
  form: initiativeForm,
  create: (c, data) => createInitiative(c.var.db, data, c.var.viewer!.id),
  update: (c, i, data) => updateInitiative(c.var.db, i.slug, data),
  newTitle: 'directory.organize.newInitiative',
});
