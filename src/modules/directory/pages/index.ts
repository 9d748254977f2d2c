import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { directoryPages as entries } from './directory';
import { conveningPages } from './convenings';
import { suggestPages } from './suggest';
import { postPages } from './posts';
import { formPages } from './forms';
import { organizePages } from './organize';
import { organizePostPages } from './organize-posts';
import { organizeCreatePages } from './organize-create';
import { organizeDuplicatePages } from './organize-duplicates';
import { organizeConveningPages } from './organize-convenings';
import { organizeFormPages } from './organize-forms';
import { organizeMemberPages } from './organize-members';

export const directoryPages = new Hono<AppEnv>()
  .route('/', entries)
  .route('/', conveningPages)
  .route('/', suggestPages)
  .route('/', postPages)
  .route('/', formPages)
  .route('/', organizePages)
  // Before the convening and form pages, whose `/:slug` would take `new`.
  .route('/', organizeCreatePages)
  .route('/', organizePostPages)
  .route('/', organizeConveningPages)
  .route('/', organizeFormPages)
  .route('/', organizeMemberPages)
  .route('/', organizeDuplicatePages);
