import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import type { PeopleHooks } from '../hooks';
import { createAccountPages } from './account';
import { createAdminPages } from './admin';
import { signupPages } from './signup';
import { chapterPages } from './chapters';

export const createPeoplePages = (hooks: PeopleHooks) =>
  new Hono<AppEnv>()
    .route('/', createAccountPages(hooks))
    .route('/', createAdminPages(hooks))
    .route('/', signupPages)
    .route('/', chapterPages);
