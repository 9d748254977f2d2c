import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import type { SiteHooks } from '../hooks';
import { organizeHome } from './organize';
import { homePage, sitePages } from './public';

export function createSitePages(hooks: SiteHooks): Hono<AppEnv> {
  return new Hono<AppEnv>().route('/', organizeHome(hooks)).route('/', homePage(hooks)).route('/', sitePages);
}
