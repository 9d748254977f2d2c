import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { createEvent, eventInput } from '../events';
import { createJob, getAgency, jobInput, upsertAgency } from '../jobs';

let env: TestEnv;
const hour = 3_600_000;
const tag = uid();

async function event(title: string, inHours: number, more: Record<string, unknown> = {}) {
  const startsAt = new Date(Date.now() + inHours * hour);
  return createEvent(
    env.deps.db,
    eventInput.parse({
      title: { en: title, es: `${title} (es)` },
      chapter: 'los-angeles',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
      timeZone: 'America/Los_Angeles',
      status: 'published',
      ...more,
    }),
    null,
  );
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  // Sooner than anything else in a shared database, so these are "the next" events.
  await event(`Past talk ${tag}`, -48);
  await event(`Called off ${tag}`, 0.1, { status: 'cancelled' });
  await event(`Unfinished ${tag}`, 0.2, { status: 'draft' });
  await event(`Breakfast talk ${tag}`, 0.3, { format: 'in_person', venue: { name: `Central Library ${tag}`, address: '630 W 5th St' } });
  await event(`Webinar ${tag}`, 0.4, { format: 'online' });
  const agency = `home-agency-${tag}`.toLowerCase();
  await upsertAgency(env.deps.db, { slug: agency, name: `Home Agency ${tag}`, level: 'city' });
  await createJob(
    env.deps.db,
    (await getAgency(env.deps.db, agency))!,
    jobInput.parse({ agency, title: `Data Analyst ${tag}`, salaryMin: 80000 }),
    {
      by: null as unknown as string,
      publish: true,
    },
  );
});
afterAll(() => env.close());

describe('the home page', () => {
  it('shows the next published events with weekday, time and place or "Online", then jobs, with one newsletter form', async () => {
    const html = await (await new Browser(env).get('/')).text();
    const text = visibleText(html);
    expect(text).toContain('Next events');
    expect(text).toContain(`Breakfast talk ${tag}`);
    expect(text).toContain(`Central Library ${tag}`);
    expect(text).toContain(`Webinar ${tag}`);
    expect(text).not.toContain(`Called off ${tag}`);
    expect(text).not.toContain(`Unfinished ${tag}`);
    expect(text).not.toContain(`Past talk ${tag}`);
    // The next event comes before the jobs, and the date is written with its weekday and zone.
    expect(text.indexOf(`Breakfast talk ${tag}`)).toBeLessThan(text.indexOf('Featured jobs'));
    expect(text).toMatch(/(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2}/);
    expect(text).toMatch(/P[SD]T/);
    const webinar = text.slice(text.indexOf(`Webinar ${tag}`));
    expect(webinar.slice(0, 200)).toContain('Online');
    expect(text).toContain(`Data Analyst ${tag}`);
    expect(html.match(/action="\/newsletter\/subscribe"/g)?.length).toBe(1);
  });

  it('is in Spanish under /es', async () => {
    const text = visibleText(await (await new Browser(env).get('/es')).text());
    expect(text).toContain('Próximos eventos');
    expect(text).toContain(`Breakfast talk ${tag} (es)`);
    expect(text).toContain('En línea');
    expect(text).toMatch(/(lun|mar|mié|jue|vie|sáb|dom), \d{1,2} de [a-z]{3,4}/);
    expect(text).toContain('Empleos destacados');
  });
});

describe('an event page', () => {
  it('links a venue with an address to an OpenStreetMap search, and puts the RSVP in the side box', async () => {
    const html = await (await new Browser(env).get('/events')).text();
    const slug = /href="\/events\/(breakfast-talk-[^"]+)"/.exec(html)?.[1];
    expect(slug).toBeTruthy();
    const page = await (await new Browser(env).get(`/events/${slug}`)).text();
    expect(page).toContain('href="https://www.openstreetmap.org/search?query=630+W+5th+St"');
    const side = page.slice(page.indexOf('class="pw-event__side"'), page.indexOf('class="pw-event__main"'));
    expect(side).toContain('id="rsvp-heading"');
  });
});
