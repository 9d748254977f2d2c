import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { publicPages } from './public';
import { signupPages } from './signups';
import { managePages } from './manage';
import { programmePages } from './manage-programme';
import { cfpPublicPages } from './cfp-public';
import { cfpManagePages } from './cfp-manage';

// The signed-link pages first: `/conferences/signups/…` must not be read as a conference called "signups".
export const conferencesPages = new Hono<AppEnv>()
  .route('/', signupPages)
  .route('/', managePages)
  .route('/', programmePages)
  .route('/', cfpManagePages)
  .route('/', cfpPublicPages)
  .route('/', publicPages);
