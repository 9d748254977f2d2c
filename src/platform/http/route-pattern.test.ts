import { describe, expect, it } from 'vitest';
import { routePatternRegExp } from './route-pattern';

describe('routePatternRegExp', () => {
  it('matches a parameter segment and nothing across a slash', () => {
    const re = routePatternRegExp('/conferences/:slug/review/:id');
    expect(re.test('/conferences/civic-2027/review/reviewers')).toBe(true);
    expect(re.test('/conferences/civic-2027/review/a/b')).toBe(false);
    expect(re.test('/conferences/civic-2027/review')).toBe(false);
  });

  it('honours a parameter pattern, a wildcard and a trailing slash', () => {
    const re = routePatternRegExp('/jobs/:id{[0-9]+}');
    expect(re.test('/jobs/42')).toBe(true);
    expect(re.test('/jobs/42/')).toBe(true);
    expect(re.test('/jobs/new')).toBe(false);
    expect(routePatternRegExp('/assets/*').test('/assets/build/app.js')).toBe(true);
  });

  it('takes the literal characters of a path literally', () => {
    const re = routePatternRegExp('/schedule.xml');
    expect(re.test('/schedule.xml')).toBe(true);
    expect(re.test('/scheduleXxml')).toBe(false);
  });
});
