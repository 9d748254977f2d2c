import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { desc, eq } from 'drizzle-orm';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow, SESSION_COOKIE } from '../../../platform/auth/middleware';
import { listApiTokens, listSessions, revokeApiToken, revokeSession } from '../../../platform/auth/service';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, Pager, Select, TextArea, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { fieldErrors, translateErrors } from '../../../platform/http/validation';
import { notFound } from '../../../platform/http/errors';
import { outbox } from '../../../platform/mail/schema';
import { peopleMessages } from '../messages';
import { ROLES, SECTORS, type Person } from '../schema';
import {
  erasePerson,
  exportPersonData,
  getPerson,
  grantInput,
  grantRole,
  listGrants,
  profileInput,
  revokeRole,
  searchPeople,
  updateProfile,
} from '../service';
import { z } from 'zod';
import { DataTable } from '../../../platform/ui/data-table';

export const peoplePages = new Hono<AppEnv>();
const tr = (c: Ctx) => peopleMessages.for(c.var.locale);
const me = (c: Ctx) => c.var.viewer!;

type ProfileValues = Record<string, string>;

function valuesFrom(p: Person): ProfileValues {
  return {
    fullName: p.fullName,
    preferredName: p.preferredName ?? '',
    language: p.language,
    pronouns: p.pronouns ?? '',
    organization: p.organization ?? '',
    sector: p.sector ?? '',
    accessibilityNeeds: p.accessibilityNeeds ?? '',
    newsletter: p.consents.newsletter ? 'on' : '',
    eventNews: p.consents.eventNews ? 'on' : '',
    jobAlerts: p.consents.jobAlerts ? 'on' : '',
    research: p.consents.research ? 'on' : '',
  };
}

