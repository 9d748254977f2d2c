import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { peoplePages as accountPages } from './account';
import { adminPages } from './admin';
import { signupPages } from './signup';

export const peoplePages = new Hono<AppEnv>().route('/', accountPages).route('/', adminPages).route('/', signupPages);
