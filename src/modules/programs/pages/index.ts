import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { publicPages } from './public';
import { teamPages } from './team';

// The team's routes are more specific than the program page's, so they go first.
export const programsPages = new Hono<AppEnv>().route('/', teamPages).route('/', publicPages);
