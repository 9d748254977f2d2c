import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, Select, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { notFound } from '../../../platform/http/errors';
import { tr } from '../messages';
import { RULE_KINDS, techRules, type RuleKind } from '../schema';
import { reclassifyAll } from '../service';
import { isUuid } from '../../../platform/ids';

export const adminRulesPages = new Hono<AppEnv>();

adminRulesPages.get('/admin/jobs/rules', allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const rules = await c.var.db.select().from(techRules).orderBy(techRules.kind, techRules.pattern);
  const changed = c.req.query('changed');
  return page(
    c,
    { title: t('jobs.rules.title'), index: false },
    <>
      <h1>{t('jobs.rules.title')}</h1>
      <p class="pw-lead">{t('jobs.rules.lead')}</p>
      {changed !== undefined && <Alert type="success">{t('jobs.rules.reclassified', { count: Number(changed) || 0 })}</Alert>}
      {RULE_KINDS.map((k) => (
        <>
          <h2>{t(`jobs.rules.kind.${k}`)}</h2>
          <ul class="usa-list">
            {rules
              .filter((r) => r.kind === k)
              .map((r) => (
                <li>
                  {r.pattern}{' '}
                  <form method="post" action={localePath(l, `/admin/jobs/rules/${r.id}/remove`)} class="pw-inline-form">
                    <Csrf token={c.var.csrfToken} />
                    <button class="usa-button usa-button--unstyled" type="submit">
                      {t('jobs.rules.remove')} <span class="pw-visually-hidden">{r.pattern}</span>
                    </button>
                  </form>
                </li>
              ))}
          </ul>
        </>
      ))}
      <h2>{t('jobs.rules.add')}</h2>
      <form class="usa-form" method="post" action={localePath(l, '/admin/jobs/rules')} novalidate>
        <Csrf token={c.var.csrfToken} />
        <Select
          name="kind"
          label={t('jobs.rules.kind')}
          value="keyword"
          options={RULE_KINDS.map((k) => ({ value: k, label: t(`jobs.rules.kind.${k}`) }))}
        />
        <TextField name="pattern" label={t('jobs.rules.pattern')} maxlength={100} required />
        <Button>{t('jobs.rules.add')}</Button>
      </form>
    </>,
  );
});

adminRulesPages.post('/admin/jobs/rules', allow('organizer'), async (c) => {
  const v = await form(c);
  const kind = (RULE_KINDS as readonly string[]).includes(v.kind ?? '') ? (v.kind as RuleKind) : null;
  const pattern = (v.pattern ?? '').normalize('NFC').trim().slice(0, 100);
  let changed = 0;
  if (kind && pattern) {
    await c.var.db
      .insert(techRules)
      .values({ kind, pattern })
      .onConflictDoUpdate({ target: [techRules.kind, techRules.pattern], set: { active: true } });
    changed = await reclassifyAll(c.var.db);
  }
  return c.redirect(`${localePath(c.var.locale, '/admin/jobs/rules')}?changed=${changed}`, 303);
});

adminRulesPages.post('/admin/jobs/rules/:id/remove', allow('organizer'), async (c) => {
  const id = c.req.param('id');
  if (!isUuid(id)) throw notFound();
  await c.var.db.delete(techRules).where(eq(techRules.id, id));
  const changed = await reclassifyAll(c.var.db);
  return c.redirect(`${localePath(c.var.locale, '/admin/jobs/rules')}?changed=${changed}`, 303);
});
