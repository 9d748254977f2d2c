import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import {
  apiValidationHookFor,
  conflictResponses,
  errorResponses,
  invalidFrom,
  jsonBody,
  jsonResponse,
  pagingQuery,
} from '../../platform/http/api';
import { notFound } from '../../platform/http/errors';
import { isoWithOffset } from '../../platform/time';
import { canSeeEvent, chapterFor, eventFields, eventInput, eventsMessages, getEventById, type EventRow } from '../events';
import { getAgency } from '../jobs';
import { directoryMessages } from './messages';
import { actorOf, assertRunConvening } from './permissions';
import {
  INITIATIVE_KINDS,
  INITIATIVE_STATUSES,
  ORGANIZATION_KINDS,
  PARTICIPANT_ROLES,
  RECOMMENDATION_STATUSES,
  type Organization,
} from './schema';
import {
  addParticipant,
  addTaxonomy,
  changeStatus,
  conveningTextsInput,
  createConvening,
  createInitiative,
  createOrganization,
  createRecommendation,
  duplicateOrganizations,
  mergeOrganizations,
  getConvening,
  getInitiative,
  getOrganization,
  membersOf,
  getParticipant,
  getRecommendation,
  historyOf,
  initiativeInput,
  listRecommendations,
  listTaxonomy,
  organizationInput,
  organizationPatch,
  participantInput,
  recommendationInput,
  roster,
  searchInitiatives,
  searchOrganizations,
  statusChangeInput,
  taxonomyInput,
  updateConveningTexts,
  updateOrganization,
  withdrawFromRoster,
  type InitiativeView,
  type TaxonomyKind,
} from './service';
import { conveningPath, entryUrl } from './views/paths';
import { registerPostsApi } from './api-posts';
import { registerFormsApi } from './api-forms';
import { registerMembersApi } from './api-members';

const json = jsonResponse;
const body = jsonBody;
const conflict = conflictResponses;
const hook = apiValidationHookFor(directoryMessages) as never;
const slugParam = z.object({ slug: z.string().max(100) });
const idParam = z.object({ id: z.string().max(100) });
/** What both directory lists take: words to search, a region, and paging. */
const listQuery = { q: z.string().max(200).optional(), region: z.string().max(200).optional(), ...pagingQuery };
const Created = z.object({ id: z.uuid(), slug: z.string(), url: z.string() }).openapi('DirectoryEntryCreated');
const Taxonomy = z.object({ key: z.string(), name: z.string(), nameEs: z.string().nullable() }).openapi('DirectoryTerm');

const OrganizationOut = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    nameEs: z.string().nullable(),
    kind: z.enum(ORGANIZATION_KINDS),
    agency: z.string().nullable().openapi({ description: 'The jobs directory agency’s slug, for government' }),
    city: z.string().nullable(),
    region: z.string().nullable(),
    website: z.string().nullable(),
    description: z.string().nullable(),
    descriptionEs: z.string().nullable(),
    logoUrl: z.string().nullable(),
    logoAlt: z.string().nullable(),
    contactEmail: z.string().nullable(),
    url: z.string(),
    people: z
      .array(z.object({ name: z.string(), title: z.string().nullable() }))
      .optional()
      .openapi({ description: 'On one organization: the people who belong to it and agreed to be shown; never emails' }),
  })
  .openapi('Organization');

const InitiativeOut = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    nameEs: z.string().nullable(),
    kind: z.enum(INITIATIVE_KINDS),
    status: z.enum(INITIATIVE_STATUSES),
    startYear: z.number().nullable(),
    endYear: z.number().nullable(),
    description: z.string().nullable(),
    descriptionEs: z.string().nullable(),
    links: z.array(z.string()),
    organizations: z.array(z.object({ slug: z.string(), name: z.string() })),
    topics: z.array(z.string()),
    goals: z.array(z.string()),
    url: z.string(),
  })
  .openapi('Initiative');

const PublicParticipant = z.object({ name: z.string(), organization: z.string().nullable(), role: z.enum(PARTICIPANT_ROLES) });
const RosterEntryOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    organization: z.string().nullable(),
    role: z.enum(PARTICIPANT_ROLES),
    publicConsent: z.boolean(),
  })
  .openapi('ConveningParticipant');
const RecommendationSummary = z.object({ id: z.uuid(), title: z.string(), status: z.enum(RECOMMENDATION_STATUSES) });
const ConveningOut = z
  .object({
    slug: z.string(),
    url: z.string(),
    title: z.object({ en: z.string().nullable(), es: z.string().nullable() }),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    chapter: z.string().nullable(),
    agenda: z.string().nullable(),
    notes: z.string().nullable(),
    outputs: z.string().nullable(),
    participants: z.array(PublicParticipant).openapi({ description: 'People who agreed to be shown; never their email' }),
    recommendations: z.array(RecommendationSummary),
  })
  .openapi('Convening');
