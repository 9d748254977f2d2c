import type { PathwaysModule } from '../platform/module';
import { platformModule } from '../platform';
import { peopleModule } from './people';
import { siteModule } from './site';
import { eventsModule } from './events';
import { jobsModule } from './jobs';
import { newsletterModule, subscribersModule } from './newsletter';
import { careerfairModule } from './careerfair';

/**
 * Every capability, in dependency order: migrations apply in this order, pages and APIs mount in it,
 * and the menu is built from it. Adding a module is one line here.
 */
export const modules: PathwaysModule[] = [
  { name: 'core', migrations: 'db/migrations' },
  peopleModule,
  platformModule,
  siteModule,
  eventsModule,
  jobsModule,
  newsletterModule,
  subscribersModule,
  careerfairModule,
];
