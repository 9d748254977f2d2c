import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context';
import { linkPages } from './links';
import { mentorshipPages } from './mentorship';
import { organizePages } from './organize';

export const groupsPages = new Hono<AppEnv>().route('/', organizePages).route('/', mentorshipPages).route('/', linkPages);
