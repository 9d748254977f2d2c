import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { boothPages } from './booths';
import { careerfairPages as publicPages } from './public';

export const careerfairPages = new Hono<AppEnv>().route('/', publicPages).route('/', boothPages);