const RecommendationOut = z
  .object({
    id: z.uuid(),
    title: z.string(),
    titleEs: z.string().nullable(),
    text: z.string(),
    textEs: z.string().nullable(),
    goal: z.string(),
    addressedTo: z.string().nullable(),
    owner: z.string().nullable(),
    status: z.enum(RECOMMENDATION_STATUSES),
    convening: z.object({ slug: z.string() }),
    history: z.array(
      z.object({
        status: z.enum(RECOMMENDATION_STATUSES),
        note: z.string().nullable(),
        evidenceUrl: z.string().nullable(),
        by: z.object({ name: z.string().nullable() }),
        at: z.string(),
      }),
    ),
  })
  .openapi('Recommendation');

const ConveningBody = eventFields
  .partial()
  .extend({ agenda: z.string().max(20000).optional(), notes: z.string().max(20000).optional(), outputs: z.string().max(20000).optional() })
  .openapi('ConveningInput');

function organizationJson(c: Ctx, o: Organization, agencySlug: string | null = null) {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    nameEs: o.nameEs,
    kind: o.kind,
    agency: agencySlug,
    city: o.city,
    region: o.region,
    website: o.website,
    description: o.description,
    descriptionEs: o.descriptionEs,
    logoUrl: o.logoUrl,
    logoAlt: o.logoAlt,
    contactEmail: o.contactEmail,
    url: entryUrl(c, 'organizations', o.slug),
  };
}

function initiativeJson(c: Ctx, i: InitiativeView) {
  return {
    id: i.id,
    slug: i.slug,
    name: i.name,
    nameEs: i.nameEs,
    kind: i.kind,
    status: i.status,
    startYear: i.startYear,
    endYear: i.endYear,
    description: i.description,
    descriptionEs: i.descriptionEs,
    links: i.links,
    organizations: i.organizations.map((o) => ({ slug: o.slug, name: o.name })),
    topics: i.topics,
    goals: i.goals,
    url: entryUrl(c, 'initiatives', i.slug),
  };
}

async function visibleConvening(c: Ctx, slug: string) {
  const found = await getConvening(c.var.db, slug);
  if (!canSeeEvent(c.var.viewer, found.event)) throw notFound();
  return found;
}

async function runConvening(c: Ctx, slug: string) {
  const found = await getConvening(c.var.db, slug);
  assertRunConvening(c.var.viewer, found.event);
  return found;
}

function registerTaxonomyApi(api: OpenAPIHono<AppEnv>, kind: TaxonomyKind, path: string) {
  api.openapi(
    createRoute({
      method: 'post',
      path,
      summary: `Add a ${kind} entries can name by key (organizers)`,
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { body: body(taxonomyInput.openapi(kind === 'goal' ? 'GoalInput' : 'TopicInput')) },
      responses: { 201: json(Taxonomy, `The new ${kind}`), ...conflict, ...errorResponses },
    }),
    async (c) => c.json(await addTaxonomy(c.var.db, kind, c.req.valid('json')), 201),
    hook,
  );
  api.openapi(
    createRoute({
      method: 'get',
      path,
      summary: `Every ${kind}`,
      tags: ['directory'],
      middleware: [allow('public')] as const,
      responses: { 200: json(z.object({ [`${kind}s`]: z.array(Taxonomy) }), `The ${kind}s`), ...errorResponses },
    }),
    async (c) => c.json({ [`${kind}s`]: await listTaxonomy(c.var.db, kind) }, 200),
  );
}

function registerOrganizationsApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/organizations',
      summary: 'Add an organization to the directory (organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { body: body(organizationInput.openapi('OrganizationInput')) },
      responses: { 201: json(Created, 'The new organization'), ...conflict, ...errorResponses },
    }),
    async (c) => {
      const o = await createOrganization(c.var.db, c.req.valid('json'), c.var.viewer!.id);
      return c.json({ id: o.id, slug: o.slug, url: entryUrl(c, 'organizations', o.slug) }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/organizations',
      summary: 'Organizations, searched and filtered (public, paged)',
      tags: ['directory'],
      middleware: [allow('public')] as const,
      request: {
        query: z.object({
          q: z.string().max(200).optional(),
          kind: z.enum(ORGANIZATION_KINDS).optional(),
          region: z.string().max(200).optional(),
          ...pagingQuery,
        }),
      },
      responses: {
        200: json(z.object({ organizations: z.array(OrganizationOut), total: z.number() }), 'A page of organizations'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { limit, offset, ...f } = c.req.valid('query');
      const found = await searchOrganizations(c.var.db, f, { limit, offset });
      return c.json({ organizations: found.organizations.map((o) => organizationJson(c, o)), total: found.total }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/organizations/{slug}',
      summary: 'One organization',
      tags: ['directory'],
      middleware: [allow('public')] as const,
      request: { params: slugParam },
      responses: { 200: json(OrganizationOut, 'The organization'), ...errorResponses },
    }),
    async (c) => {
      const o = await getOrganization(c.var.db, c.req.valid('param').slug);
      const people = await membersOf(c.var.db, o.id, { publicOnly: true });
      return c.json(
        { ...organizationJson(c, o, await agencySlugOf(c, o)), people: people.map((p) => ({ name: p.name, title: p.title })) },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/organizations/{slug}',
      summary: 'Change an organization (organizers); fields left out stay as they are',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(organizationPatch.openapi('OrganizationPatch')) },
      responses: { 200: json(OrganizationOut, 'The organization as it now is'), ...conflict, ...errorResponses },
    }),
    async (c) => {
      const sent = (await c.req.json()) as Record<string, unknown>;
      const o = await updateOrganization(c.var.db, c.req.valid('param').slug, sent);
      return c.json(organizationJson(c, o, await agencySlugOf(c, o)), 200);
    },
    hook,
  );
}

function registerMergeApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/organization-duplicates',
      summary: 'Organizations that look like duplicates: same website host or nearly the same name (organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      responses: {
        200: json(
          z.object({ duplicates: z.array(z.object({ a: z.string(), b: z.string(), reason: z.enum(['website', 'name']) })) }),
          'Pairs by slug',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ duplicates: await duplicateOrganizations(c.var.db) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/organizations/{slug}/merge',
      summary: 'Merge this organization into another, keeping every link; its address leads to the other (organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(z.object({ into: z.string().max(100) }).openapi('OrganizationMerge')) },
      responses: { 200: json(OrganizationOut, 'The organization kept'), ...conflict, ...errorResponses },
    }),
    async (c) => {
      const o = await mergeOrganizations(c.var.db, c.req.valid('json').into, c.req.valid('param').slug);
      return c.json(organizationJson(c, o, await agencySlugOf(c, o)), 200);
    },
    hook,
  );
}

async function agencySlugOf(c: Ctx, o: Organization): Promise<string | null> {
  if (!o.agencyId) return null;
  return (await getAgency(c.var.db, o.agencyId)).slug;
}

function registerInitiativesApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/initiatives',
      summary: 'Add an initiative (organizers); goals and topics by key, organizations by slug',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { body: body(initiativeInput.openapi('InitiativeInput')) },
      responses: { 201: json(Created, 'The new initiative'), ...conflict, ...errorResponses },
    }),
    async (c) => {
      const i = await createInitiative(c.var.db, c.req.valid('json'), c.var.viewer!.id);
      return c.json({ id: i.id, slug: i.slug, url: entryUrl(c, 'initiatives', i.slug) }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/initiatives',
      summary: 'Initiatives, searched and filtered (public, paged)',
      tags: ['directory'],
      middleware: [allow('public')] as const,
      request: {
        query: z.object({
          kind: z.enum(INITIATIVE_KINDS).optional(),
          status: z.enum(INITIATIVE_STATUSES).optional(),
          topic: z.string().max(60).optional(),
          goal: z.string().max(60).optional(),
          ...listQuery,
        }),
      },
      responses: {
        200: json(z.object({ initiatives: z.array(InitiativeOut), total: z.number() }), 'A page of initiatives'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { limit, offset, ...f } = c.req.valid('query');
      const found = await searchInitiatives(c.var.db, f, { limit, offset });
      return c.json({ initiatives: found.initiatives.map((i) => initiativeJson(c, i)), total: found.total }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/initiatives/{slug}',
      summary: 'One initiative',
      tags: ['directory'],
      middleware: [allow('public')] as const,
      request: { params: slugParam },
      responses: { 200: json(InitiativeOut, 'The initiative'), ...errorResponses },
    }),
    async (c) => c.json(initiativeJson(c, await getInitiative(c.var.db, c.req.valid('param').slug)), 200),
  );
}

async function conveningJson(c: Ctx, e: EventRow, convening: { agenda: string | null; notes: string | null; outputs: string | null }) {
  const people = await roster(c.var.db, e.id, { publicOnly: true });
  const recs = await listRecommendations(c.var.db, { convening: e.slug, includeDrafts: true }, { limit: 200, offset: 0 });
  return {
    slug: e.slug,
    url: `${c.var.deps.config.baseUrl}${conveningPath('en', e.slug)}`,
    title: { en: e.title.en ?? null, es: e.title.es ?? null },
    startsAt: isoWithOffset(e.startsAt, e.timeZone),
    endsAt: isoWithOffset(e.endsAt, e.timeZone),
    timeZone: e.timeZone,
    chapter: e.chapter,
    agenda: convening.agenda,
    notes: convening.notes,
    outputs: convening.outputs,
    participants: people.map((p) => ({ name: p.name, organization: p.organization, role: p.role })),
    recommendations: recs.recommendations.map((r) => ({ id: r.id, title: r.title, status: r.status })),
  };
}

function registerConveningsApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/convenings',
      summary: 'Create a convening: an event (with the event fields) and its agenda, notes and outputs (organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { body: body(ConveningBody) },
      responses: { 201: json(z.object({ slug: z.string(), url: z.string() }), 'The new convening (also an event)'), ...errorResponses },
    }),
    async (c) => {
      const { agenda, notes, outputs, ...fields } = (await c.req.json()) as Record<string, unknown>;
      const parsed = eventInput.safeParse(fields);
      if (!parsed.success) throw invalidFrom(parsed.error);
      const chapter = chapterFor(c.var.viewer!, parsed.data.chapter);
      const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.normalize('NFC').trim() : null);
      const e = await createConvening(
        c.var.db,
        { ...parsed.data, chapter },
        { agenda: text(agenda), notes: text(notes), outputs: text(outputs) },
        c.var.viewer!.id,
      );
      return c.json({ slug: e.slug, url: `${c.var.deps.config.baseUrl}${conveningPath('en', e.slug)}` }, 201);
    },
    apiValidationHookFor(eventsMessages) as never,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/convenings/{slug}',
      summary: 'A convening: its public roster (consenting people only, no emails) and its recommendations',
      tags: ['directory'],
      middleware: [allow('public')] as const,
      request: { params: slugParam },
      responses: { 200: json(ConveningOut, 'The convening'), ...errorResponses },
    }),
    async (c) => {
      const { event, convening } = await visibleConvening(c, c.req.valid('param').slug);
      return c.json(await conveningJson(c, event, convening), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/convenings/{slug}',
      summary:
        'Change a convening’s agenda, notes and outputs (markdown; left out stays, blank clears) (the convening’s organizers; the event is changed through the events API)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(conveningTextsInput.openapi('ConveningTextsInput')) },
      responses: { 200: json(ConveningOut, 'The convening as saved'), ...errorResponses },
    }),
    async (c) => {
      const { event } = await runConvening(c, c.req.valid('param').slug);
      const convening = await updateConveningTexts(c.var.db, event.id, c.req.valid('json'));
      return c.json(await conveningJson(c, event, convening), 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/convenings/{slug}/participants',
      summary: 'Add someone to the roster (the convening’s organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(participantInput.openapi('ParticipantInput')) },
      responses: { 201: json(z.object({ id: z.uuid() }), 'On the roster'), ...errorResponses },
    }),
    async (c) => {
      const { event } = await runConvening(c, c.req.valid('param').slug);
      const p = await addParticipant(c.var.db, event.id, c.req.valid('json'));
      return c.json({ id: p.id }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/convenings/{slug}/participants',
      summary: 'The whole roster, with emails and consent (the convening’s organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam },
      responses: { 200: json(z.object({ participants: z.array(RosterEntryOut), total: z.number() }), 'The roster'), ...errorResponses },
    }),
    async (c) => {
      const { event } = await runConvening(c, c.req.valid('param').slug);
      const list = await roster(c.var.db, event.id, { publicOnly: false });
      return c.json(
        {
          participants: list.map((p) => ({
            id: p.id,
            name: p.name,
            email: p.email,
            organization: p.organization,
            role: p.role,
            publicConsent: p.publicConsent,
          })),
          total: list.length,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/convenings/{slug}/participants/{id}/withdraw',
      summary: 'Take a person off the public roster, at once (that person, or the convening’s organizers)',
      tags: ['directory'],
      middleware: [allow('signedIn')] as const,
      request: { params: z.object({ slug: z.string().max(100), id: z.string().max(100) }) },
      responses: { 200: json(z.object({ id: z.uuid(), publicConsent: z.boolean() }), 'Off the public roster'), ...errorResponses },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const { event } = await getConvening(c.var.db, slug);
      const p = await getParticipant(c.var.db, event.id, id);
      if (p.personId !== c.var.viewer!.id) assertRunConvening(c.var.viewer, event);
      const row = await withdrawFromRoster(c.var.db, event.id, p.id);
      return c.json({ id: row.id, publicConsent: row.publicConsent }, 200);
    },
  );
}

function registerRecommendationsApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/convenings/{slug}/recommendations',
      summary: 'Record a recommendation from a convening; it starts as proposed (the convening’s organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: slugParam, body: body(recommendationInput.openapi('RecommendationInput')) },
      responses: {
        201: json(z.object({ id: z.uuid(), status: z.enum(RECOMMENDATION_STATUSES) }), 'The new recommendation'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { event } = await runConvening(c, c.req.valid('param').slug);
      const r = await createRecommendation(c.var.db, event.id, c.req.valid('json'), actorOf(c));
      return c.json({ id: r.id, status: r.status }, 201);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/recommendations/{id}/status',
      summary: 'Change a recommendation’s status, with a note and evidence; the same status again is 409 same_status (organizers)',
      tags: ['directory'],
      middleware: [allow('organizer')] as const,
      request: { params: idParam, body: body(statusChangeInput.openapi('RecommendationStatusChange')) },
      responses: {
        200: json(z.object({ id: z.uuid(), status: z.enum(RECOMMENDATION_STATUSES) }), 'The new status'),
        ...conflict,
        ...errorResponses,
      },
    }),
    async (c) => {
      const rec = await getRecommendation(c.var.db, c.req.valid('param').id);
      const { event } = await getConveningById(c, rec.eventId);
      assertRunConvening(c.var.viewer, event);
      const r = await changeStatus(c.var.db, rec.id, c.req.valid('json'), actorOf(c));
      return c.json({ id: r.id, status: r.status }, 200);
    },
    hook,
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/recommendations/{id}',
      summary: 'A recommendation and its status history, oldest first',
      tags: ['directory'],
      middleware: [allow('public')] as const,
      request: { params: idParam },
      responses: { 200: json(RecommendationOut, 'The recommendation'), ...errorResponses },
    }),
    async (c) => {
      const r = await getRecommendation(c.var.db, c.req.valid('param').id);
      const { event } = await getConveningById(c, r.eventId);
      if (!canSeeEvent(c.var.viewer, event)) throw notFound();
      const history = await historyOf(c.var.db, r.id);
      return c.json(
        {
          id: r.id,
          title: r.title,
          titleEs: r.titleEs,
          text: r.text,
          textEs: r.textEs,
          goal: r.goal,
          addressedTo: r.addressedTo,
          owner: r.owner,
          status: r.status,
          convening: { slug: event.slug },
          history: history.map((h) => ({
            status: h.status,
            note: h.note,
            evidenceUrl: h.evidenceUrl,
            by: { name: h.byName },
            at: h.at.toISOString(),
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/recommendations',
      summary: 'Every recommendation and its status (public, paged)',
      tags: ['directory'],
      middleware: [allow('public')] as const,
      request: {
        query: z.object({ status: z.enum(RECOMMENDATION_STATUSES).optional(), convening: z.string().max(100).optional(), ...pagingQuery }),
      },
      responses: {
        200: json(
          z.object({
            recommendations: z.array(RecommendationSummary.extend({ convening: z.object({ slug: z.string() }) })),
            total: z.number(),
          }),
          'A page of recommendations',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { limit, offset, ...f } = c.req.valid('query');
      const found = await listRecommendations(c.var.db, f, { limit, offset });
      return c.json(
        {
          recommendations: found.recommendations.map((r) => ({
            id: r.id,
            title: r.title,
            status: r.status,
            convening: { slug: r.conveningSlug },
          })),
          total: found.total,
        },
        200,
      );
    },
    hook,
  );
}

async function getConveningById(c: Ctx, eventId: string) {
  const event = await getEventById(c.var.db, eventId);
  return getConvening(c.var.db, event.slug);
}

export function registerDirectoryApi(api: OpenAPIHono<AppEnv>) {
  registerTaxonomyApi(api, 'goal', '/api/v1/goals');
  registerTaxonomyApi(api, 'topic', '/api/v1/topics');
  registerOrganizationsApi(api);
  registerMergeApi(api);
  registerInitiativesApi(api);
  registerConveningsApi(api);
  registerRecommendationsApi(api);
  registerPostsApi(api);
  registerFormsApi(api);
  registerMembersApi(api);
}
