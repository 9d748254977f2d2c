import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { formatNumber, formatPercent } from '../../../platform/i18n/format';
import { rawHtml } from '../../../platform/ui/layout';
import { Alert, Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField } from '../../../platform/ui/components';
import { newsletterMessages } from '../messages';
import { TOPICS, type Issue } from '../schema';
import { markdownToHtml } from '../lib/markdown';
import type { IssueStats } from '../service';
import { DataTable } from '../../../platform/ui/data-table';

export type IssueValues = Record<string, string>;

export function valuesFromIssue(i: Issue): IssueValues {
  return {
    subjectEn: i.subject.en,
    subjectEs: i.subject.es,
    bodyEn: i.body.en,
    bodyEs: i.body.es,
    events: i.blocks.events ? 'on' : '',
    jobs: i.blocks.jobs ? 'on' : '',
    recordings: i.blocks.recordings ? 'on' : '',
    posts: i.blocks.posts ? 'on' : '',
    segLanguage: i.segment.languages?.length === 1 ? i.segment.languages[0] : '',
    segTopic: i.segment.topics?.[0] ?? '',
    segChapter: i.segment.chapter ?? '',
    segAttended: i.segment.attendedMonths ? String(i.segment.attendedMonths) : '',
    tracking: i.tracking ? 'on' : '',
  };
}

export function issueFromValues(v: IssueValues) {
  const months = v.segAttended?.trim() ? Number(v.segAttended) : undefined;
  return {
    subject: { en: v.subjectEn ?? '', es: v.subjectEs ?? '' },
    body: { en: v.bodyEn ?? '', es: v.bodyEs ?? '' },
    blocks: { events: v.events === 'on', jobs: v.jobs === 'on', recordings: v.recordings === 'on', posts: v.posts === 'on' },
    segment: {
      ...(v.segLanguage ? { languages: [v.segLanguage] } : {}),
      ...(v.segTopic ? { topics: [v.segTopic] } : {}),
      ...(v.segChapter ? { chapter: v.segChapter } : {}),
      ...(months !== undefined ? { attendedMonths: months } : {}),
    },
    tracking: v.tracking === 'on',
  };
}

