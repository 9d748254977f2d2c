import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { directoryPages as entries } from './directory';
import { conveningPages } from './convenings';
import { suggestPages } from './suggest';
import { postPages } from './posts';
import { formPages } from './forms';

export const directoryPages = new Hono<AppEnv>()
  .route('/', entries)
  .route('/', conveningPages)
  .route('/', suggestPages)
  .route('/', postPages)
  .route('/', formPages);
