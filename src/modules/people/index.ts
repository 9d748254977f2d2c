import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { peoplePages } from './pages';
import { registerPeopleApi } from './api';
import { peopleMessages } from './messages';
import { peopleCli } from './cli';
import { seedPeople } from './seed';

export * from './public';

export const peopleModule: PathwaysModule = {
  name: 'people',
  migrations: 'modules/people/migrations',
  pages: peoplePages,
  api: registerPeopleApi,
  setup: () => registerErrorMessages(peopleMessages),
  cli: peopleCli,
  seed: seedPeople,
};