async function AccountPage(props: { c: Ctx; person: Person; values: ProfileValues; errors: Record<string, string>; saved?: boolean }) {
  const { c, person, values, errors } = props;
  const t = tr(c);
  const locale = c.var.locale;
  const sessions = await listSessions(c.var.db, person.id);
  const now = Date.now();
  const tokens = (await listApiTokens(c.var.db, person.id)).filter((k) => !k.revokedAt && (!k.expiresAt || k.expiresAt.getTime() > now));
  return (
    <>
      <h1>{t('people.account.title')}</h1>
      {props.saved && <Alert type="success">{t('people.account.saved')}</Alert>}
      <ErrorSummary errors={errors} t={c.var.t} />
      <h2>{t('people.account.profile')}</h2>
      <p>{t('people.account.emailNote', { email: person.email ?? '' })}</p>
      <form class="usa-form usa-form--large" method="post" action={localePath(locale, '/account')} novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="fullName"
          label={t('people.account.fullName')}
          hint={t('people.account.fullNameHint')}
          value={values.fullName}
          error={errors.fullName}
          autocomplete="name"
          required
          maxlength={200}
          spellcheck={false}
        />
        <TextField
          name="preferredName"
          label={t('people.account.preferredName')}
          hint={t('people.account.preferredNameHint')}
          optional={c.var.t('form.optional')}
          value={values.preferredName}
          error={errors.preferredName}
          autocomplete="nickname"
          maxlength={100}
          spellcheck={false}
        />
        <Select
          name="language"
          label={t('people.account.language')}
          value={values.language}
          error={errors.language}
          options={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
        />
        <TextField
          name="pronouns"
          label={t('people.account.pronouns')}
          hint={t('people.account.pronounsHint')}
          optional={c.var.t('form.optional')}
          value={values.pronouns}
          error={errors.pronouns}
          maxlength={60}
        />
        <TextField
          name="organization"
          label={t('people.account.organization')}
          optional={c.var.t('form.optional')}
          value={values.organization}
          error={errors.organization}
          autocomplete="organization"
          maxlength={200}
        />
        <Select
          name="sector"
          label={t('people.account.sector')}
          optional={c.var.t('form.optional')}
          value={values.sector}
          error={errors.sector}
          blank={t('people.account.sectorBlank')}
          options={SECTORS.map((s) => ({ value: s, label: t(`people.sector.${s}`) }))}
        />
        <TextArea
          name="accessibilityNeeds"
          label={t('people.account.accessibility')}
          hint={t('people.account.accessibilityHint')}
          optional={c.var.t('form.optional')}
          value={values.accessibilityNeeds}
          error={errors.accessibilityNeeds}
          maxlength={2000}
        />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t('people.account.consents')}</legend>
          <Checkbox name="newsletter" label={t('people.account.consent.newsletter')} checked={values.newsletter === 'on'} />
          <Checkbox name="eventNews" label={t('people.account.consent.eventNews')} checked={values.eventNews === 'on'} />
          <Checkbox name="jobAlerts" label={t('people.account.consent.jobAlerts')} checked={values.jobAlerts === 'on'} />
          <Checkbox name="research" label={t('people.account.consent.research')} checked={values.research === 'on'} />
        </fieldset>
        <Button>{c.var.t('form.save')}</Button>
      </form>

      <h2>{t('people.account.sessions')}</h2>
      <p>{t('people.account.sessionsIntro')}</p>
      <DataTable
        caption={t('people.account.sessions')}
        captionHidden
        borderless
        rows={sessions}
        columns={[
          {
            label: t('people.account.sessionDevice'),
            cell: (s) => (
              <>
                {s.userAgent ?? t('people.account.sessionUnknown')}
                {s.id === c.var.viewer?.sessionId && <strong> ({t('people.account.sessionThis')})</strong>}
              </>
            ),
          },
          { label: t('people.account.sessionStarted'), cell: (s) => formatDateTime(locale, s.createdAt) },
          { label: t('people.account.sessionLastSeen'), cell: (s) => formatDateTime(locale, s.lastSeenAt) },
          {
            label: t('people.account.sessionRevoke'),
            labelHidden: true,
            cell: (s) => (
              <form method="post" action={localePath(locale, `/account/sessions/${s.id}/revoke`)} class="pw-inline-form">
                <Csrf token={c.var.csrfToken} />
                <button class="usa-button usa-button--unstyled" type="submit">
                  {t('people.account.sessionRevoke')}
                </button>
              </form>
            ),
          },
        ]}
      />

      {tokens.length > 0 && (
        <>
          <h2>{t('people.account.tokens')}</h2>
          <p>{t('people.account.tokensIntro')}</p>
          <DataTable
            caption={t('people.account.tokens')}
            captionHidden
            borderless
            rows={tokens}
            columns={[
              { label: t('people.account.tokenLabel'), cell: (k) => k.label },
              { label: t('people.account.sessionStarted'), cell: (k) => formatDateTime(locale, k.createdAt) },
              {
                label: t('people.account.sessionLastSeen'),
                cell: (k) => (k.lastUsedAt ? formatDateTime(locale, k.lastUsedAt) : t('people.account.tokenNever')),
              },
              {
                label: t('people.account.tokenExpires'),
                cell: (k) => (k.expiresAt ? formatDateTime(locale, k.expiresAt) : t('people.account.tokenNoExpiry')),
              },
              {
                label: t('people.account.tokenRevoke'),
                labelHidden: true,
                cell: (k) => (
                  <form method="post" action={localePath(locale, `/account/tokens/${k.id}/revoke`)} class="pw-inline-form">
                    <Csrf token={c.var.csrfToken} />
                    <button class="usa-button usa-button--unstyled" type="submit">
                      {t('people.account.tokenRevoke')} <span class="pw-visually-hidden">{k.label}</span>
                    </button>
                  </form>
                ),
              },
            ]}
          />
        </>
      )}

      <h2>{t('people.account.yourData')}</h2>
      <p>
        <a class="usa-button usa-button--outline" href={localePath(locale, '/account/export')} download="pathways-my-data.json">
          {t('people.account.download')}
        </a>
      </p>
      <p class="usa-hint">{t('people.account.downloadHint')}</p>
      <form class="usa-form" method="post" action={localePath(locale, '/account/delete')} novalidate>
        <Csrf token={c.var.csrfToken} />
        <p>{t('people.account.deleteHint')}</p>
        <TextField
          name="confirm"
          label={t('people.account.deleteConfirm')}
          value={values.confirm}
          error={errors.confirm}
          autocomplete="off"
        />
        <Button variant="secondary">{t('people.account.delete')}</Button>
      </form>
    </>
  );
}

