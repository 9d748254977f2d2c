import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Ctx } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { errorResponses } from '../../platform/http/api';
import { AppError, forbidden, notFound } from '../../platform/http/errors';
import { AGENCY_LEVELS, SALARY_INTERVALS, type Agency, type Job } from './schema';
import {
  agencyInput,
  agencyPatch,
  createAgency,
  updateAgency,
  createJob,
  getAgency,
  getJob,
  jobInput,
  jobsPosted,
  jobsPromoted,
  listAgencies,
  searchJobs,
  setPromoted,
  setStatus,
  setTechOverride,
  SORTS,
  updateJob,
  type JobInput,
  type JobListRow,
} from './service';
import { canManageAgencyJobs, canManageJobs, canSeeJob, isJobsOrganizer } from './permissions';
import { laDay } from './service/normalize';

const AgencyRef = z.object({ slug: z.string(), name: z.string(), nameEs: z.string().nullable(), level: z.enum(AGENCY_LEVELS) });
const JobSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    agency: AgencyRef,
    salaryMin: z.number().int().nullable().openapi({ description: 'Yearly equivalent, US dollars (for sorting and filtering)' }),
    salaryMax: z.number().int().nullable().openapi({ description: 'Yearly equivalent, US dollars (for sorting and filtering)' }),
    pay: z
      .object({ min: z.number().nullable(), max: z.number().nullable(), unit: z.enum(SALARY_INTERVALS) })
      .nullable()
      .openapi({ description: 'Pay as posted, in its own unit ($52.50 an hour is 52.5, hour)' }),
    locations: z.array(z.string()),
    workplace: z.enum(['onsite', 'hybrid', 'remote']),
    openedAt: z.string(),
    closesAt: z.string().nullable(),
    continuous: z.boolean(),
    employmentType: z.string(),
    summary: z.string().nullable(),
    noDegree: z.boolean(),
    entryLevel: z.boolean(),
    promoted: z.boolean(),
    chapter: z.string().nullable().optional().openapi({ description: 'The chapter the job is counted under in impact figures (one job)' }),
    url: z.string().openapi({ description: 'The public page' }),
  })
  .openapi('JobSummary');
