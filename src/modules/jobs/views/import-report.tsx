import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { Alert } from '../../../platform/ui/components';
import { jobsMessages } from '../messages';
import type { JobImport } from '../schema';
import { DataTable } from '../../../platform/ui/data-table';

export function ImportReportView(props: { c: Ctx; imp: JobImport }) {
  const { c, imp } = props;
  const l = c.var.locale;
  const t = jobsMessages.for(l);
  const tAny = jobsMessages.any(l);
  const running = imp.status === 'queued' || imp.status === 'running';
  const progressUrl = localePath(l, `/admin/jobs/imports/${imp.id}/progress.json`);
  return (
    <>
      <p>
        <a href={localePath(l, '/admin/jobs/import')}>{t('jobs.import.title')}</a>
      </p>
      <h1>{t('jobs.import.progress', { file: imp.fileName })}</h1>
      {running && (
        <>
          <p
            id="import-progress"
            role="status"
            data-url={progressUrl}
            data-template={t('jobs.import.running', { done: '{done}', total: '{total}' })}
          >
            {imp.status === 'queued' ? t('jobs.import.queued') : t('jobs.import.running', { done: imp.processed, total: imp.total })}
          </p>
          <progress id="import-bar" max={Math.max(imp.total, 1)} value={imp.processed} aria-labelledby="import-progress"></progress>
          <p>
            <a href={localePath(l, `/admin/jobs/imports/${imp.id}`)}>{t('jobs.import.refresh')}</a>
          </p>
        </>
      )}
      {imp.status === 'rejected' && (
        <Alert type="error" heading={t('jobs.import.rejected')}>
          {tAny(imp.report.error ?? 'errors.badRequest', imp.report.errorValues)}
        </Alert>
      )}
      {imp.status === 'done' && (
        <>
          <Alert type="success">{imp.total === 0 ? t('jobs.import.empty') : t('jobs.import.done')}</Alert>
          <dl class="pw-facts">
            <dt>{t('jobs.import.created')}</dt>
            <dd>{imp.created}</dd>
            <dt>{t('jobs.import.updated')}</dt>
            <dd>{imp.updated}</dd>
            <dt>{t('jobs.import.unchanged')}</dt>
            <dd>{imp.unchanged}</dd>
            <dt>{t('jobs.import.closed')}</dt>
            <dd>{imp.closed}</dd>
            <dt>{t('jobs.import.skippedCount')}</dt>
            <dd>{imp.skipped}</dd>
          </dl>
          {imp.report.skipped.length > 0 && (
            <DataTable
              caption={t('jobs.import.skippedCount')}
              captionHidden
              rows={imp.report.skipped}
              columns={[
                { label: t('jobs.import.item'), cell: (s) => s.item },
                { label: t('jobs.import.reason'), cell: (s) => tAny(s.reason, s.values) },
              ]}
            />
          )}
          {imp.report.noFeed && <Alert type="info">{t('jobs.import.noFeed')}</Alert>}
          {(imp.report.datesUnread?.length ?? 0) > 0 && (
            <>
              <h2>{t('jobs.import.datesUnreadHeading')}</h2>
              <ul class="usa-list">
                {imp.report.datesUnread!.map((s) => (
                  <li>
                    {s.item}: {tAny(s.reason, s.values)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {(imp.report.linksDropped?.length ?? 0) > 0 && (
            <>
              <h2>{t('jobs.import.linksDroppedHeading')}</h2>
              <ul class="usa-list">
                {imp.report.linksDropped!.map((s) => (
                  <li>
                    {s.item}: {tAny(s.reason)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </>
  );
}
