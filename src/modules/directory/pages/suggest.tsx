import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { hit } from '../../../platform/http/rate-limit';
import { clientIp, form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { DataTable } from '../../../platform/ui/data-table';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary, TextArea, TextField } from '../../../platform/ui/components';
import { getInitiative, getOrganization, openSuggestions, resolveSuggestion, suggestEdit, suggestionInput } from '../service';
import { directoryMessages, tr } from '../messages';
import { pick } from '../views/entries';
import { entryPath } from '../views/paths';

export const suggestPages = new Hono<AppEnv>();

type Kind = 'organizations' | 'initiatives';

async function entryName(c: Ctx, kind: Kind, slug: string): Promise<string> {
  const e = kind === 'organizations' ? await getOrganization(c.var.db, slug) : await getInitiative(c.var.db, slug);
  return pick(c.var.locale, e.name, e.nameEs);
}

function suggestPage(
  c: Ctx,
  kind: Kind,
  slug: string,
  name: string,
  values: Record<string, string>,
  errors: Record<string, string>,
  status: 200 | 422 = 200,
) {
  const t = tr(c);
  const title = t('directory.suggest.title', { name });
  return page(
    c,
    { title, index: false },
    <>
      <h1>{title}</h1>
      <p>{t('directory.entry.suggestHint')}</p>
      <ErrorSummary errors={errors} t={c.var.t} />
      <form method="post" action={localePath(c.var.locale, `/${kind}/${slug}/suggest`)} class="usa-form usa-form--large" novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextArea
          name="text"
          label={t('directory.suggest.text')}
          hint={t('directory.suggest.textHint')}
          value={values.text}
          error={errors.text}
          rows={6}
          maxlength={5000}
        />
        <TextField
          name="name"
          label={t('directory.suggest.name')}
          optional={t('directory.suggest.optional')}
          value={values.name}
          error={errors.name}
          autocomplete="name"
        />
        <TextField
          name="email"
          type="email"
          label={t('directory.suggest.email')}
          optional={t('directory.suggest.optional')}
          hint={t('directory.suggest.emailHint')}
          value={values.email}
          error={errors.email}
          autocomplete="email"
        />
        {/* A field people never see or fill; software that fills every field gives itself away. */}
        <div class="pw-visually-hidden" aria-hidden="true">
          <label for="homepage">{t('directory.suggest.trap')}</label>
          <input type="text" id="homepage" name="homepage" tabindex={-1} autocomplete="off" value="" />
        </div>
        <Button>{t('directory.suggest.submit')}</Button>
      </form>
    </>,
    status,
  );
}

for (const kind of ['organizations', 'initiatives'] as const) {
  suggestPages.get(`/${kind}/:slug/suggest`, allow('public'), async (c) => {
    const slug = c.req.param('slug');
    return suggestPage(c, kind, slug, await entryName(c, kind, slug), {}, {});
  });

  suggestPages.post(`/${kind}/:slug/suggest`, allow('public'), async (c) => {
    const slug = c.req.param('slug');
    const name = await entryName(c, kind, slug);
    const { config } = c.var.deps;
    await hit(c.var.db, { key: `suggest:${clientIp(c)}`, limit: 10, windowSeconds: 3600, enabled: config.RATE_LIMITS });
    const values = await form(c);
    const t = tr(c);
    const thanks = () =>
      page(
        c,
        { title: t('directory.suggest.thanks'), index: false },
        <>
          <h1>{t('directory.suggest.thanks')}</h1>
          <p>
            <a href={entryPath(c.var.locale, kind, slug)}>{name}</a>
          </p>
        </>,
      );
    // The trap was filled: answer as if all went well, keep nothing.
    if ((values.homepage ?? '') !== '') return thanks();
    const parsed = suggestionInput.safeParse({ text: values.text ?? '', name: values.name, email: values.email });
    if (!parsed.success) return suggestPage(c, kind, slug, name, values, errorMessages(c, parsed.error, directoryMessages), 422);
    await suggestEdit(c.var.db, { kind, slug }, parsed.data, c.var.viewer?.id ?? null);
    return thanks();
  });
}

suggestPages.get('/directory/suggestions', allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const list = await openSuggestions(c.var.db);
  return page(
    c,
    { title: t('directory.suggestions.title'), index: false },
    <>
      <h1>{t('directory.suggestions.title')}</h1>
      {c.req.query('done') === '1' && <Alert type="success">{t('directory.suggestions.resolved')}</Alert>}
      <DataTable
        caption={t('directory.suggestions.title')}
        captionHidden
        empty={t('directory.suggestions.none')}
        rows={list}
        columns={[
          {
            label: t('directory.suggestions.entry'),
            rowHeader: true,
            cell: (s) => <a href={entryPath(l, s.entryKind, s.entrySlug)}>{s.entrySlug}</a>,
          },
          { label: t('directory.suggest.text'), cell: (s) => s.text },
          { label: t('directory.suggest.name'), cell: (s) => [s.name, s.email].filter(Boolean).join(' · ') },
          { label: t('directory.suggestions.when'), cell: (s) => formatDateTime(l, s.createdAt) },
          {
            label: t('directory.suggestions.resolve'),
            labelHidden: true,
            cell: (s) => (
              <form method="post" action={localePath(l, `/directory/suggestions/${s.id}/resolve`)}>
                <Csrf token={c.var.csrfToken} />
                <Button variant="outline">{t('directory.suggestions.resolve')}</Button>
              </form>
            ),
          },
        ]}
      />
    </>,
  );
});

suggestPages.post('/directory/suggestions/:id/resolve', allow('organizer'), async (c) => {
  await resolveSuggestion(c.var.db, c.req.param('id'));
  return c.redirect(localePath(c.var.locale, '/directory/suggestions?done=1'), 303);
});
