import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context';
import { allow } from '../../platform/auth/middleware';
import { apiValidationHookFor, errorResponses, ErrorSchema } from '../../platform/http/api';
import { newsletterMessages } from './messages';
import { AppError, notFound } from '../../platform/http/errors';
import { SUBSCRIBER_STATUSES, TOPICS, ISSUE_STATUSES, type Issue, type Subscriber } from './schema';
import type { NewsletterHooks } from './service/hooks';
import {
  applyBounce,
  beginSending,
  bounceWebhookBody,
  SOFT_BOUNCE_DAYS,
  SOFT_BOUNCE_LIMIT,
  createIssue,
  createSubscriber,
  createSubscriberInput,
  getIssue,
  issueInput,
  issueStats,
  listSubscribers,
  processInboundMessage,
  scheduleIssue,
  sendSubscriptionEmail,
  validWebhookToken,
  issueBlocks,
} from './service';

const SubscriberSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    language: z.enum(['en', 'es']),
    status: z.enum(SUBSCRIBER_STATUSES),
    topics: z.array(z.enum(TOPICS)),
    consentedAt: z.string().nullable(),
    source: z.string(),
    chapter: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Subscriber');

const toSubscriber = (s: Subscriber) => ({
  id: s.id,
  email: s.email,
  name: s.name,
  language: s.language,
  status: s.status,
  topics: s.topics,
  consentedAt: s.consentedAt ? s.consentedAt.toISOString() : null,
  source: s.source,
  chapter: s.chapterSlug,
  createdAt: s.createdAt.toISOString(),
});

const IssueSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(ISSUE_STATUSES),
    subject: z.object({ en: z.string(), es: z.string() }),
    body: z.object({ en: z.string(), es: z.string() }),
    blocks: issueBlocks,
    segment: z.record(z.string(), z.unknown()),
    tracking: z.boolean(),
    scheduledAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    total: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    left: z.number().int(),
    opens: z.number().int().openapi({ description: 'Messages opened by a person (machine-only opens excluded)' }),
    machineOpens: z.number().int().openapi({ description: 'Messages opened only by privacy proxies or scanners' }),
    clicks: z.number().int(),
    openRate: z.number(),
    clickRate: z.number(),
    archiveUrl: z.string().nullable(),
  })
  .openapi('NewsletterIssue');

async function issueJson(db: Parameters<typeof issueStats>[0], baseUrl: string, i: Issue) {
  const s = await issueStats(db, i.id);
  return {
    id: i.id,
    status: i.status,
    subject: i.subject,
    body: i.body,
    blocks: i.blocks,
    segment: i.segment as Record<string, unknown>,
    tracking: i.tracking,
    scheduledAt: i.scheduledAt?.toISOString() ?? null,
    startedAt: i.startedAt?.toISOString() ?? null,
    finishedAt: i.finishedAt?.toISOString() ?? null,
    total: s.total,
    sent: s.sent,
    failed: s.failed,
    left: s.left,
    opens: s.opens,
    machineOpens: s.machineOpens,
    clicks: s.clicks,
    openRate: s.openRate,
    clickRate: s.clickRate,
    archiveUrl: i.status === 'sent' ? `${baseUrl}/newsletter/archive/${i.id}` : null,
  };
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.uuid() });

const createSub = createRoute({
  tags: ['newsletter'],
  security: [{ bearer: [] }],
  middleware: [allow('organizer')] as const,
  method: 'post',
  path: '/api/v1/subscribers',
  summary: 'Add or update a subscriber (merged by email)',
  description:
    '`confirmed: true` needs `consentedAt`, the date the person agreed. Without it the person gets a confirmation email (double opt-in). Suppressed addresses (unsubscribed, bounced, complained) are refused with 409.',
  request: { body: { content: { 'application/json': { schema: createSubscriberInput } }, required: true } },
  responses: {
    201: json(SubscriberSchema, 'The subscriber'),
    409: json(ErrorSchema, 'The address is on the suppression list'),
    ...errorResponses,
  },
});

const listSubs = createRoute({
  tags: ['newsletter'],
  security: [{ bearer: [] }],
  middleware: [allow('organizer')] as const,
  method: 'get',
  path: '/api/v1/subscribers',
  summary: 'List subscribers',
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      offset: z.coerce.number().int().min(0).default(0),
      status: z.enum(SUBSCRIBER_STATUSES).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({ subscribers: z.array(SubscriberSchema), total: z.number().int() }).openapi('SubscriberList'),
      'A page of subscribers',
    ),
    ...errorResponses,
  },
});

const createIss = createRoute({
  tags: ['newsletter'],
  security: [{ bearer: [] }],
  middleware: [allow('organizer')] as const,
  method: 'post',
  path: '/api/v1/newsletter/issues',
  summary: 'Create a draft issue (markdown bodies in English and Spanish)',
  request: { body: { content: { 'application/json': { schema: issueInput } }, required: true } },
  responses: { 201: json(IssueSchema, 'The draft'), ...errorResponses },
});

const sendIss = createRoute({
  tags: ['newsletter'],
  security: [{ bearer: [] }],
  middleware: [allow('organizer')] as const,
  method: 'post',
  path: '/api/v1/newsletter/issues/{id}/send',
  summary: 'Send a draft now, or schedule it with `scheduledAt`',
  request: {
    params: idParam,
    body: {
      content: { 'application/json': { schema: z.object({ scheduledAt: z.iso.datetime({ offset: true }).optional() }) } },
      required: false,
    },
  },
  responses: { 202: json(IssueSchema, 'Sending (or scheduled)'), 409: json(ErrorSchema, 'Not a draft'), ...errorResponses },
});