const JobFull = JobSummary.extend({
  classification: z.string().nullable(),
  series: z.string().nullable(),
  grade: z.string().nullable(),
  salarySource: z.string().nullable(),
  salaryInterval: z.string().nullable(),
  minimumQualifications: z.string().nullable(),
  description: z.string().nullable().openapi({ description: 'Sanitised HTML' }),
  titleEs: z.string().nullable().openapi({ description: 'Spanish title; null: Spanish pages show the English one' }),
  descriptionEs: z.string().nullable().openapi({ description: 'Spanish description, sanitised HTML' }),
  applyUrl: z.string().nullable(),
  tags: z.array(z.string()),
  status: z.string(),
  source: z.string(),
  sourceId: z.string().nullable(),
}).openapi('Job');

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();
const listQuery = z.object({
  q: z.string().max(200).optional(),
  level: z.enum(AGENCY_LEVELS).optional(),
  agency: z
    .string()
    .max(80)
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  minSalary: z.coerce.number().int().min(0).max(10_000_000).optional(),
  remote: bool,
  closingWithinDays: z.coerce.number().int().min(1).max(365).optional(),
  noDegree: bool,
  entryLevel: bool,
  sort: z.enum(SORTS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const base = (c: Ctx) => c.var.deps.config.baseUrl;
const ref = (a: Pick<Agency, 'slug' | 'name' | 'nameEs' | 'level'>) => ({ slug: a.slug, name: a.name, nameEs: a.nameEs, level: a.level });

function summaryJson(c: Ctx, j: JobListRow) {
  return {
    id: j.id,
    title: j.title,
    agency: { slug: j.agencySlug, name: j.agencyName, nameEs: j.agencyNameEs, level: j.agencyLevel as Agency['level'] },
    ...sharedJson(c, j),
  };
}

/** The fields a job's summary and its full record share, in the order both answers have always listed them. */
function sharedJson(c: Ctx, j: JobListRow | Job) {
  return {
    salaryMin: j.salaryMin,
    salaryMax: j.salaryMax,
    pay:
      (j.payMin != null || j.payMax != null) && j.salaryInterval
        ? { min: j.payMin, max: j.payMax, unit: j.salaryInterval as NonNullable<Job['salaryInterval']> }
        : null,
    locations: j.locations,
    workplace: j.workplace as Job['workplace'],
    openedAt: j.openedAt.toISOString(),
    closesAt: j.closesAt?.toISOString() ?? null,
    continuous: j.continuous,
    employmentType: j.employmentType,
    summary: j.summary,
    noDegree: j.noDegree,
    entryLevel: j.entryLevel,
    promoted: j.promoted,
    ...('chapterSlug' in j ? { chapter: j.chapterSlug } : {}),
    url: `${base(c)}/jobs/${j.id}`,
  };
}

function fullJson(c: Ctx, j: Job, a: Agency) {
  return {
    id: j.id,
    title: j.title,
    agency: ref(a),
    ...sharedJson(c, j),
    classification: j.classification,
    series: j.series,
    grade: j.grade,
    salarySource: j.salarySource,
    salaryInterval: j.salaryInterval,
    minimumQualifications: j.minimumQualifications,
    description: j.description,
    titleEs: j.titleEs,
    descriptionEs: j.descriptionEs,
    applyUrl: j.applyUrl,
    tags: j.tags,
    status: j.status,
    source: j.source,
    sourceId: j.sourceId,
  };
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/jobs',
  summary: 'Search open government tech jobs',
  description:
    'The same search as the jobs page: words in English or Spanish (accents ignored, stemmed), filters, sort and paging. Pay is yearly.',
  tags: ['jobs'],
  middleware: [allow('public')] as const,
  request: { query: listQuery },
  responses: {
    200: json(
      z
        .object({
          jobs: z.array(JobSummary),
          total: z.number().int(),
          more: z.boolean().openapi({ description: 'true when more than `total` (5,000) match; counting stops there' }),
        })
        .openapi('JobList'),
      'A page of jobs',
    ),
    ...errorResponses,
  },
});

const idParams = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/jobs/{id}',
  summary: 'One job',
  tags: ['jobs'],
  middleware: [allow('public')] as const,
  request: { params: idParams },
  responses: { 200: json(JobFull, 'The job'), ...errorResponses },
});

const postRoute = createRoute({
  method: 'post',
  path: '/api/v1/jobs',
  summary: 'Post a job (partners for their agency: waits for review; organizers: published)',
  description: 'Pay is given in `salaryInterval` units and stored yearly (hour ×2080, two weeks ×26, month ×12).',
  tags: ['jobs'],
  security: [{ bearer: [] }],
  middleware: [allow('signedIn')] as const,
  request: { body: { content: { 'application/json': { schema: jobInput } }, required: true } },
  responses: { 201: json(JobFull, 'Created'), ...errorResponses },
});

/** A field left out of a PATCH stays as it is: none of the posting form's defaults apply here. */
const patchBody = jobInput.partial().extend({
  salaryInterval: jobInput.shape.salaryInterval.unwrap().optional(),
  locations: jobInput.shape.locations.unwrap().optional(),
  workplace: jobInput.shape.workplace.unwrap().optional(),
  continuous: jobInput.shape.continuous.unwrap().optional(),
  employmentType: jobInput.shape.employmentType.unwrap().optional(),
  noDegree: jobInput.shape.noDegree.unwrap().optional(),
  entryLevel: jobInput.shape.entryLevel.unwrap().optional(),
  tags: jobInput.shape.tags.unwrap().optional(),
  status: z.enum(['published', 'rejected', 'closed']).optional().openapi({ description: 'Organizers only' }),
  promoted: z.boolean().optional().openapi({ description: 'Organizers only' }),
  techOverride: z
    .boolean()
    .nullable()
    .optional()
    .openapi({ description: 'Organizers only: show (true), hide (false) or let the rules decide (null)' }),
});
const patchRoute = createRoute({
  method: 'patch',
  path: '/api/v1/jobs/{id}',
  summary: 'Change a job (partners: their agency, back to review; organizers: any, incl. status)',
  tags: ['jobs'],
  security: [{ bearer: [] }],
  middleware: [allow('signedIn')] as const,
  request: { params: idParams, body: { content: { 'application/json': { schema: patchBody } }, required: true } },
  responses: { 200: json(JobFull, 'Updated'), ...errorResponses },
});

