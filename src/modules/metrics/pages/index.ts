import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import type { MetricsHooks } from '../hooks';

export const createMetricsPages = (_hooks: MetricsHooks) => new Hono<AppEnv>();
