import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { addNavItem } from '../../platform/ui/registry';
import { registerPersonData } from '../people';
import { jobsPages } from './pages';
import { registerJobsApi } from './api';
import { jobsMessages } from './messages';
import { jobsCli } from './cli';
import { seedJobs } from './seed';
import { canManageJobs } from './permissions';
import { runDueFeeds, runQueuedImport, sendDigests } from './service';
import { eraseJobsPersonData, exportJobsPersonData } from './data-rights';

export * from './public';

export const jobsModule: PathwaysModule = {
  name: 'jobs',
  migrations: 'modules/jobs/migrations',
  pages: jobsPages,
  api: registerJobsApi,
  setup: () => {
    registerErrorMessages(jobsMessages);
    addNavItem({ href: '/jobs', order: 20, label: { en: jobsMessages.en['jobs.nav'], es: jobsMessages.es['jobs.nav'] } });
    addNavItem({
      href: '/jobs/manage',
      order: 80,
      label: { en: jobsMessages.en['jobs.manage.title'], es: jobsMessages.es['jobs.manage.title'] },
      visible: canManageJobs,
    });
    registerPersonData({ name: 'jobAlerts', export: exportJobsPersonData, erase: eraseJobsPersonData });
  },
  tasks: {
    'jobs.import': async (deps, payload) => runQueuedImport(deps.db, String(payload.id)),
  },
  schedules: [
    { name: 'jobs.digests', everySeconds: 3600, run: async (deps) => void (await sendDigests(deps)) },
    {
      name: 'jobs.feeds',
      everySeconds: 900,
      run: async (deps) => void (await runDueFeeds(deps.db, { secret: deps.secret, allow: deps.config.OUTBOUND_ALLOW })),
    },
  ],
  cli: jobsCli,
  seed: seedJobs,
};

// What other modules may read from the jobs board; the composition root hands these to them as hooks.
export { promotedJobs, recordJobPromotion } from './service';
