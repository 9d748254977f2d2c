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

export * from './public';

export const peopleModule: PathwaysModule = {
  name: 'people',
  migrations: 'modules/people/migrations',
  pages: new Hono<AppEnv>().route('/', peoplePages).route('/', signupPages),
  api: registerPeopleApi,
  setup: () => registerErrorMessages(peopleMessages),
  cli: peopleCli,
  seed: seedPeople,
};
