import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow, SESSION_COOKIE } from '../../../platform/auth/middleware';
import { revokeApiToken, revokeSession } from '../../../platform/auth/service';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { tr } from '../messages';
import { erasePerson, exportPersonData, getPerson, profileInput, updateProfile } from '../service';
import { AccountPage, valuesFrom } from './account-page';
import type { PeopleHooks } from '../hooks';
import { isUuid } from '../../../platform/ids';

const me = (c: Ctx) => c.var.viewer!;

/** The account pages; the hooks bring other modules' links ("Job alerts"). */
export function createAccountPages(hooks: PeopleHooks) {
  const peoplePages = new Hono<AppEnv>();
  const links = hooks.account?.links ?? [];

  peoplePages.get('/account', allow('signedIn'), async (c) => {
    const person = await getPerson(c.var.db, me(c).id);
    return page(
      c,
      { title: tr(c)('people.account.title'), index: false },
      await AccountPage({ c, person, values: valuesFrom(person), errors: {}, links, saved: c.req.query('saved') === '1' }),
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
      const errors = errorMessages(c, parsed.error);
      return page(c, { title: tr(c)('people.account.title'), index: false }, await AccountPage({ c, person, values, errors, links }), 422);
    }
    const updated = await updateProfile(c.var.db, person.id, parsed.data);
    return c.redirect(`${localePath(updated.language === 'es' ? 'es' : 'en', '/account')}?saved=1`, 303);
  });

  peoplePages.post('/account/sessions/:id/revoke', allow('signedIn'), async (c) => {
    const id = c.req.param('id');
    if (isUuid(id)) await revokeSession(c.var.db, me(c).id, id);
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
    // The word the page asks for in its language; the English one is always understood too.
    if (!['DELETE', 'ELIMINAR'].includes((values.confirm ?? '').trim())) {
      const person = await getPerson(c.var.db, me(c).id);
      return page(
        c,
        { title: t('people.account.title'), index: false },
        await AccountPage({
          c,
          person,
          values: { ...valuesFrom(person), confirm: values.confirm ?? '' },
          errors: { confirm: t('people.account.deleteWrong') },
          links,
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
  return peoplePages;
}
