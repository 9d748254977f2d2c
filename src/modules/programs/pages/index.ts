import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { publicPages } from './public';
import { teamPages } from './team';
import { organizePages } from './organize';
import { reportPages } from './report';
import { worksheetPages } from './worksheets';
import { progressPages } from './progress';
import { slotPages } from './slots';
import { sessionPages } from './sessions';
import { managePages } from './manage';
import { deliverablePages } from './deliverables';
import { draftPages } from './drafts';

// The team's and organizers' routes are more specific than the program page's, so they go first.
export const programsPages = new Hono<AppEnv>()
  .route('/', teamPages)
  .route('/', organizePages)
  .route('/', reportPages)
  .route('/', worksheetPages)
  .route('/', progressPages)
  .route('/', slotPages)
  .route('/', sessionPages)
  .route('/', managePages)
  .route('/', deliverablePages)
  .route('/', draftPages)
  .route('/', publicPages);
