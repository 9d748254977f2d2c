import type { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { formatDate } from '../../../platform/i18n/format';
import { page } from '../../../platform/ui/layout';
import { Alert, Csrf, ErrorSummary, FileField, Pager, Select, TextField } from '../../../platform/ui/components';
import { form } from '../../../platform/http/request';
import { AppError } from '../../../platform/http/errors';
import { errorMessages, PERSON_NAME_MAX } from '../../../platform/http/validation';
import { newsletterMessages, tr } from '../messages';
import {
  createSubscriber,
  createSubscriberInput,
  exportCsv,
  importSubscribers,
  listSubscribers,
  sendSubscriptionEmail,
  type ImportReport,
} from '../service';
import { offsetParam } from '../../../platform/http/query';
import { DataTable } from '../../../platform/ui/data-table';
import { lp } from './organize-tools';

async function subscribersPage(c: Ctx, values: Record<string, string> = {}, errors: Record<string, string> = {}, notice?: string) {
  const t = tr(c);
  const locale = c.var.locale;
  const offset = offsetParam(c, 10_000_000);
  const { subscribers, total } = await listSubscribers(c.var.db, { limit: 50, offset });
  return page(
    c,
    { title: t('newsletter.subs.title'), index: false },
    <>
      <h1>{t('newsletter.subs.title')}</h1>
      {notice && <Alert type="success">{notice}</Alert>}
      <h2>{t('newsletter.subs.add')}</h2>
      <ErrorSummary errors={errors} t={c.var.t} />
      <form class="usa-form" method="post" action={lp(c, '/organize/newsletter/subscribers')} novalidate>
        <Csrf token={c.var.csrfToken} />
        <p class="usa-hint">{t('newsletter.subs.addHint')}</p>
        <TextField
          name="email"
          type="email"
          label={t('newsletter.field.email')}
          value={values.email}
          error={errors.email}
          maxlength={320}
        />
        <TextField
          name="name"
          label={t('newsletter.field.name')}
          optional={c.var.t('form.optional')}
          value={values.name}
          error={errors.name}
          maxlength={PERSON_NAME_MAX}
        />
        <Select
          name="language"
          label={t('newsletter.field.language')}
          value={values.language ?? locale}
          options={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
        />
        <button class="usa-button" type="submit">
          {t('newsletter.subs.add')}
        </button>
      </form>
      <h2>{t('newsletter.subs.title')}</h2>
      <DataTable
        caption={t('newsletter.subs.title')}
        captionHidden
        borderless
        rows={subscribers}
        columns={[
          { label: t('newsletter.subs.email'), cell: (s) => s.email },
          { label: t('newsletter.subs.name'), cell: (s) => s.name ?? '' },
          { label: t('newsletter.subs.language'), cell: (s) => (s.language === 'es' ? 'Español' : 'English') },
          { label: t('newsletter.subs.status'), cell: (s) => t(`newsletter.status.${s.status}`) },
          { label: t('newsletter.subs.since'), cell: (s) => (s.consentedAt ? formatDate(locale, s.consentedAt) : '') },
          {
            label: t('newsletter.subs.bounces'),
            cell: (s) =>
              s.status === 'bounced' || s.status === 'complained'
                ? (s.suppressionDetail ?? '')
                : s.softBounces > 0
                  ? t('newsletter.subs.softBounces', { count: s.softBounces, reason: s.lastSoftBounce ?? '' })
                  : '',
          },
        ]}
      />
      <Pager t={c.var.t} total={total} offset={offset} limit={50} href={(o) => lp(c, `/organize/newsletter/subscribers?offset=${o}`)} />
    </>,
    Object.keys(errors).length ? 422 : 200,
  );
}

function importPage(c: Ctx, report?: ImportReport, error?: string) {
  const t = tr(c);
  const mt = newsletterMessages.any(c.var.locale);
  return page(
    c,
    { title: t('newsletter.import.title'), index: false },
    <>
      <h1>{t('newsletter.import.title')}</h1>
      <p>{t('newsletter.import.intro')}</p>
      {error && <ErrorSummary errors={{ file: error }} t={c.var.t} />}
      {report && (
        <>
          <Alert type="success">
            {t('newsletter.import.result', {
              created: report.created,
              updated: report.updated,
              suppressed: report.suppressed,
              skipped: report.skipped.length,
            })}
          </Alert>
          <p>{t('newsletter.import.encoding', { encoding: [...new Set(report.encodings)].join(', ') })}</p>
          {report.skipped.length > 0 && (
            <>
              <h2>{t('newsletter.import.skippedHeading')}</h2>
              <DataTable
                caption={t('newsletter.import.skippedHeading')}
                captionHidden
                borderless
                rows={report.skipped.slice(0, 500)}
                columns={[
                  {
                    label: t('newsletter.import.row'),
                    cell: (s) => (
                      <>
                        {s.file.split('/').pop()} : {s.line}
                      </>
                    ),
                  },
                  { label: t('newsletter.subs.email'), cell: (s) => s.email },
                  { label: t('newsletter.import.reason'), cell: (s) => mt(s.reason) },
                ]}
              />
            </>
          )}
        </>
      )}
      <form class="usa-form" method="post" action={lp(c, '/organize/newsletter/import')} enctype="multipart/form-data" novalidate>
        <Csrf token={c.var.csrfToken} />
        <FileField name="file" label={t('newsletter.import.file')} error={error} accept=".zip,.csv,.txt,text/csv,application/zip" />
        <Select
          name="format"
          label={t('newsletter.import.format')}
          value=""
          blank={t('newsletter.import.formatAuto')}
          options={[
            { value: 'mailchimp', label: t('newsletter.import.formatMailchimp') },
            { value: 'csv', label: t('newsletter.import.formatCsv') },
          ]}
        />
        <button class="usa-button" type="submit">
          {t('newsletter.import.button')}
        </button>
      </form>
    </>,
    error ? 422 : 200,
  );
}

/** Subscribers: the list, adding one, the CSV export and the import. */
export function registerSubscriberTools(app: Hono<AppEnv>) {
  const org = allow('organizer');
  app.get('/organize/newsletter/subscribers', org, (c) => subscribersPage(c));
  app.post('/organize/newsletter/subscribers', org, async (c) => {
    const values = await form(c);
    const parsed = createSubscriberInput.safeParse({
      email: values.email,
      name: values.name || undefined,
      language: values.language || 'en',
    });
    if (!parsed.success) return subscribersPage(c, values, errorMessages(c, parsed.error, newsletterMessages));
    try {
      const { subscriber, needsConfirmation } = await createSubscriber(c.var.db, parsed.data, 'organizer');
      if (needsConfirmation) await sendSubscriptionEmail(c.var.deps, subscriber, 'confirm');
    } catch (err) {
      if (err instanceof AppError) return subscribersPage(c, values, { email: newsletterMessages.any(c.var.locale)(err.messageKey) });
      throw err;
    }
    return subscribersPage(c, {}, {}, tr(c)('newsletter.subs.added', { email: parsed.data.email }));
  });
  app.get('/organize/newsletter/subscribers.csv', org, async (c) => {
    const csv = await exportCsv(c.var.db, c.var.locale);
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="subscribers.csv"' });
  });
  app.get('/organize/newsletter/import', org, (c) => importPage(c));
  app.post('/organize/newsletter/import', org, async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    const mt = newsletterMessages.any(c.var.locale);
    if (!(file instanceof File) || file.size === 0) return importPage(c, undefined, mt('newsletter.errors.file'));
    const format = body.format === 'mailchimp' || body.format === 'csv' ? body.format : undefined;
    try {
      const report = await importSubscribers(c.var.db, file.name, new Uint8Array(await file.arrayBuffer()), format);
      return importPage(c, report);
    } catch (err) {
      if (err instanceof AppError) return importPage(c, undefined, mt(err.messageKey, err.values));
      throw err;
    }
  });
}