peoplePages.get('/account', allow('signedIn'), async (c) => {
  const person = await getPerson(c.var.db, me(c).id);
  return page(
    c,
    { title: tr(c)('people.account.title'), index: false },
    await AccountPage({ c, person, values: valuesFrom(person), errors: {}, saved: c.req.query('saved') === '1' }),
  );
});

const checkbox = (v: string | undefined) => v === 'on';

peoplePages.post('/account', allow('signedIn'), async (c) => {
  const values = await form(c);
  const parsed = profileInput.safeParse({
    ...values,
    language: values.language ?? '',
    consents: {
      newsletter: checkbox(values.newsletter),
      eventNews: checkbox(values.eventNews),
      jobAlerts: checkbox(values.jobAlerts),
      research: checkbox(values.research),
    },
  });
  const person = await getPerson(c.var.db, me(c).id);
  if (!parsed.success) {
    const errors = translateErrors(fieldErrors(parsed.error), c.var.t);
    return page(c, { title: tr(c)('people.account.title'), index: false }, await AccountPage({ c, person, values, errors }), 422);
  }
  const updated = await updateProfile(c.var.db, person.id, parsed.data);
  return c.redirect(`${localePath(updated.language === 'es' ? 'es' : 'en', '/account')}?saved=1`, 303);
});

peoplePages.post('/account/sessions/:id/revoke', allow('signedIn'), async (c) => {
  const id = c.req.param('id');
  if (z.uuid().safeParse(id).success) await revokeSession(c.var.db, me(c).id, id);
  if (id === me(c).sessionId) deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return c.redirect(localePath(c.var.locale, id === me(c).sessionId ? '/' : '/account'), 303);
});

peoplePages.post('/account/tokens/:id/revoke', allow('signedIn'), async (c) => {
  await revokeApiToken(c.var.db, c.req.param('id'), me(c).id);
  return c.redirect(localePath(c.var.locale, '/account'), 303);
});

