import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import type { NewsletterHooks } from '../service/hooks';
import { registerOrganizerPages } from './organize';
import { registerSubscriberTools } from './organize-subscribers';
import { registerOrganizerTools } from './organize-tools';
import { issueLinkPages } from './issue-links';
import { preferencesPages } from './preferences';
import { newsletterPages as publicPages } from './public';

/** The newsletter's pages, given what they read from other modules (see `NewsletterHooks`). */
export function createNewsletterPages(hooks: NewsletterHooks): Hono<AppEnv> {
  const pages = new Hono<AppEnv>().route('/', publicPages).route('/', preferencesPages).route('/', issueLinkPages);
  registerOrganizerPages(pages, hooks);
  registerSubscriberTools(pages);
  registerOrganizerTools(pages);
  return pages;
}
