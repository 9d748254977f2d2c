import { Hono } from 'hono';
import { desc, eq } from 'drizzle-orm';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary, Pager, Select, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { notFound } from '../../../platform/http/errors';
import { outbox } from '../../../platform/mail/schema';
import { tr } from '../messages';
import { ROLES } from '../schema';
import { getPerson, grantInput, grantRole, listGrants, revokeRole, searchPeople } from '../service';
import { z } from 'zod';
import type { PeopleHooks } from '../hooks';
import { DataTable } from '../../../platform/ui/data-table';
import { isUuid } from '../../../platform/ids';

const me = (c: Ctx) => c.var.viewer!;

/** The admin pages; with the agencies hook a partner role is scoped to an agency picked from the list. */
export function createAdminPages(hooks: PeopleHooks) {
  const adminPages = new Hono<AppEnv>();

  adminPages.get('/admin', allow('admin'), (c) => {
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

  adminPages.get('/admin/people', allow('admin'), async (c) => {
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
        <form role="search" method="get" action={localePath(l, '/admin/people')}>
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
    /** The agencies a partner may be scoped to, when the jobs board is there. */
    agencies?: { id: string; slug: string; name: string }[];
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
                {roleLabel(t, g.scope ? `${g.role}:${props.agencies?.find((a) => a.id === g.scope)?.name ?? g.scope}` : g.role)}{' '}
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
            label={props.agencies ? t('people.admin.chapterScope') : t('people.admin.scope')}
            hint={t('people.admin.scopeHint')}
            optional={c.var.t('form.optional')}
            value={values.scope}
            error={errors.scope}
          />
          {props.agencies && (
            <Select
              name="agency"
              label={t('people.admin.agency')}
              hint={t('people.admin.agencyHint')}
              optional={c.var.t('form.optional')}
              value={values.agency ?? ''}
              error={errors.agency}
              blank="—"
              options={props.agencies.map((a) => ({ value: a.id, label: a.name }))}
            />
          )}
          <Button>{t('people.admin.grantSubmit')}</Button>
        </form>
      </>
    );
  }

  const idParam = (c: Ctx) => {
    const id = c.req.param('id') ?? '';
    if (!isUuid(id)) throw notFound();
    return id;
  };

  adminPages.get('/admin/people/:id', allow('admin'), async (c) => {
    const agencies = await hooks.agencies?.agencyChoices(c.var.db);
    const body = await PersonAdmin({ c, id: idParam(c), errors: {}, values: {}, agencies, granted: c.req.query('granted') === '1' });
    return page(c, { title: tr(c)('people.admin.people'), index: false }, body);
  });

  adminPages.post('/admin/people/:id/roles', allow('admin'), async (c) => {
    const id = idParam(c);
    const values = await form(c);
    const agencies = await hooks.agencies?.agencyChoices(c.var.db);
    const parsed = grantInput.safeParse(values);
    const again = (errors: Record<string, string>) =>
      PersonAdmin({ c, id, errors, values, agencies }).then((body) =>
        page(c, { title: tr(c)('people.admin.people'), index: false }, body, 422),
      );
    if (!parsed.success) return again(errorMessages(c, parsed.error));
    // A partner's agency comes from the directory, by id: "ladot" and its full name are one agency.
    let scope = parsed.data.scope;
    if (parsed.data.role === 'partner' && agencies) {
      const agency = agencies.find((a) => a.id === values.agency);
      if (!agency) return again({ agency: tr(c)('people.admin.pickAgency') });
      scope = agency.id;
    }
    try {
      await grantRole(c.var.db, id, parsed.data.role, scope, me(c).id);
    } catch (err) {
      if (err instanceof Error && err.message === 'unknown_chapter') {
        return again({ scope: tr(c)('people.admin.unknownChapter') });
      }
      throw err;
    }
    return c.redirect(`${localePath(c.var.locale, `/admin/people/${id}`)}?granted=1`, 303);
  });

  adminPages.post('/admin/people/:id/roles/:grant/revoke', allow('admin'), async (c) => {
    const id = idParam(c);
    const grant = c.req.param('grant');
    if (isUuid(grant)) await revokeRole(c.var.db, id, grant);
    return c.redirect(localePath(c.var.locale, `/admin/people/${id}`), 303);
  });

  adminPages.get('/admin/outbox', allow('admin'), async (c) => {
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

  adminPages.get('/admin/outbox/:id', allow('admin'), async (c) => {
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
  return adminPages;
}
