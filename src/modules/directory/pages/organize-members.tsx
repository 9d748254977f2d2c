import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { DataTable } from '../../../platform/ui/data-table';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Checkbox, Csrf, ErrorSummary, TextField } from '../../../platform/ui/components';
import { addMember, getOrganization, memberInput, membersOf, withdrawMember } from '../service';
import { tr } from '../messages';
import { pick } from '../views/entries';
import { entryPath } from '../views/paths';
import { blankNull, Heading, one, PersonFields, postedValues, ShownCell, submitForm, type Values } from './write';
import { ORGANIZE } from './organize';

export const organizeMemberPages = new Hono<AppEnv>();

const base = (c: Ctx, slug: string) => localePath(c.var.locale, `${ORGANIZE}/organizations/${slug}/people`);

/** Who belongs to an organization, with emails and consent, and the form to add someone. */
async function peoplePage(c: Ctx, values: Values, errors: Record<string, string>) {
  const t = tr(c);
  const l = c.var.locale;
  const o = await getOrganization(c.var.db, c.req.param('slug') ?? '');
  const people = await membersOf(c.var.db, o.id, { publicOnly: false });
  const v = (k: string) => one(values, k);
  const title = t('directory.organize.peopleOf', { name: pick(l, o.name, o.nameEs) });
  const done = c.req.query('done');
  return page(
    c,
    { title, index: false },
    <>
      <Heading title={title} href={entryPath(l, 'organizations', o.slug)} label={t('directory.organize.publicPage')} />
      {done === 'added' && <Alert type="success">{t('directory.organize.memberAdded')}</Alert>}
      {done === 'withdrawn' && <Alert type="success">{t('directory.organize.withdrawn')}</Alert>}
      <ErrorSummary errors={errors} t={c.var.t} />
      <DataTable
        caption={title}
        captionHidden
        empty={t('directory.organize.noMembers')}
        rows={people}
        columns={[
          { label: t('directory.field.name'), rowHeader: true, cell: (p) => p.name },
          { label: t('directory.form.email'), cell: (p) => p.email },
          { label: t('directory.organize.memberTitle'), cell: (p) => p.title ?? '' },
          {
            label: t('directory.organize.shownPublicly'),
            cell: (p) => <ShownCell c={c} shown={p.publicConsent} action={`${base(c, o.slug)}/${p.id}/withdraw`} name={p.name} />,
          },
        ]}
      />
      <h2>{t('directory.organize.addMember')}</h2>
      <form method="post" action={base(c, o.slug)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <PersonFields c={c} values={values} errors={errors} />
        <TextField
          name="title"
          label={t('directory.organize.memberTitle')}
          value={v('title')}
          error={errors.title}
          optional={c.var.t('form.optional')}
          maxlength={200}
        />
        <Checkbox
          name="publicConsent"
          value="yes"
          label={t('directory.organize.publicConsentOrg')}
          checked={v('publicConsent') === 'yes'}
        />
        <Button>{t('directory.organize.addMember')}</Button>
      </form>
    </>,
    Object.keys(errors).length ? 422 : 200,
  );
}

organizeMemberPages.get(`${ORGANIZE}/organizations/:slug/people`, allow('organizer'), async (c) => peoplePage(c, {}, {}));

organizeMemberPages.post(`${ORGANIZE}/organizations/:slug/people`, allow('organizer'), async (c) => {
  const o = await getOrganization(c.var.db, c.req.param('slug'));
  const values = await postedValues(c);
  return submitForm(c, {
    schema: memberInput,
    sent: {
      name: one(values, 'name'),
      email: one(values, 'email'),
      title: blankNull(one(values, 'title')),
      publicConsent: one(values, 'publicConsent') === 'yes',
    },
    show: (errors) => peoplePage(c, values, errors),
    save: async (data) => {
      await addMember(c.var.db, o.id, data);
      return `${base(c, o.slug)}?done=added`;
    },
  });
});

organizeMemberPages.post(`${ORGANIZE}/organizations/:slug/people/:id/withdraw`, allow('organizer'), async (c) => {
  const o = await getOrganization(c.var.db, c.req.param('slug'));
  await withdrawMember(c.var.db, o.id, c.req.param('id'));
  return c.redirect(`${base(c, o.slug)}?done=withdrawn`, 303);
});
