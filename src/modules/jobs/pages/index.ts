import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { adminPages } from './admin';
import { adminAgencyPages } from './admin-agencies';
import { adminRulesPages } from './admin-rules';
import { adminStatsPages } from './admin-stats';
import { alertPages } from './alerts';
import { jobFormRoutes } from './manage';
import { postingFormRoutes } from './manage-form';
import { jobsPages as publicPages } from './public';

/** Public routes last: /jobs/:id must not swallow /jobs/alerts or /jobs/manage. */
export const jobsPages = new Hono<AppEnv>()
  .route('/', alertPages)
  .route('/', jobFormRoutes)
  .route('/', postingFormRoutes)
  .route('/', adminPages)
  .route('/', adminAgencyPages)
  .route('/', adminRulesPages)
  .route('/', adminStatsPages)
  .route('/', publicPages);
