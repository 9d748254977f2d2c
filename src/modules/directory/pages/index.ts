import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { directoryPages as entries } from './directory';
import { conveningPages } from './convenings';

export const directoryPages = new Hono<AppEnv>().route('/', entries).route('/', conveningPages);