const agenciesRoute = createRoute({
  method: 'get',
  path: '/api/v1/agencies',
  summary: 'The agency directory',
  tags: ['jobs'],
  middleware: [allow('public')] as const,
  request: { query: z.object({ level: z.enum(AGENCY_LEVELS).optional() }) },
  responses: {
    200: json(
      z
        .object({
          agencies: z.array(
            AgencyRef.extend({
              id: z.uuid(),
              parent: z.string().nullable(),
              website: z.string().nullable(),
              careersUrl: z.string().nullable(),
              emailDomains: z.array(z.string()),
              openJobs: z.number().int(),
            }),
          ),
        })
        .openapi('AgencyList'),
      'Agencies',
    ),
    ...errorResponses,
  },
});

const statsRoute = createRoute({
  method: 'get',
  path: '/api/v1/jobs/stats',
  summary: 'Jobs posted and promoted in a period (organizers)',
  tags: ['jobs'],
  security: [{ bearer: [] }],
  middleware: [allow('organizer')] as const,
  request: { query: z.object({ from: z.iso.date(), to: z.iso.date() }) },
  responses: {
    200: json(
      z.object({
        posted: z.object({
          total: z.number(),
          byLevel: z.array(z.object({ level: z.string(), count: z.number() })),
          byAgency: z.array(z.object({ level: z.string(), agencySlug: z.string(), agencyName: z.string(), count: z.number() })),
        }),
        promoted: z.object({
          jobs: z.number(),
          placements: z.number(),
          byChannel: z.array(z.object({ channel: z.string(), jobs: z.number(), placements: z.number() })),
        }),
      }),
      'Counts',
    ),
    ...errorResponses,
  },
});

const AgencyFull = AgencyRef.extend({
  id: z.uuid(),
  parent: z.string().nullable().openapi({ description: 'The parent agency’s slug' }),
  website: z.string().nullable(),
  careersUrl: z.string().nullable(),
  emailDomains: z.array(z.string()),
}).openapi('Agency');

const agencyPostRoute = createRoute({
  method: 'post',
  path: '/api/v1/agencies',
  summary: 'Add an agency (organizers)',
  description: 'Level: federal, state, county, city, special_district, school_district or tribal. `parent` is a slug.',
  tags: ['jobs'],
  security: [{ bearer: [] }],
  middleware: [allow('organizer')] as const,
  request: { body: { content: { 'application/json': { schema: agencyInput } }, required: true } },
  responses: { 201: json(AgencyFull, 'Created'), ...errorResponses },
});

const agencyPatchRoute = createRoute({
  method: 'patch',
  path: '/api/v1/agencies/{agency}',
  summary: 'Change an agency (organizers)',
  description: 'Only the fields given change; `parent: null` takes it out of its parent.',
  tags: ['jobs'],
  security: [{ bearer: [] }],
  middleware: [allow('organizer')] as const,
  request: {
    params: z.object({
      agency: z
        .string()
        .max(80)
        .openapi({ param: { name: 'agency', in: 'path' }, description: 'Slug or id' }),
    }),
    body: { content: { 'application/json': { schema: agencyPatch } }, required: true },
  },
  responses: { 200: json(AgencyFull, 'Updated'), ...errorResponses },
});

async function agencyJson(c: Ctx, a: Agency) {
  const parent = a.parentId ? await getAgency(c.var.db, a.parentId) : null;
  return {
    id: a.id,
    ...ref(a),
    parent: parent?.slug ?? null,
    website: a.website,
    careersUrl: a.careersUrl,
    emailDomains: a.emailDomains,
  };
}

function inputFrom(j: Job, a: Agency): JobInput {
  return {
    agency: a.slug,
    title: j.title,
    classification: j.classification,
    series: j.series,
    grade: j.grade,
    salaryMin: j.payMin ?? j.salaryMin,
    salaryMax: j.payMax ?? j.salaryMax,
    salaryInterval: j.payMin != null || j.payMax != null ? (j.salaryInterval ?? 'year') : 'year',
    locations: j.locations,
    workplace: j.workplace,
    opensOn: laDay(j.openedAt),
    closesOn: j.closesAt ? laDay(j.closesAt) : null,
    continuous: j.continuous,
    employmentType: j.employmentType,
    minimumQualifications: j.minimumQualifications,
    summary: j.summary,
    noDegree: j.noDegree,
    entryLevel: j.entryLevel,
    applyUrl: j.applyUrl,
    tags: j.tags,
  };
}