peoplePages.get('/account/export', allow('signedIn'), async (c) => {
  const data = await exportPersonData(c.var.db, me(c).id);
  c.header('Content-Disposition', 'attachment; filename="pathways-my-data.json"');
  c.header('Cache-Control', 'no-store');
  return c.body(JSON.stringify(data, null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
});

peoplePages.post('/account/delete', allow('signedIn'), async (c) => {
  const t = tr(c);
  const values = await form(c);
  if ((values.confirm ?? '').trim() !== 'DELETE') {
    const person = await getPerson(c.var.db, me(c).id);
    return page(
      c,
      { title: t('people.account.title'), index: false },
      await AccountPage({
        c,
        person,
        values: { ...valuesFrom(person), confirm: values.confirm ?? '' },
        errors: { confirm: t('people.account.deleteWrong') },
      }),
      422,
    );
  }
  await erasePerson(c.var.db, me(c).id);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  c.set('viewer', null);
  return page(
    c,
    { title: t('people.account.deleted'), index: false },
    <>
      <h1>{t('people.account.deleted')}</h1>
      <p>{t('people.account.deletedBody')}</p>
    </>,
  );
});

// ---- Admin ----

peoplePages.get('/admin', allow('admin'), (c) => {
  const t = tr(c);
  const l = c.var.locale;
  return page(
    c,
    { title: t('people.admin.title'), index: false },
    <>
      <h1>{t('people.admin.title')}</h1>
      <ul class="usa-list">
        <li>
          <a href={localePath(l, '/admin/people')}>{t('people.admin.people')}</a>
        </li>
        {c.var.deps.mailer.kind === 'outbox' && (
          <li>
            <a href={localePath(l, '/admin/outbox')}>{t('people.admin.outbox')}</a>
          </li>
        )}
      </ul>
    </>,
  );
});

const PAGE_SIZE = 50;
const pagingQuery = z.object({
  q: z.string().max(200).optional().catch(undefined),
  offset: z.coerce.number().int().min(0).max(1_000_000).catch(0),
});

function roleLabel(t: ReturnType<typeof tr>, role: string) {
  const [r, scope] = role.split(':');
  const label = (ROLES as readonly string[]).includes(r) ? t(`people.role.${r as (typeof ROLES)[number]}`) : r;
  return scope ? `${label} — ${scope}` : label;
}

peoplePages.get('/admin/people', allow('admin'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const { q, offset } = pagingQuery.parse(c.req.query());
  const result = await searchPeople(c.var.db, { q, limit: PAGE_SIZE, offset });
  const href = (o: number) => `${localePath(l, '/admin/people')}?${new URLSearchParams({ ...(q ? { q } : {}), offset: String(o) })}`;
  return page(
    c,
    { title: t('people.admin.people'), index: false },
    <>
      <h1>{t('people.admin.people')}</h1>
      <form class="usa-search usa-search--small" role="search" method="get" action={localePath(l, '/admin/people')}>
        <label class="usa-label" for="q">
          {t('people.admin.searchLabel')}
        </label>
        <div class="pw-actions">
          <input class="usa-input" id="q" name="q" type="search" value={q ?? ''} />
          <button class="usa-button" type="submit">
            {c.var.t('form.search')}
          </button>
        </div>
      </form>
      {result.total === 0 ? (
        <p>{t('people.admin.none')}</p>
      ) : (
        <DataTable
          caption={t('people.admin.people')}
          captionHidden
          rows={result.people}
          columns={[
            { label: t('people.admin.name'), cell: (p) => <a href={localePath(l, `/admin/people/${p.id}`)}>{p.fullName}</a> },
            { label: t('people.admin.email'), cell: (p) => p.email },
            { label: t('people.admin.roles'), cell: (p) => p.roles.map((r) => roleLabel(t, r)).join(', ') },
            { label: t('people.admin.joined'), cell: (p) => formatDateTime(l, p.createdAt) },
          ]}
        />
      )}
      <Pager t={c.var.t} total={result.total} offset={offset} limit={PAGE_SIZE} href={href} />
    </>,
  );
});

async function PersonAdmin(props: {
  c: Ctx;
  id: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  granted?: boolean;
}) {
  const { c, id, errors, values } = props;
  const t = tr(c);
  const l = c.var.locale;
  const person = await getPerson(c.var.db, id);
  const grants = await listGrants(c.var.db, id);
  return (
    <>
      <h1>{person.fullName}</h1>
      <p>{person.email}</p>
      {props.granted && <Alert type="success">{t('people.admin.granted')}</Alert>}
      <h2>{t('people.admin.roles')}</h2>
      {grants.length === 0 ? (
        <p>{t('people.admin.noRoles')}</p>
      ) : (
        <ul class="usa-list">
          {grants.map((g) => (
            <li>
              {roleLabel(t, g.scope ? `${g.role}:${g.scope}` : g.role)}{' '}
              <form method="post" action={localePath(l, `/admin/people/${id}/roles/${g.id}/revoke`)} class="pw-inline-form">
                <Csrf token={c.var.csrfToken} />
                <button class="usa-button usa-button--unstyled" type="submit">
                  {t('people.admin.revoke')} <span class="pw-visually-hidden">{roleLabel(t, g.role)}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('people.admin.grant')}</h2>
      <ErrorSummary errors={errors} t={c.var.t} />
      <form class="usa-form" method="post" action={localePath(l, `/admin/people/${id}/roles`)} novalidate>
        <Csrf token={c.var.csrfToken} />
        <Select
          name="role"
          label={t('people.admin.role')}
          value={values.role}
          error={errors.role}
          options={ROLES.map((r) => ({ value: r, label: t(`people.role.${r}`) }))}
        />
        <TextField
          name="scope"
          label={t('people.admin.scope')}
          hint={t('people.admin.scopeHint')}
          optional={c.var.t('form.optional')}
          value={values.scope}
          error={errors.scope}
        />
        <Button>{t('people.admin.grantSubmit')}</Button>
      </form>
    </>
  );
}

const idParam = (c: Ctx) => {
  const id = c.req.param('id') ?? '';
  if (!z.uuid().safeParse(id).success) throw notFound();
  return id;
};

peoplePages.get('/admin/people/:id', allow('admin'), async (c) => {
  const body = await PersonAdmin({ c, id: idParam(c), errors: {}, values: {}, granted: c.req.query('granted') === '1' });
  return page(c, { title: tr(c)('people.admin.people'), index: false }, body);
});

peoplePages.post('/admin/people/:id/roles', allow('admin'), async (c) => {
  const id = idParam(c);
  const values = await form(c);
  const parsed = grantInput.safeParse(values);
  if (!parsed.success) {
    const errors = translateErrors(fieldErrors(parsed.error), c.var.t);
    return page(c, { title: tr(c)('people.admin.people'), index: false }, await PersonAdmin({ c, id, errors, values }), 422);
  }
  try {
    await grantRole(c.var.db, id, parsed.data.role, parsed.data.scope, me(c).id);
  } catch (err) {
    if (err instanceof Error && err.message === 'unknown_chapter') {
      return page(
        c,
        { title: tr(c)('people.admin.people'), index: false },
        await PersonAdmin({ c, id, errors: { scope: tr(c)('people.admin.unknownChapter') }, values }),
        422,
      );
    }
    throw err;
  }
  return c.redirect(`${localePath(c.var.locale, `/admin/people/${id}`)}?granted=1`, 303);
});

peoplePages.post('/admin/people/:id/roles/:grant/revoke', allow('admin'), async (c) => {
  const id = idParam(c);
  const grant = c.req.param('grant');
  if (z.uuid().safeParse(grant).success) await revokeRole(c.var.db, id, grant);
  return c.redirect(localePath(c.var.locale, `/admin/people/${id}`), 303);
});

peoplePages.get('/admin/outbox', allow('admin'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const mails = await c.var.db
    .select({ id: outbox.id, to: outbox.to, subject: outbox.subject, createdAt: outbox.createdAt })
    .from(outbox)
    .orderBy(desc(outbox.createdAt))
    .limit(200);
  return page(
    c,
    { title: t('people.admin.outbox'), index: false },
    <>
      <h1>{t('people.admin.outbox')}</h1>
      <DataTable
        caption={t('people.admin.outbox')}
        captionHidden
        rows={mails}
        empty={t('people.outbox.empty')}
        columns={[
          { label: t('people.outbox.sent'), cell: (m) => formatDateTime(l, m.createdAt) },
          { label: t('people.outbox.to'), cell: (m) => m.to },
          { label: t('people.outbox.subject'), cell: (m) => <a href={localePath(l, `/admin/outbox/${m.id}`)}>{m.subject}</a> },
        ]}
      />
    </>,
  );
});

peoplePages.get('/admin/outbox/:id', allow('admin'), async (c) => {
  const t = tr(c);
  const id = idParam(c);
  const [m] = await c.var.db.select().from(outbox).where(eq(outbox.id, id));
  if (!m) throw notFound();
  return page(
    c,
    { title: m.subject, index: false },
    <>
      <p>
        <a href={localePath(c.var.locale, '/admin/outbox')}>{t('people.outbox.backToList')}</a>
      </p>
      <h1>{m.subject}</h1>
      <p>
        {t('people.outbox.to')}: {m.to}
      </p>
      <h2>{t('people.outbox.text')}</h2>
      <pre class="pw-pre-wrap">{m.text}</pre>
    </>,
  );
});
