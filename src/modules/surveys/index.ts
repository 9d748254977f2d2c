import type { PathwaysModule } from '../../platform/module';
import { seedSurveys } from './seed';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { registerPersonData } from '../people';
import { addNavItem } from '../../platform/ui/registry';
import { hasRole } from '../../platform/auth/roles';
import { surveysPages } from './pages';
import { registerSurveysApi } from './api';
import { surveysMessages } from './messages';
import { answersOf, eraseAnswers } from './service/surveys';
import { queueDueFollowups, surveyTasks } from './service/followups';
import { inviteTasks } from './service/send';
import { useSurveysHooks, type SurveysHooks } from './service/programs';

export * from './public';

/** The surveys module; `hooks.programs` (the programs module's lookups) links surveys to cohort programs. */
export const createSurveysModule = (hooks: SurveysHooks = {}): PathwaysModule => ({
  name: 'surveys',
  migrations: 'modules/surveys/migrations',
  pages: surveysPages,
  api: registerSurveysApi,
  setup: () => {
    useSurveysHooks(hooks);
    registerErrorMessages(surveysMessages);
    registerPersonData({ name: 'surveys', export: answersOf, erase: eraseAnswers });
    addNavItem({
      href: '/organize/surveys',
      order: 86,
      label: { en: surveysMessages.en['surveys.organize.title'], es: surveysMessages.es['surveys.organize.title'] },
      visible: (viewer) => hasRole(viewer, 'organizer'),
    });
  },
  tasks: { ...surveyTasks, ...inviteTasks },
  schedules: [{ name: 'surveys.followups', everySeconds: 300, run: async (deps) => void (await queueDueFollowups(deps)) }],
  seed: seedSurveys,
});
