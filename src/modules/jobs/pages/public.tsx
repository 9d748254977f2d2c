import { Hono } from 'hono';
import { raw } from 'hono/html';
import { hrefOf } from '../../../platform/http/urls';
import type { AppEnv } from '../../../platform/http/context';
import { allow } from '../../../platform/auth/middleware';
import { localePath } from '../../../platform/i18n';
import { page } from '../../../platform/ui/layout';
import { Alert, Button, Csrf, Pager, Radios } from '../../../platform/ui/components';
import { AppError } from '../../../platform/http/errors';
import { tr } from '../messages';
import { AGENCY_LEVELS, type SearchFilters } from '../schema';
import {
  cleanFilters,
  filtersQuery,
  getAgency,
  getGuide,
  getJob,
  guideForAgency,
  isPublic,
  listAgencies,
  listGuides,
  searchJobs,
  SORTS,
  type Sort,
} from '../service';
import { canSeeJob } from '../permissions';
import { JobCard, Markdown, SearchForm } from '../views/components';
import { describeFilters } from '../views/format';
import { JobPage, jobPostingLd } from '../views/job-page';
import { feedResponse } from '../views/feeds';
import { isUuid } from '../../../platform/ids';

export const jobsPages = new Hono<AppEnv>();
const PAGE = 20;

type CardProps = Parameters<typeof JobCard>[0];
/** The search results and an agency's page list jobs the same way, or say there are none. */
function JobList(props: Pick<CardProps, 't' | 'locale'> & { jobs: CardProps['job'][]; none: string }) {
  if (props.jobs.length === 0) return <p>{props.none}</p>;
  return (
    <ul class="pw-grid">
      {props.jobs.map((j) => (
        <JobCard job={j} t={props.t} locale={props.locale} headingLevel={3} />
      ))}
    </ul>
  );
}
const sortOf = (v: string | undefined, f: SearchFilters): Sort =>
  (SORTS as readonly string[]).includes(v ?? '') ? (v as Sort) : f.q ? 'relevance' : 'newest';
const offsetOf = (v: string | undefined) => Math.min(Math.max(Number.parseInt(v ?? '0', 10) || 0, 0), 100_000);

jobsPages.get('/jobs', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const query = c.req.query();
  const f = cleanFilters(query);
  const sort = sortOf(query.sort, f);
  const offset = offsetOf(query.offset);
  const [result, agencies] = await Promise.all([searchJobs(c.var.db, f, { sort, limit: PAGE, offset }), listAgencies(c.var.db)]);
  const qs = filtersQuery(f);
  const href = (o: number) => localePath(l, '/jobs') + filtersQuery(f, { sort, offset: String(o) });
  const feed = (ext: string) => `${localePath(l, `/jobs/feed.${ext}`)}${qs}`;
  const saved = c.req.query('saved') === '1';
  return page(
    c,
    {
      title: t('jobs.board.title'),
      description: t('jobs.board.description'),
      head: (
        <>
          <link rel="alternate" type="application/rss+xml" title={t('jobs.feed.title')} href={feed('rss')} />
          <link rel="alternate" type="application/atom+xml" title={t('jobs.feed.title')} href={feed('atom')} />
          <link rel="alternate" type="application/feed+json" title={t('jobs.feed.title')} href={feed('json')} />
        </>
      ),
    },
    <>
      <h1>{t('jobs.board.title')}</h1>
      <p class="pw-lead">{t('jobs.board.lead')}</p>
      <p>
        <a href={localePath(l, '/jobs/agencies')}>{t('jobs.agencies.title')}</a> ·{' '}
        <a href={localePath(l, '/jobs/guides')}>{t('jobs.guides.title')}</a>
      </p>
      {saved && <Alert type="success">{t('jobs.save.saved')}</Alert>}
      <SearchForm t={t} locale={l} f={f} sort={sort} agencies={agencies.filter((a) => a.openJobs > 0)} />
      <h2 aria-live="polite">
        {result.more ? t('jobs.search.countMore', { count: result.total }) : t('jobs.search.count', { count: result.total })}
      </h2>
      <JobList jobs={result.jobs} t={t} locale={l} none={t('jobs.search.none')} />
      <Pager t={c.var.t} total={result.total} offset={offset} limit={PAGE} href={href} />
      <h2>{t('jobs.save.heading')}</h2>
      {c.var.viewer ? (
        <form class="usa-form" method="post" action={localePath(l, '/jobs/alerts') + qs} novalidate>
          <Csrf token={c.var.csrfToken} />
          <p>{describeFilters(t, f)}</p>
          <Radios
            name="frequency"
            legend={t('jobs.save.frequency')}
            value="weekly"
            options={[
              { value: 'daily', label: t('jobs.save.daily') },
              { value: 'weekly', label: t('jobs.save.weekly') },
            ]}
          />
          <Button>{t('jobs.save.submit')}</Button>
        </form>
      ) : (
        <p>
          <a href={`${localePath(l, '/signin')}?next=${encodeURIComponent(localePath(l, '/jobs') + qs)}`}>{t('jobs.save.signIn')}</a>
        </p>
      )}
      <p>
        {t('jobs.search.feeds')}: <a href={feed('rss')}>{t('jobs.search.rss')}</a> · <a href={feed('atom')}>{t('jobs.search.atom')}</a> ·{' '}
        <a href={feed('json')}>{t('jobs.search.json')}</a>
      </p>
    </>,
  );
});

