import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { hasRole, organizerScopes } from '../../../platform/auth/roles';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary, Select, TextField } from '../../../platform/ui/components';
import { DataTable } from '../../../platform/ui/data-table';
import { form } from '../../../platform/http/request';
import { errorMessages } from '../../../platform/http/validation';
import { AppError, forbidden } from '../../../platform/http/errors';
import { peopleMessages, tr } from '../messages';
import type { Chapter } from '../schema';
import { addChapterOrganizer, chapterInput, chapterOrganizerInput, chapterOrganizers, createChapter, listChapters } from '../service';

const nameOf = (c: Ctx, ch: Chapter) => (c.var.locale === 'es' && ch.nameEs) || ch.name;

/** The first columns of every chapter table. */
const nameAndCity = (c: Ctx) => [
  { label: tr(c)('people.chapters.name'), cell: (ch: Chapter) => nameOf(c, ch), rowHeader: true },
  { label: tr(c)('people.chapters.city'), cell: (ch: Chapter) => ch.city ?? '' },
];

/** The service's field keys, translated for the page. */
function translated(c: Ctx, err: AppError): Record<string, string> {
  const t = peopleMessages.for(c.var.locale) as (k: string) => string;
  return Object.fromEntries(Object.entries(err.fields).map(([f, k]) => [f, k.startsWith('people.') ? t(k) : c.var.t(k as never)]));
}

async function ChaptersAdmin(props: { c: Ctx; errors: Record<string, string>; values: Record<string, string>; done?: string }) {
  const { c, errors, values } = props;
  const t = tr(c);
  const l = c.var.locale;
  const scopes = organizerScopes(c.var.viewer);
  const all = await listChapters(c.var.db);
  const mine = scopes === null ? all : all.filter((ch) => scopes.includes(ch.slug));
  const organizers = await chapterOrganizers(c.var.db);
  return (
    <>
      <h1>{t('people.chapters.title')}</h1>
      {props.done && <Alert type="success">{props.done}</Alert>}
      <ErrorSummary errors={errors} t={c.var.t} />
      <DataTable
        caption={t('people.chapters.title')}
        captionHidden
        empty={t('people.chapters.none')}
        columns={[
          ...nameAndCity(c),
          { label: t('people.chapters.timeZoneLabel'), cell: (ch: Chapter) => ch.timeZone },
          {
            label: t('people.chapters.organizers'),
            cell: (ch: Chapter) => (organizers.get(ch.slug) ?? []).map((o) => o.fullName).join(', '),
          },
        ]}
        rows={mine}
      />
      {mine.length > 0 && (
        <form method="post" action={localePath(l, '/organize/chapters/organizers')} class="usa-form usa-form--large">
          <h2>{t('people.chapters.addOrganizer')}</h2>
          <Csrf token={c.var.csrfToken} />
          <Select
            name="chapter"
            label={t('people.chapters.chapter')}
            value={values.chapter}
            options={mine.map((ch) => ({ value: ch.slug, label: nameOf(c, ch) }))}
          />
          <TextField name="email" type="email" label={t('people.admin.email')} value={values.email} error={errors.email} required />
          <TextField name="name" label={t('people.chapters.organizerName')} value={values.name} error={errors.name} />
          <Button>{t('people.chapters.addOrganizer')}</Button>
        </form>
      )}
      {scopes === null && (
        <form method="post" action={localePath(l, '/organize/chapters')} class="usa-form usa-form--large">
          <h2>{t('people.chapters.create')}</h2>
          <Csrf token={c.var.csrfToken} />
          <TextField
            name="slug"
            label={t('people.chapters.slug')}
            hint={t('people.chapters.slugHint')}
            value={values.slug}
            error={errors.slug}
            required
          />
          <TextField name="name.en" label={t('people.chapters.name')} value={values['name.en']} error={errors.name} required />
          <TextField name="name.es" label={t('people.chapters.nameEs')} value={values['name.es']} />
          <TextField name="city" label={t('people.chapters.city')} value={values.city} error={errors.city} required />
          <TextField
            name="timeZone"
            label={t('people.chapters.timeZoneLabel')}
            value={values.timeZone ?? 'America/Los_Angeles'}
            error={errors.timeZone}
            required
          />
          <Button>{t('people.chapters.create')}</Button>
        </form>
      )}
    </>
  );
}

/** Chapters: the public list, and for organizers and admins their management. */
export const chapterPages = new Hono<AppEnv>();

chapterPages.get('/chapters', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const all = await listChapters(c.var.db);
  return page(
    c,
    { title: t('people.chapters.title') },
    <>
      <h1>{t('people.chapters.title')}</h1>
      <p>{t('people.chapters.intro')}</p>
      <DataTable
        caption={t('people.chapters.title')}
        captionHidden
        empty={t('people.chapters.none')}
        columns={[
          ...nameAndCity(c),
          {
            label: t('people.chapters.impact'),
            cell: (ch: Chapter) => <a href={localePath(l, `/chapters/${ch.slug}/impact`)}>{t('people.chapters.impact')}</a>,
          },
        ]}
        rows={all}
      />
    </>,
  );
});

const title = (c: Ctx) => tr(c)('people.chapters.title');

chapterPages.get('/organize/chapters', allow('organizer'), async (c) =>
  page(
    c,
    { title: title(c), index: false },
    await ChaptersAdmin({ c, errors: {}, values: {}, done: c.req.query('done') ? tr(c)('people.chapters.organizerAdded') : undefined }),
  ),
);

chapterPages.post('/organize/chapters', allow('admin'), async (c) => {
  const values = await form(c);
  const again = async (errors: Record<string, string>) =>
    page(c, { title: title(c), index: false }, await ChaptersAdmin({ c, errors, values }), 422);
  const parsed = chapterInput.safeParse({
    slug: values.slug,
    name: { en: values['name.en'] ?? '', es: values['name.es'] || null },
    city: values.city ?? '',
    timeZone: values.timeZone ?? '',
  });
  if (!parsed.success) {
    const errors = errorMessages(c, parsed.error, peopleMessages);
    return again(Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.split('.')[0], v])));
  }
  try {
    await createChapter(c.var.db, parsed.data);
  } catch (err) {
    if (err instanceof AppError && err.status === 409) return again(translated(c, err));
    throw err;
  }
  return c.redirect(localePath(c.var.locale, '/organize/chapters'), 303);
});

chapterPages.post('/organize/chapters/organizers', allow('organizer'), async (c) => {
  const values = await form(c);
  const chapter = values.chapter ?? '';
  if (!hasRole(c.var.viewer, 'organizer', chapter)) throw forbidden();
  const parsed = chapterOrganizerInput.safeParse({ email: values.email ?? '', ...(values.name?.trim() ? { name: values.name } : {}) });
  if (!parsed.success) {
    return page(
      c,
      { title: title(c), index: false },
      await ChaptersAdmin({ c, errors: errorMessages(c, parsed.error, peopleMessages), values }),
      422,
    );
  }
  await addChapterOrganizer(c.var.db, chapter, parsed.data, c.var.viewer!.id);
  return c.redirect(`${localePath(c.var.locale, '/organize/chapters')}?done=1`, 303);
});
