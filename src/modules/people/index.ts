import { Hono } from 'hono';
import type { PathwaysModule } from '../../platform/module';
import type { AppEnv } from '../../platform/http/context';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { peoplePages } from './pages';
import { signupPages } from './pages/signup';
import { registerPeopleApi } from './api';
import { peopleMessages } from './messages';
import { peopleCli } from './cli';
import { seedPeople } from './seed';

// The public surface of people: other modules and the composition root import this file only.
export {
  ensureChapter,
  ensurePerson,
  erasePerson,
  exportPersonData,
  findPersonByEmail,
  getPerson,
  grantRole,
  listChapters,
  updateConsents,
  updateProfile,
} from './service';
export { registerPersonData, type PersonDataProvider } from './data-rights';
export { peopleIdentity } from './identity';
export { demoPeople } from './seed';
export { SECTORS, type Chapter, type Consents, type Person, type Role, type Sector } from './schema';
/** For foreign keys in other modules' schemas only: other modules read and write people through the functions above. */
export { people } from './schema';

export const peopleModule: PathwaysModule = {
  name: 'people',
  migrations: 'modules/people/migrations',
  pages: new Hono<AppEnv>().route('/', peoplePages).route('/', signupPages),
  api: registerPeopleApi,
  setup: () => registerErrorMessages(peopleMessages),
  cli: peopleCli,
  seed: seedPeople,
};