for (const ext of ['rss', 'atom', 'json'] as const) {
  jobsPages.get(`/jobs/feed.${ext}`, allow('public'), async (c) => {
    const f = cleanFilters(c.req.query());
    const { jobs } = await searchJobs(c.var.db, f, { sort: 'newest', limit: 50, offset: 0, count: false });
    return feedResponse(c, ext, f, jobs);
  });
}

jobsPages.get('/jobs/agencies', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const list = await listAgencies(c.var.db);
  return page(
    c,
    { title: t('jobs.agencies.title'), description: t('jobs.agencies.lead') },
    <>
      <h1>{t('jobs.agencies.title')}</h1>
      <p class="pw-lead">{t('jobs.agencies.lead')}</p>
      {AGENCY_LEVELS.filter((lv) => list.some((a) => a.level === lv)).map((lv) => (
        <>
          <h2>{t(`jobs.level.${lv}`)}</h2>
          <ul class="usa-list">
            {list
              .filter((a) => a.level === lv)
              .map((a) => (
                <li>
                  <a href={localePath(l, `/jobs/agencies/${a.slug}`)}>{(l === 'es' && a.nameEs) || a.name}</a> —{' '}
                  {t('jobs.agencies.openJobs', { count: a.openJobs })}
                </li>
              ))}
          </ul>
        </>
      ))}
    </>,
  );
});

jobsPages.get('/jobs/agencies/:slug', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const agency = await getAgency(c.var.db, c.req.param('slug'));
  const parent = agency.parentId ? await getAgency(c.var.db, agency.parentId) : null;
  const [guide, result] = await Promise.all([
    guideForAgency(c.var.db, agency),
    searchJobs(c.var.db, { agency: agency.slug }, { sort: 'closing', limit: 100, offset: 0 }),
  ]);
  const name = (l === 'es' && agency.nameEs) || agency.name;
  return page(
    c,
    { title: name },
    <>
      <p>
        <a href={localePath(l, '/jobs/agencies')}>{t('jobs.agencies.title')}</a>
      </p>
      <h1>{name}</h1>
      <p class="pw-lead">
        {t(`jobs.level.${agency.level}`)}
        {parent && <> · {t('jobs.agency.partOf', { name: (l === 'es' && parent.nameEs) || parent.name })}</>}
      </p>
      <ul class="usa-list">
        {hrefOf(agency.website) && (
          <li>
            <a href={hrefOf(agency.website)}>{t('jobs.agency.website')}</a>
          </li>
        )}
        {hrefOf(agency.careersUrl) && (
          <li>
            <a href={hrefOf(agency.careersUrl)}>{t('jobs.agency.careers')}</a>
          </li>
        )}
      </ul>
      <h2>{t('jobs.agency.jobs')}</h2>
      <JobList jobs={result.jobs} t={t} locale={l} none={t('jobs.agency.noJobs')} />
      {guide && (
        <>
          <h2>{l === 'es' ? guide.titleEs : guide.titleEn}</h2>
          <Markdown text={(l === 'es' ? guide.bodyEs : guide.bodyEn).replace(/^## /gm, '### ')} />
        </>
      )}
    </>,
  );
});

jobsPages.get('/jobs/guides', allow('public'), async (c) => {
  const t = tr(c);
  const l = c.var.locale;
  const guides = await listGuides(c.var.db);
  return page(
    c,
    { title: t('jobs.guides.title'), description: t('jobs.guides.lead') },
    <>
      <h1>{t('jobs.guides.title')}</h1>
      <p class="pw-lead">{t('jobs.guides.lead')}</p>
      <ul class="usa-list">
        {guides.map((g) => (
          <li>
            <a href={localePath(l, `/jobs/guides/${g.slug}`)}>{l === 'es' ? g.titleEs : g.titleEn}</a>
          </li>
        ))}
      </ul>
    </>,
  );
});

jobsPages.get('/jobs/guides/:slug', allow('public'), async (c) => {
  const l = c.var.locale;
  const g = await getGuide(c.var.db, c.req.param('slug'));
  const title = l === 'es' ? g.titleEs : g.titleEn;
  return page(
    c,
    { title },
    <>
      <p>
        <a href={localePath(l, '/jobs/guides')}>{tr(c)('jobs.guides.title')}</a>
      </p>
      <h1>{title}</h1>
      <Markdown text={l === 'es' ? g.bodyEs : g.bodyEn} />
    </>,
  );
});

// Last, so /jobs/agencies, /jobs/alerts and the rest win over the id.
jobsPages.get('/jobs/:id', allow('public'), async (c) => {
  const id = c.req.param('id');
  if (!isUuid(id)) throw new AppError('not_found', 404, 'errors.notFound');
  const { job, agency } = await getJob(c.var.db, id);
  if (!canSeeJob(c.var.viewer, job, agency)) throw new AppError('not_found', 404, 'errors.notFound');
  const parent = agency.parentId ? await getAgency(c.var.db, agency.parentId) : null;
  const guide = await guideForAgency(c.var.db, agency);
  const url = c.var.deps.config.baseUrl + localePath(c.var.locale, `/jobs/${job.id}`);
  return page(
    c,
    {
      title: (c.var.locale === 'es' && job.titleEs) || job.title,
      description: job.summary ?? undefined,
      index: isPublic(job),
      head: isPublic(job) ? <script type="application/ld+json">{raw(jobPostingLd(job, agency, url))}</script> : undefined,
    },
    <JobPage c={c} job={job} agency={agency} parent={parent} guide={guide} live={isPublic(job)} />,
  );
});
