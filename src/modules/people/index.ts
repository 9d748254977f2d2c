import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { createPeoplePages } from './pages';
import type { PeopleHooks } from './hooks';
import { registerPeopleApi } from './api';
import { peopleMessages } from './messages';
import { peopleCli } from './cli';
import { seedPeople } from './seed';
import { addNavItem } from '../../platform/ui/registry';
import { hasRole } from '../../platform/auth/roles';

export * from './public';

export type { PeopleHooks } from './hooks';

/** People, with the hooks it reads other modules through (decision 0013); `{}` for none. */
export const createPeopleModule = (hooks: PeopleHooks): PathwaysModule => ({
  name: 'people',
  migrations: 'modules/people/migrations',
  pages: createPeoplePages(hooks),
  api: registerPeopleApi,
  setup: () => {
    registerErrorMessages(peopleMessages);
    addNavItem({
      href: '/organize/chapters',
      order: 86,
      label: { en: peopleMessages.en['people.chapters.title'], es: peopleMessages.es['people.chapters.title'] },
      visible: (viewer) => hasRole(viewer, 'organizer'),
    });
  },
  cli: peopleCli,
  seed: seedPeople,
});
