import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import type { EventsHooks } from '../service/hooks';
import { createOrganizerPages } from './organize';
import { organizeEventsPages } from './organize-events';
import { reportPages } from './report';
import { createPublicPages } from './public';

/**
 * The events pages, given what they read from other modules. Organizer routes first: their fixed
 * paths (/events/new, /events/series/new) must win over /events/:slug.
 */
export function createEventsPages(hooks: EventsHooks): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .route('/', createOrganizerPages(hooks))
    .route('/', organizeEventsPages)
    .route('/', reportPages)
    .route('/', createPublicPages(hooks));
}