export function registerJobsApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(listRoute, async (c) => {
    const { sort, limit, offset, ...f } = c.req.valid('query');
    const filters = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== false && v !== ''));
    const result = await searchJobs(c.var.db, filters, { sort, limit, offset });
    return c.json({ jobs: result.jobs.map((j) => summaryJson(c, j)), total: result.total, more: result.more }, 200);
  });

  api.openapi(statsRoute, async (c) => {
    const { from, to } = c.req.valid('query');
    const [f, t] = [new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)];
    const [posted, promoted] = await Promise.all([jobsPosted(c.var.db, f, t), jobsPromoted(c.var.db, f, t)]);
    return c.json({ posted, promoted }, 200);
  });

  api.openapi(getRoute, async (c) => {
    const { job, agency } = await getJob(c.var.db, c.req.valid('param').id);
    if (!canSeeJob(c.var.viewer, job, agency)) throw notFound();
    return c.json(fullJson(c, job, agency), 200);
  });

  api.openapi(postRoute, async (c) => {
    if (!canManageJobs(c.var.viewer)) throw forbidden();
    const input = c.req.valid('json');
    const agency = await getAgency(c.var.db, input.agency).catch(() => {
      throw new AppError('validation_failed', 422, 'errors.validation', { agency: 'validation.choose' });
    });
    if (!canManageAgencyJobs(c.var.viewer, agency)) throw forbidden();
    const job = await createJob(c.var.db, agency, input, { by: c.var.viewer!.id, publish: isJobsOrganizer(c.var.viewer) });
    return c.json(fullJson(c, job, agency), 201);
  });

  api.openapi(patchRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { status, promoted, techOverride, ...patch } = c.req.valid('json');
    const current = await getJob(c.var.db, id);
    if (!canManageAgencyJobs(c.var.viewer, current.agency)) throw forbidden();
    const organizer = isJobsOrganizer(c.var.viewer);
    if (!organizer && (status !== undefined || promoted !== undefined || techOverride !== undefined)) throw forbidden();
    let agency = current.agency;
    if (patch.agency && patch.agency !== agency.slug) {
      agency = await getAgency(c.var.db, patch.agency).catch(() => {
        throw new AppError('validation_failed', 422, 'errors.validation', { agency: 'validation.choose' });
      });
      if (!canManageAgencyJobs(c.var.viewer, agency)) throw forbidden();
    }
    const fields = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
    if (fields.length) {
      const changed = Object.fromEntries(fields.map((k) => [k, (patch as Record<string, unknown>)[k]]));
      // Merged into the row as it is under the lock; a PATCH that does not mention a description leaves
      // it out of the input, so the stored one is kept.
      await updateJob(c.var.db, id, agency, (row) => jobInput.parse({ ...inputFrom(row, agency), ...changed }), { review: !organizer });
    }
    if (status) await setStatus(c.var.db, id, status);
    if (promoted !== undefined) await setPromoted(c.var.db, id, promoted);
    if (techOverride !== undefined) await setTechOverride(c.var.db, id, techOverride);
    const { job } = await getJob(c.var.db, id);
    return c.json(fullJson(c, job, agency), 200);
  });

  api.openapi(agencyPostRoute, async (c) => c.json(await agencyJson(c, await createAgency(c.var.db, c.req.valid('json'))), 201));

  api.openapi(agencyPatchRoute, async (c) => {
    const a = await updateAgency(c.var.db, c.req.valid('param').agency, c.req.valid('json'));
    return c.json(await agencyJson(c, a), 200);
  });

  api.openapi(agenciesRoute, async (c) => {
    const list = await listAgencies(c.var.db, { level: c.req.valid('query').level });
    return c.json(
      {
        agencies: list.map((a) => ({
          id: a.id,
          ...ref(a),
          parent: a.parentName,
          website: a.website,
          careersUrl: a.careersUrl,
          emailDomains: a.emailDomains,
          openJobs: a.openJobs,
        })),
      },
      200,
    );
  });
}
