import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { boothScanPages } from './booth-scan';
import { boothPages } from './booths';
import { fairManagePages } from './fair-manage';
import { passPages } from './pass';
import { careerfairPages as publicPages } from './public';

export const careerfairPages = new Hono<AppEnv>()
  .route('/', publicPages)
  .route('/', passPages)
  .route('/', boothPages)
  .route('/', boothScanPages)
  .route('/', fairManagePages);
