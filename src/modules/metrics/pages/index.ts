import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import type { MetricsHooks } from '../hooks';
import { createDashboardPages } from './dashboard';
import { createPublicPages } from './public';
import { createNetworkPages } from './network';
import { createReportPages } from './report';

export const createMetricsPages = (hooks: MetricsHooks) =>
  new Hono<AppEnv>()
    .route('/', createPublicPages(hooks))
    .route('/', createDashboardPages(hooks))
    .route('/', createNetworkPages(hooks))
    .route('/', createReportPages(hooks));