/** Markdown in English and Spanish side by side, each with its preview (live with the script). */
export function IssueForm(props: {
  c: Ctx;
  action: string;
  values: IssueValues;
  errors: Record<string, string>;
  chapters: { slug: string; name: string }[];
  preview?: boolean;
}) {
  const { c, values: v, errors: e } = props;
  const t = newsletterMessages.for(c.var.locale);
  return (
    <form class="usa-form usa-form--large pw-wide-form" method="post" action={props.action} novalidate>
      <Csrf token={c.var.csrfToken} />
      <ErrorSummary errors={e} t={c.var.t} />
      <div class="grid-row grid-gap">
        {(['En', 'Es'] as const).map((L) => (
          <div class="desktop:grid-col-6" lang={L.toLowerCase()}>
            <h2>{t(L === 'En' ? 'newsletter.edit.english' : 'newsletter.edit.spanish')}</h2>
            <TextField
              name={`subject${L}`}
              label={t('newsletter.edit.subject')}
              value={v[`subject${L}`]}
              error={e[`subject${L}`]}
              maxlength={300}
            />
            <TextArea
              name={`body${L}`}
              label={t('newsletter.edit.body')}
              hint={t('newsletter.edit.bodyHint')}
              value={v[`body${L}`]}
              error={e[`body${L}`]}
              rows={14}
              maxlength={100000}
            />
            <h3>{t('newsletter.edit.previewHeading')}</h3>
            <div class="pw-preview" data-preview-for={`body${L}`} aria-live="polite">
              {props.preview ? rawHtml(markdownToHtml(v[`body${L}`] ?? '')) : null}
            </div>
          </div>
        ))}
      </div>
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">{t('newsletter.edit.blocks')}</legend>
        <Checkbox name="events" label={t('newsletter.edit.block.events')} checked={v.events === 'on'} />
        <Checkbox name="jobs" label={t('newsletter.edit.block.jobs')} checked={v.jobs === 'on'} />
        <Checkbox name="recordings" label={t('newsletter.edit.block.recordings')} checked={v.recordings === 'on'} />
        <Checkbox name="posts" label={t('newsletter.edit.block.posts')} checked={v.posts === 'on'} />
      </fieldset>
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">{t('newsletter.edit.segment')}</legend>
        <p class="usa-hint">{t('newsletter.edit.segmentHint')}</p>
        <Select
          name="segLanguage"
          label={t('newsletter.edit.segLanguage')}
          value={v.segLanguage}
          blank={t('newsletter.edit.segAnyLanguage')}
          options={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
        />
        <Select
          name="segTopic"
          label={t('newsletter.edit.segTopic')}
          value={v.segTopic}
          blank={t('newsletter.edit.segAnyTopic')}
          options={TOPICS.map((x) => ({ value: x, label: t(`newsletter.topic.${x}`) }))}
        />
        <Select
          name="segChapter"
          label={t('newsletter.edit.segChapter')}
          value={v.segChapter}
          blank={t('newsletter.edit.segAnyChapter')}
          options={props.chapters.map((x) => ({ value: x.slug, label: x.name }))}
        />
        <TextField
          name="segAttended"
          type="number"
          inputmode="numeric"
          min="1"
          max="120"
          label={t('newsletter.edit.segAttended')}
          hint={t('newsletter.edit.segAttendedHint')}
          value={v.segAttended}
          error={e['segment.attendedMonths'] ?? e.segAttended}
        />
      </fieldset>
      <Checkbox name="tracking" label={t('newsletter.edit.tracking')} checked={v.tracking === 'on'} />
      <div class="pw-actions">
        <button class="usa-button" type="submit" name="action" value="save">
          {t('newsletter.edit.save')}
        </button>
        <button class="usa-button usa-button--outline" type="submit" name="action" value="preview">
          {t('newsletter.edit.preview')}
        </button>
      </div>
    </form>
  );
}

const pct = (locale: 'en' | 'es', x: number) => formatPercent(locale, x, 1);

export function Progress(props: { c: Ctx; issue: Issue; stats: IssueStats }) {
  const { c, issue, stats: s } = props;
  const t = newsletterMessages.for(c.var.locale);
  const done = s.sent + s.failed + s.uncertain + s.cancelled;
  const base = `/organize/newsletter/issues/${issue.id}`;
  const lp = (p: string) => localePath(c.var.locale, p);
  return (
    <section aria-labelledby="progress-heading" data-progress-url={lp(`${base}/progress.json`)} data-status={issue.status}>
      <h2 id="progress-heading">{t('newsletter.progress.heading')}</h2>
      <p>
        <strong data-field="status">{t(`newsletter.issueStatus.${issue.status}`)}</strong>
      </p>
      <label for="send-progress">{t('newsletter.progress.label')}</label>
      <progress id="send-progress" max={String(Math.max(1, s.total))} value={String(done)}>
        {pct(c.var.locale, s.total ? done / s.total : 0)}
      </progress>
      <p data-field="counts">
        {t('newsletter.progress.counts', {
          sent: formatNumber(c.var.locale, s.sent),
          failed: formatNumber(c.var.locale, s.failed),
          left: formatNumber(c.var.locale, s.left),
        })}
      </p>
      {s.uncertain > 0 && <Alert type="warning">{t('newsletter.progress.uncertain', { count: s.uncertain })}</Alert>}
      <div class="pw-actions">
        {issue.status === 'sending' && (
          <form method="post" action={lp(`${base}/pause`)} class="pw-inline-form">
            <Csrf token={c.var.csrfToken} />
            <button class="usa-button usa-button--outline" type="submit">
              {t('newsletter.progress.pause')}
            </button>
          </form>
        )}
        {issue.status === 'paused' && (
          <form method="post" action={lp(`${base}/resume`)} class="pw-inline-form">
            <Csrf token={c.var.csrfToken} />
            <button class="usa-button" type="submit">
              {t('newsletter.progress.resume')}
            </button>
          </form>
        )}
        {(issue.status === 'sending' || issue.status === 'paused') && (
          <form method="post" action={lp(`${base}/cancel`)} class="pw-inline-form">
            <Csrf token={c.var.csrfToken} />
            <button class="usa-button usa-button--secondary" type="submit">
              {t('newsletter.progress.cancel')}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}

export function Report(props: { c: Ctx; issue: Issue; stats: IssueStats }) {
  const { c, issue, stats: s } = props;
  const locale = c.var.locale;
  const t = newsletterMessages.for(locale);
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{t('newsletter.report.heading')}</h2>
      <p>{t('newsletter.report.delivered', { count: s.sent })}</p>
      {!issue.tracking ? (
        <p>{t('newsletter.report.trackingOff')}</p>
      ) : (
        <>
          <ul class="usa-list">
            <li>{t('newsletter.report.opens', { count: formatNumber(locale, s.opens), rate: pct(locale, s.openRate) })}</li>
            <li>{t('newsletter.report.clicks', { count: formatNumber(locale, s.clicks), rate: pct(locale, s.clickRate) })}</li>
          </ul>
          {s.machineOpens > 0 && <p>{t('newsletter.report.machineOpens', { count: s.machineOpens })}</p>}
          {s.links.length > 0 && (
            <DataTable
              caption={t('newsletter.report.heading')}
              captionHidden
              borderless
              rows={s.links}
              columns={[
                { label: t('newsletter.report.link'), cell: (l) => l.url },
                { label: t('newsletter.report.linkClicks'), cell: (l) => formatNumber(locale, l.clicks), numeric: true },
              ]}
            />
          )}
        </>
      )}
      {issue.status === 'sent' && (
        <p>
          <a href={localePath(locale, `/newsletter/archive/${issue.id}`)}>{t('newsletter.report.archive')}</a>
        </p>
      )}
    </section>
  );
}