const getIss = createRoute({
  tags: ['newsletter'],
  security: [{ bearer: [] }],
  middleware: [allow('organizer')] as const,
  method: 'get',
  path: '/api/v1/newsletter/issues/{id}',
  summary: 'An issue with its sending progress, opens and clicks',
  request: { params: idParam },
  responses: { 200: json(IssueSchema, 'The issue'), ...errorResponses },
});

const webhook = createRoute({
  method: 'post',
  path: '/api/v1/newsletter/webhooks/bounces',
  tags: ['newsletter'],
  summary: 'Bounce and complaint notifications from a mail provider',
  description:
    'Authenticated by the secret `token` shown on the newsletter settings page. Body: one event or `{events: [...]}`; each event `{email, type: "bounce"|"complaint", bounceType?: "hard"|"soft", status?: "5.1.1", diagnostic?}`. ' +
    'Complaints, and bounces where the address itself fails (status 5.1.1, 5.1.2, 5.1.3, 5.1.6, 5.1.10, or words such as "user unknown"), put the address on the suppression list; other bounces (mailbox full, policy, blocked, temporary) are counted, ' +
    `and ${SOFT_BOUNCE_LIMIT} of them from separate sends within ${SOFT_BOUNCE_DAYS} days suppress it. With status or diagnostic present, they decide; bounceType is used only without them.`,
  middleware: [allow('public')] as const,
  request: {
    query: z.object({ token: z.string().max(2000) }),
    body: { content: { 'application/json': { schema: bounceWebhookBody } }, required: true },
  },
  responses: {
    200: json(z.object({ suppressed: z.number().int(), noted: z.number().int() }), 'Processed'),
    401: json(ErrorSchema, 'Wrong token'),
    422: errorResponses[422],
  },
});

const dsn = createRoute({
  tags: ['newsletter'],
  security: [{ bearer: [] }],
  middleware: [allow('organizer')] as const,
  method: 'post',
  path: '/api/v1/newsletter/bounces/dsn',
  summary: 'Process a raw bounce, complaint report or "unsubscribe" reply',
  description:
    'The whole message as received: an RFC 3464 delivery status notification or the plain-text bounce of a mail system (qmail, Exim, Postfix, Sendmail, Gmail, Yahoo, Exchange, Office 365, Domino, gateways), an ARF complaint report (RFC 5965), or an "unsubscribe" reply. Addresses are only ever taken when they are valid addresses.',
  request: {
    body: {
      content: { 'message/rfc822': { schema: z.string().max(5_000_000) }, 'text/plain': { schema: z.string().max(5_000_000) } },
      required: true,
    },
  },
  responses: {
    200: json(
      z.object({
        suppressed: z.array(z.string()),
        noted: z.array(z.string()),
        complained: z.array(z.string()),
        unsubscribed: z.array(z.string()),
      }),
      'Addresses marked',
    ),
    ...errorResponses,
  },
});

/** Newsletter error keys are the module's: its routes translate them from its catalog (never a raw key). */
const hook = apiValidationHookFor(newsletterMessages) as never;

export function registerNewsletterApi(api: OpenAPIHono<AppEnv>, hooks: NewsletterHooks) {
  api.openapi(
    createSub,
    async (c) => {
      const { subscriber, needsConfirmation } = await createSubscriber(c.var.db, c.req.valid('json'));
      if (needsConfirmation) await sendSubscriptionEmail(c.var.deps, subscriber, 'confirm');
      return c.json(toSubscriber(subscriber), 201);
    },
    hook,
  );
  api.openapi(
    listSubs,
    async (c) => {
      const q = c.req.valid('query');
      const r = await listSubscribers(c.var.db, q);
      return c.json({ subscribers: r.subscribers.map(toSubscriber), total: r.total }, 200);
    },
    hook,
  );
  api.openapi(
    createIss,
    async (c) => {
      const issue = await createIssue(c.var.db, c.req.valid('json'), c.var.viewer!.id);
      return c.json(await issueJson(c.var.db, c.var.deps.config.baseUrl, issue), 201);
    },
    hook,
  );
  api.openapi(
    sendIss,
    async (c) => {
      const { id } = c.req.valid('param');
      let body: { scheduledAt?: string } = {};
      if ((c.req.header('content-type') ?? '').includes('json')) body = c.req.valid('json') ?? {};
      await getIssue(c.var.db, id);
      const issue = body.scheduledAt
        ? await scheduleIssue(c.var.db, id, new Date(body.scheduledAt))
        : await beginSending(c.var.deps, hooks, id);
      return c.json(await issueJson(c.var.db, c.var.deps.config.baseUrl, issue), 202);
    },
    hook,
  );
  api.openapi(
    getIss,
    async (c) => {
      const issue = await getIssue(c.var.db, c.req.valid('param').id).catch(() => {
        throw notFound();
      });
      return c.json(await issueJson(c.var.db, c.var.deps.config.baseUrl, issue), 200);
    },
    hook,
  );
  api.openapi(
    webhook,
    async (c) => {
      if (!(await validWebhookToken(c.var.deps, c.req.valid('query').token)))
        throw new AppError('invalid_token', 401, 'newsletter.errors.webhookToken');
      const body = c.req.valid('json');
      const events = 'events' in body ? body.events : [body];
      let suppressed = 0;
      let noted = 0;
      for (const e of events) {
        if ((await applyBounce(c.var.db, e)) === 'suppressed') suppressed++;
        else noted++;
      }
      return c.json({ suppressed, noted }, 200);
    },
    hook,
  );
  api.openapi(
    dsn,
    async (c) => {
      const raw = await c.req.text();
      return c.json(await processInboundMessage(c.var.db, raw.slice(0, 5_000_000)), 200);
    },
    hook,
  );
}
