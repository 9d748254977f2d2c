import type { Ctx } from '../../../platform/http/context';
import { localePath } from '../../../platform/i18n';
import { listGuides, searchJobs } from '../service';
import { tr } from '../messages';
import { JobCard } from '../views/components';

const HOME_JOBS = 3;

/**
 * The home page's "Featured jobs" and "Hiring guides" (site reads them through a hook): promoted
 * postings first among the newest, then the newest; and every guide, linked.
 */
export async function jobsHomeSections(c: Ctx) {
  const t = tr(c);
  const l = c.var.locale;
  const [{ jobs }, guides] = await Promise.all([
    searchJobs(c.var.db, {}, { sort: 'newest', limit: 20, offset: 0, count: false }),
    listGuides(c.var.db),
  ]);
  const featured = [...jobs.filter((j) => j.promoted), ...jobs.filter((j) => !j.promoted)].slice(0, HOME_JOBS);
  const sections = [];
  if (featured.length > 0)
    sections.push({
      order: 20,
      id: 'featured-jobs',
      heading: t('jobs.home.heading'),
      body: (
        <ul class="pw-grid pw-home-cards">
          {featured.map((j) => (
            <JobCard job={j} t={t} locale={l} headingLevel={3} />
          ))}
        </ul>
      ),
      more: { label: t('jobs.home.all'), href: '/jobs' },
    });
  if (guides.length > 0)
    sections.push({
      order: 30,
      id: 'hiring-guides',
      heading: t('jobs.guides.title'),
      body: (
        <>
          <p>{t('jobs.guides.lead')}</p>
          <ul class="usa-list">
            {guides.map((g) => (
              <li>
                <a href={localePath(l, `/jobs/guides/${g.slug}`)}>{l === 'es' ? g.titleEs : g.titleEn}</a>
              </li>
            ))}
          </ul>
        </>
      ),
    });
  return sections;
}
