import { Hono } from 'hono';
import { raw } from 'hono/html';
import { desc, eq } from 'drizzle-orm';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { formatDateTime } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, ErrorSummary, FileField, Select, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { toCsv } from '../../../platform/csv';
import { notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { tr } from '../messages';
import { agencies, jobImports } from '../schema';
import { addFeed, feedInput, IMPORT_FORMATS, listFeeds, MAX_IMPORT_BYTES, removeFeed } from '../service';
import { TEMPLATE_COLUMNS } from '../importers/csv';
import { ImportReportView } from '../views/import-report';
import { EMAIL_MAX } from '../../../platform/http/validation';
import { isUuid } from '../../../platform/ids';

export const adminPages = new Hono<AppEnv>();

// ---- Imports ----

adminPages.get('/admin/jobs/import', allow('organizer'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const recent = await c.var.db
    .select({ id: jobImports.id, fileName: jobImports.fileName, status: jobImports.status, createdAt: jobImports.createdAt })
    .from(jobImports)
    .orderBy(desc(jobImports.createdAt))
    .limit(20);
  const all = await c.var.db.select({ slug: agencies.slug, name: agencies.name }).from(agencies).orderBy(agencies.name);
  const error = c.req.query('error') === 'file' ? t('jobs.import.noFile') : undefined;
  const feeds = await listFeeds(c.var.db);
  const feedError = c.req.query('error') === 'feed' ? c.var.t('validation.url') : undefined;
  const formatOptions = IMPORT_FORMATS.map((f) => ({ value: f, label: t(`jobs.import.format.${f}`) }));
  // The one-off import and the feed form both pick an agency: the same field, with ids kept apart.
  const agencySelect = (idPrefix?: string) => (
    <Select
      name="agency"
      idPrefix={idPrefix}
      label={t('jobs.import.agency')}
      optional={c.var.t('form.optional')}
      value=""
      blank="—"
      options={all.map((a) => ({ value: a.slug, label: a.name }))}
    />
  );
  return page(
    c,
    { title: t('jobs.import.title'), index: false },
    <>
      <h1>{t('jobs.import.title')}</h1>
      <p class="pw-lead">{t('jobs.import.lead')}</p>
      <ErrorSummary errors={error ? { file: error } : {}} t={c.var.t} />
      <form
        class="usa-form usa-form--large"
        method="post"
        action={localePath(l, '/admin/jobs/import')}
        enctype="multipart/form-data"
        novalidate
      >
        <Csrf token={c.var.csrfToken} />
        <FileField name="file" label={t('jobs.import.file')} error={error} accept=".json,.xml,.rss,.csv,.txt" />
        <Select name="format" label={t('jobs.import.format')} value="usajobs" options={formatOptions} />
        {agencySelect()}
        <TextField
          name="mapping"
          label={t('jobs.import.mapping')}
          hint={t('jobs.import.mappingHint')}
          optional={c.var.t('form.optional')}
          maxlength={2000}
          spellcheck={false}
        />
        <TextField
          name="feed"
          label={t('jobs.import.feedName')}
          hint={t('jobs.import.feedNameHint')}
          optional={c.var.t('form.optional')}
          maxlength={80}
          spellcheck={false}
        />
        <Button>{t('jobs.import.submit')}</Button>
      </form>
      <p>
        <a href="/admin/jobs/import/template.csv" download="pathways-jobs-template.csv">
          {t('jobs.import.templateLink')}
        </a>
      </p>
      <h2>{t('jobs.feeds.title')}</h2>
      <p>{t('jobs.feeds.lead')}</p>
      {c.req.query('feed') === 'added' && <Alert type="success">{t('jobs.feeds.added')}</Alert>}
      {feeds.length === 0 ? (
        <p>{t('jobs.feeds.none')}</p>
      ) : (
        <ul class="usa-list">
          {feeds.map((f) => (
            <li>
              <strong>{f.format}</strong> {f.url} {f.agencySlug ? `(${f.agencySlug})` : ''} —{' '}
              {f.lastRunAt
                ? t('jobs.feeds.last', { when: formatDateTime(l, f.lastRunAt), summary: f.lastSummary ?? '…' })
                : t('jobs.feeds.never')}{' '}
              <form method="post" action={localePath(l, `/admin/jobs/feeds/${f.id}/remove`)} class="pw-inline-form">
                <Csrf token={c.var.csrfToken} />
                <button class="usa-button usa-button--unstyled" type="submit">
                  {t('jobs.feeds.remove')} <span class="pw-visually-hidden">{f.url}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form class="usa-form usa-form--large" method="post" action={localePath(l, '/admin/jobs/feeds')} novalidate>
        <Csrf token={c.var.csrfToken} />
        <TextField
          name="url"
          type="url"
          idPrefix="feed-"
          label={t('jobs.feeds.url')}
          error={feedError}
          maxlength={2000}
          spellcheck={false}
        />
        <Select name="format" idPrefix="feed-" label={t('jobs.import.format')} value="neogov" options={formatOptions} />
        {agencySelect('feed-')}
        <TextField
          name="apiKey"
          idPrefix="feed-"
          label={t('jobs.feeds.key')}
          optional={c.var.t('form.optional')}
          maxlength={200}
          autocomplete="off"
        />
        <TextField
          name="email"
          idPrefix="feed-"
          type="email"
          label={t('jobs.feeds.email')}
          optional={c.var.t('form.optional')}
          maxlength={EMAIL_MAX}
        />
        <TextField
          name="everyHours"
          idPrefix="feed-"
          type="number"
          inputmode="numeric"
          label={t('jobs.feeds.every')}
          value="24"
          min="1"
          max="720"
        />
        <Button>{t('jobs.feeds.add')}</Button>
      </form>
      {recent.length > 0 && (
        <>
          <h2>{t('jobs.import.recent')}</h2>
          <ul class="usa-list">
            {recent.map((r) => (
              <li>
                <a href={localePath(l, `/admin/jobs/imports/${r.id}`)}>{r.fileName}</a> — {formatDateTime(l, r.createdAt)} ({r.status})
              </li>
            ))}
          </ul>
        </>
      )}
    </>,
  );
});

adminPages.get('/admin/jobs/import/template.csv', allow('organizer'), (c) => {
  const example = [
    'LA-2026-001',
    'Programmer Analyst III',
    'City of Los Angeles',
    'city',
    'Programmer Analyst',
    '',
    '',
    '45.12',
    '58.90',
    'hour',
    '',
    'Los Angeles, CA',
    'hybrid',
    '11/01/2026',
    '12/15/2026',
    'full_time',
    'Two years of full-time paid experience as a programmer.',
    'Build and support the systems the City runs on.',
    '',
    'no',
    'no',
    'https://example.org/apply',
    'software;city',
  ];
  c.header('Content-Disposition', 'attachment; filename="pathways-jobs-template.csv"');
  return c.body(toCsv(TEMPLATE_COLUMNS, [example], { bom: false, recordDelimiter: '\n' }), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
  });
});

/** Uploaded text: UTF-8, or Windows-1252 as spreadsheets often save it. */
async function fileText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const iconv = await import('iconv-lite');
    return iconv.default.decode(Buffer.from(bytes), 'win1252');
  }
}

adminPages.post('/admin/jobs/import', allow('organizer'), async (c) => {
  const body = await c.req.parseBody();
  const file = body.file;
  const l = c.var.locale;
  if (!(file instanceof File) || file.size === 0) return c.redirect(`${localePath(l, '/admin/jobs/import')}?error=file`, 303);
  if (file.size > MAX_IMPORT_BYTES) return c.redirect(`${localePath(l, '/admin/jobs/import')}?error=file`, 303);
  const format = (IMPORT_FORMATS as readonly string[]).includes(String(body.format))
    ? (String(body.format) as (typeof IMPORT_FORMATS)[number])
    : 'usajobs';
  const agency = typeof body.agency === 'string' && /^[a-z0-9-]{1,80}$/.test(body.agency) ? body.agency : null;
  const mapping = typeof body.mapping === 'string' && body.mapping.trim() ? body.mapping.trim().slice(0, 2000) : null;
  const feed = typeof body.feed === 'string' && body.feed.trim() ? body.feed.trim().slice(0, 80) : null;
  const [row] = await c.var.db
    .insert(jobImports)
    .values({
      format,
      fileName: file.name.slice(0, 200) || 'upload',
      agencySlug: agency,
      mapping,
      feed,
      content: await fileText(file),
      createdBy: c.var.viewer!.id,
    })
    .returning({ id: jobImports.id });
  await enqueue(c.var.db, 'jobs.import', { id: row.id }, { dedupeKey: `jobs.import:${row.id}` });
  return c.redirect(localePath(l, `/admin/jobs/imports/${row.id}`), 303);
});

async function loadImport(c: Ctx) {
  const id = c.req.param('id') ?? '';
  if (!isUuid(id)) throw notFound();
  const [imp] = await c.var.db.select().from(jobImports).where(eq(jobImports.id, id));
  if (!imp) throw notFound();
  return imp;
}

adminPages.get('/admin/jobs/imports/:id/progress.json', allow('organizer'), async (c) => {
  const imp = await loadImport(c);
  c.header('Cache-Control', 'no-store');
  return c.json({ status: imp.status, processed: imp.processed, total: imp.total });
});

adminPages.get('/admin/jobs/imports/:id', allow('organizer'), async (c) => {
  const imp = await loadImport(c);
  const t = tr(c);
  const running = imp.status === 'queued' || imp.status === 'running';
  return page(
    c,
    {
      title: t('jobs.import.progress', { file: imp.fileName }),
      index: false,
      head: running ? raw('<meta http-equiv="refresh" content="3">') : undefined,
      scripts: running ? ['import-progress.js'] : [],
    },
    <ImportReportView c={c} imp={imp} />,
  );
});

adminPages.post('/admin/jobs/feeds', allow('organizer'), async (c) => {
  const v = await form(c);
  const parsed = feedInput.safeParse({
    ...v,
    agencySlug: v.agency || null,
    apiKey: v.apiKey || null,
    email: v.email || null,
    everyHours: v.everyHours || 24,
  });
  const l = c.var.locale;
  if (!parsed.success) return c.redirect(`${localePath(l, '/admin/jobs/import')}?error=feed`, 303);
  await addFeed(c.var.db, c.var.deps.secret, parsed.data);
  return c.redirect(`${localePath(l, '/admin/jobs/import')}?feed=added`, 303);
});

adminPages.post('/admin/jobs/feeds/:id/remove', allow('organizer'), async (c) => {
  await removeFeed(c.var.db, c.req.param('id'));
  return c.redirect(localePath(c.var.locale, '/admin/jobs/import'), 303);
});
