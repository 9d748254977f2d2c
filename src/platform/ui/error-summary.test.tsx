import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../../modules/people';
import { upsertAgency } from '../../modules/jobs';
import { ErrorSummary, Radios, TextField } from './components';
import { nameErrorFields } from './error-summary';

const t = ((key: string, v?: { count?: number }) => `${key}:${v?.count ?? ''}`) as never;

describe('nameErrorFields', () => {
  it("names each problem by its field's label (hint dropped) or its fieldset's legend, and leaves given labels alone", () => {
    const html = nameErrorFields(
      String(
        <form>
          <ErrorSummary
            t={t}
            errors={{
              'title.en': 'Enter this information.',
              startsAt: 'Enter this information.',
              language: 'Choose one.',
              nowhere: 'Odd.',
            }}
          />
          <ErrorSummary t={t} errors={{ email: 'Bad.' }} labels={{ email: 'Your email' }} />
          <TextField name="title.en" label="Title — English" optional="(optional)" error="Enter this information." />
          <TextField name="startsAt" label="Starts &amp; ends" error="Enter this information." />
          <Radios name="language" legend="Language" options={[{ value: 'en', label: 'English' }]} error="Choose one." />
        </form>,
      ),
    );
    expect(html).toContain(
      '<a href="#title.en" data-error-field=""><span class="pw-error-summary__field">Title — English</span>: Enter this information.</a>',
    );
    expect(html).toContain('<span class="pw-error-summary__field">Starts &amp; ends</span>: Enter this information.');
    expect(html).toContain('<span class="pw-error-summary__field">Language</span>: Choose one.');
    expect(html).toContain('<a href="#nowhere" data-error-field="">Odd.</a>');
    expect(html).toContain('<a href="#email">Your email: Bad.</a>');
    expect(html).toMatch(/class="usa-alert usa-alert--error pw-error-summary"[^>]*tabindex="-1"[^>]*autofocus/);
  });

  it('leaves pages without an error summary untouched', () => {
    const page = '<p><a href="#x">x</a></p>';
    expect(nameErrorFields(page)).toBe(page);
  });
});

describe('forms report every problem at once, each named', () => {
  let env: TestEnv;
  const u = uid();
  beforeAll(async () => {
    env = await testEnv({ RATE_LIMITS: 'off' });
    await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
    await upsertAgency(env.deps.db, { slug: `agency-${u}`, name: `Agency ${u}`, level: 'city' });
  });
  afterAll(() => env.close());

  const summary = (html: string) =>
    visibleText(/<div class="usa-alert usa-alert--error pw-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '');

  it('new event: a missing title and an end before the start, on one submit', async () => {
    const b = new Browser(env);
    await b.signInAs(`ev-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const day = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
    const res = await b.post('/events/new', {
      'title.en': '',
      'title.es': '',
      timeZone: 'America/Los_Angeles',
      startsAt: `${day}T10:00`,
      endsAt: `${day}T09:00`,
      format: 'in_person',
      status: 'published',
      capacity: '0',
      reminders: '48, 2',
    });
    expect(res.status).toBe(422);
    const s = summary(await res.text());
    expect(s).toContain('There are 3 problems with this form');
    expect(s).toMatch(/Title — English\s*: Enter a title in English or Spanish\./);
    expect(s).toMatch(/Ends\s*: The end must be after the start\./);
    expect(s).toMatch(/Capacity\s*: Capacity must be 1 or more/);
  });

  it('post a job: no title, a bad date, pay the wrong way round and an agency not chosen, on one submit (in Spanish too)', async () => {
    const b = new Browser(env);
    await b.signInAs(`job-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const fields = {
      agency: '',
      title: '',
      closesOn: '31/31/2099',
      salaryMin: '90',
      salaryMax: '50',
      salaryInterval: 'hour',
      workplace: 'onsite',
      employmentType: 'full_time',
    };
    const res = await b.post('/jobs/manage/new', fields);
    expect(res.status).toBe(422);
    const s = summary(await res.text());
    expect(s).toContain('There are 4 problems with this form');
    for (const field of ['Agency', 'Job title', 'Closing date', 'Highest pay']) expect(s).toMatch(new RegExp(`${field}\\s*: `));
    const es = summary(await (await b.post('/es/jobs/manage/new', fields)).text());
    expect(es).toContain('Hay 4 problemas en este formulario');
  });
});
