import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { organizerPages } from './organize';
import { eventsPages as publicPages } from './public';

/** Organizer routes first: their fixed paths (/events/new, /events/series/new) must win over /events/:slug. */
export const eventsPages = new Hono<AppEnv>().route('/', organizerPages).route('/', publicPages);
