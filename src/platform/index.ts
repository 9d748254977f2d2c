import type { PathwaysModule } from './module';
import { authPages } from './auth/pages';
import { registerErrorMessages } from './http/errors-handler';
import { authMessages } from './auth/messages';

/** The platform's own routes and tables (sign-in, sessions, outbox, queue, settings). */
export const platformModule: PathwaysModule = {
  name: 'platform',
  migrations: 'platform/migrations',
  pages: authPages,
  setup: () => registerErrorMessages(authMessages),
};
