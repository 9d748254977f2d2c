import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { registerOrganizerPages } from './organize';
import { registerOrganizerTools } from './organize-tools';
import { newsletterPages as publicPages } from './public';

export const newsletterPages = new Hono<AppEnv>().route('/', publicPages);
registerOrganizerPages(newsletterPages);
registerOrganizerTools(newsletterPages);
