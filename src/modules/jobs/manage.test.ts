import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { drainTasks } from '../../platform/queue/queue';
import { jobs, techRules } from './schema';
import { jobsModule } from '.';
import { getJob, searchJobs, upsertAgency } from './service';
import { ensureChapter } from '../people';

let env: TestEnv;
let u: string;
let mine: string;
let other: string;
beforeAll(async () => {
  env = await testEnv();
  u = uid();
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  mine = `agency-${u}`;
  other = `other-${u}`;
  await upsertAgency(env.deps.db, { slug: mine, name: `Fixture Agency ${u}`, level: 'city' });
  await upsertAgency(env.deps.db, { slug: other, name: `Other Agency ${u}`, level: 'county' });
});
afterAll(() => env.close());

const form = {
  title: 'Programmer Analyst',
  summary: 'Build City software.',
  classification: 'Programmer Analyst',
  salaryMin: '40',
  salaryMax: '50',
  salaryInterval: 'hour',
  locations: 'Los Angeles, CA\nRemote',
  workplace: 'hybrid',
  closesOn: '12/31/2099',
  employmentType: 'full_time',
  description: '**Bold** and <script>alert(1)</script>',
  applyUrl: 'https://example.org/apply',
  tags: 'software, city',
};

describe('partners post, organizers review', () => {
  it('a partner posts for their own agency; the job waits for review, then an organizer publishes it', async () => {
    const partner = new Browser(env);
    await partner.signInAs(`partner-${u}@example.org`, { role: 'partner', scope: mine });
    expect((await partner.get('/jobs/manage')).status).toBe(200);
    const bad = await partner.post('/jobs/manage/new', { ...form, agency: mine, title: '', closesOn: '31/31/2099' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(visibleText(badHtml)).toContain('Enter a date like 12/31/2026.');
    expect(badHtml).toContain('value="Build City software."');
    const notMine = await partner.post('/jobs/manage/new', { ...form, agency: other });
    expect(notMine.status).toBe(422);
    expect(visibleText(await notMine.text())).toContain('You can post jobs only for your own agency.');

    const ok = await partner.post('/jobs/manage/new', { ...form, agency: mine });
    expect(ok.status).toBe(303);
    const [job] = await env.deps.db.select().from(jobs).where(eq(jobs.title, 'Programmer Analyst')).orderBy(jobs.createdAt);
    const mineJob = (await env.deps.db.select().from(jobs)).find((j) => j.keywords.includes(`Fixture Agency ${u}`))!;
    expect(job).toBeTruthy();
    expect(mineJob).toMatchObject({
      status: 'pending',
      salaryMin: 83200,
      salaryMax: 104000,
      salaryInterval: 'hour',
      workplace: 'hybrid',
      tech: true,
      locations: ['Los Angeles, CA', 'Remote'],
    });
    expect(mineJob.description).toBe('<p><strong>Bold</strong> and </p>');
    expect((await searchJobs(env.deps.db, { agency: mine }, { limit: 10, offset: 0 })).total).toBe(0);
    expect((await new Browser(env).get(`/jobs/${mineJob.id}`)).status).toBe(404);
    expect((await partner.get(`/jobs/${mineJob.id}`)).status).toBe(200);
    expect((await partner.post(`/jobs/manage/${mineJob.id}/publish`, {})).status).toBe(403);

    const organizer = new Browser(env);
    await organizer.signInAs(`org-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    expect((await organizer.post(`/jobs/manage/${mineJob.id}/publish`, {})).status).toBe(303);
    const published = (await getJob(env.deps.db, mineJob.id)).job;
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    expect((await searchJobs(env.deps.db, { agency: mine }, { limit: 10, offset: 0 })).total).toBe(1);

    // An organizer hides it from the board (not tech), then lets the rules decide again.
    await organizer.post(`/jobs/manage/${mineJob.id}/tech-hide`, {});
    expect((await searchJobs(env.deps.db, { agency: mine }, { limit: 10, offset: 0 })).total).toBe(0);
    await organizer.post(`/jobs/manage/${mineJob.id}/tech-auto`, {});
    expect((await searchJobs(env.deps.db, { agency: mine }, { limit: 10, offset: 0 })).total).toBe(1);

    // A partner's edit sends it back to review.
    const edit = await partner.post(`/jobs/manage/${mineJob.id}/edit`, { ...form, agency: mine, title: 'Programmer Analyst II' });
    expect(edit.status).toBe(303);
    expect((await getJob(env.deps.db, mineJob.id)).job).toMatchObject({ title: 'Programmer Analyst II', status: 'pending' });
    // Someone else's partner cannot touch it.
    const stranger = new Browser(env);
    await stranger.signInAs(`stranger-${u}@example.org`, { role: 'partner', scope: other });
    expect((await stranger.get(`/jobs/manage/${mineJob.id}/edit`)).status).toBe(403);
    // A person with no partner role is told why.
    const nobody = new Browser(env);
    await nobody.signInAs(`nobody-${u}@example.org`);
    expect(visibleText(await (await nobody.get('/jobs/manage')).text())).toContain('not linked to an agency');
  });

  it('the API lets partners post and patch their own jobs and organizers change status', async () => {
    const partner = await apiToken(env, `api-partner-${u}@example.org`, 'partner', mine);
    const organizer = await apiToken(env, `api-org-${u}@example.org`, 'organizer', 'los-angeles');
    const body = {
      agency: mine,
      title: 'Data Engineer',
      salaryMin: 5000,
      salaryMax: 7000,
      salaryInterval: 'month',
      continuous: true,
      workplace: 'remote',
    };
    const created = await api(env, 'POST', '/api/v1/jobs', partner, body);
    expect(created.status).toBe(201);
    const job = (await created.json()) as { id: string; status: string; salaryMin: number; salaryMax: number; continuous: boolean };
    expect(job).toMatchObject({ status: 'pending', salaryMin: 60000, salaryMax: 84000, continuous: true });
    expect((await api(env, 'POST', '/api/v1/jobs', partner, { ...body, agency: other })).status).toBe(403);
    expect((await api(env, 'POST', '/api/v1/jobs', partner, '{"agency":')).status).toBeLessThan(500);
    expect((await api(env, 'POST', '/api/v1/jobs', partner, { ...body, title: 'x'.repeat(5000) })).status).toBe(422);
    expect((await api(env, 'POST', '/api/v1/jobs', undefined, body)).status).toBe(401);
    expect((await api(env, 'PATCH', `/api/v1/jobs/${job.id}`, partner, { status: 'published' })).status).toBe(403);
    const patched = await api(env, 'PATCH', `/api/v1/jobs/${job.id}`, partner, { title: 'Senior Data Engineer' });
    // Fields left out stay: the monthly pay is still monthly, as posted.
    expect(await patched.json()).toMatchObject({
      title: 'Senior Data Engineer',
      salaryMin: 60000,
      pay: { min: 5000, max: 7000, unit: 'month' },
      status: 'pending',
    });
    // Two PATCHes at once, each naming other fields: both land (each merges into the row as it is then).
    const [a, b] = await Promise.all([
      api(env, 'PATCH', `/api/v1/jobs/${job.id}`, partner, { title: 'Lead Data Engineer' }),
      api(env, 'PATCH', `/api/v1/jobs/${job.id}`, partner, { summary: 'Builds the county’s open data pipelines.' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await getJob(env.deps.db, job.id)).job).toMatchObject({
      title: 'Lead Data Engineer',
      summary: 'Builds the county’s open data pipelines.',
    });
    const pub = await api(env, 'PATCH', `/api/v1/jobs/${job.id}`, organizer, { status: 'published', promoted: true });
    expect(await pub.json()).toMatchObject({ status: 'published', promoted: true });
    expect((await api(env, 'GET', `/api/v1/jobs/${job.id}`)).status).toBe(200);
    // Counting for impact reports: organizers only.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
    expect((await api(env, 'GET', `/api/v1/jobs/stats?from=${today}&to=${tomorrow}`, partner)).status).toBe(403);
    const stats = (await (await api(env, 'GET', `/api/v1/jobs/stats?from=${today}&to=${tomorrow}`, organizer)).json()) as {
      posted: { byAgency: { agencySlug: string; count: number }[] };
    };
    expect(stats.posted.byAgency.find((a) => a.agencySlug === mine)?.count).toBeGreaterThanOrEqual(1);
    expect((await api(env, 'GET', '/api/v1/jobs/stats?from=yesterday&to=today', organizer)).status).toBe(422);
  });
});

describe('organizer tools', () => {
  it('imports an uploaded file in the background and shows progress, then the report', async () => {
    const organizer = new Browser(env);
    await organizer.signInAs(`importer-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const xml = fs
      .readFileSync(path.join(import.meta.dirname, 'fixtures', 'neogov.xml'), 'utf8')
      .replace(/4711/g, `4711${u}`)
      .replace(/Fixture Heights/g, `Fixture Heights ${u}`);
    const body = new FormData();
    body.set('_csrf', organizer.cookies.get('pw_csrf') ?? (await organizer.get('/'), organizer.cookies.get('pw_csrf'))!);
    body.set('format', 'neogov');
    body.set('file', new File([xml], 'feed.xml', { type: 'application/rss+xml' }));
    const cookie = [...organizer.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await env.app.request('/admin/jobs/import', { method: 'POST', body, headers: { cookie, accept: 'text/html' } });
    expect(res.status).toBe(303);
    const progressUrl = res.headers.get('location')!;
    const waiting = await (await organizer.get(progressUrl)).text();
    expect(waiting).toContain('http-equiv="refresh"');
    expect(visibleText(waiting)).toContain('Waiting to start');
    await drainTasks(env.deps, jobsModule.tasks!);
    const done = visibleText(await (await organizer.get(progressUrl)).text());
    expect(done).toContain('Finished.');
    expect(done).toMatch(/New 4 Updated 0 Unchanged 0 Closed \(no longer in the feed\) 0 Skipped 0/);
    expect(done).toContain('its closing date could not be read ("Not a date")');
    expect(done).toContain('No feed name was given, so no posting was closed.');

    const broken = new FormData();
    broken.set('_csrf', organizer.cookies.get('pw_csrf')!);
    broken.set('format', 'usajobs');
    broken.set('file', new File(['{"SearchResult": ['], 'broken.json'));
    const r2 = await env.app.request('/es/admin/jobs/import', { method: 'POST', body: broken, headers: { cookie, accept: 'text/html' } });
    await drainTasks(env.deps, jobsModule.tasks!);
    const rejected = visibleText(await (await organizer.get(r2.headers.get('location')!)).text());
    expect(rejected).toContain('El archivo fue rechazado. No se importó nada.');
    expect(rejected).toContain('No es un JSON válido');
  });

  it('editing the rules reclassifies jobs', async () => {
    const organizer = new Browser(env);
    await organizer.signInAs(`rules-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const word = `zorblax${u}`;
    const partner = await apiToken(env, `rp-${u}@example.org`, 'organizer', 'los-angeles');
    const created = (await (await api(env, 'POST', '/api/v1/jobs', partner, { agency: mine, title: `Chief ${word} Officer` })).json()) as {
      id: string;
    };
    expect((await getJob(env.deps.db, created.id)).job.tech).toBe(false);
    const res = await organizer.post('/admin/jobs/rules', { kind: 'keyword', pattern: word });
    expect(res.status).toBe(303);
    expect((await getJob(env.deps.db, created.id)).job).toMatchObject({ tech: true, techReason: `keyword ${word}` });
    const [rule] = await env.deps.db.select().from(techRules).where(eq(techRules.pattern, word));
    await organizer.post(`/admin/jobs/rules/${rule.id}/remove`, {});
    expect((await getJob(env.deps.db, created.id)).job.tech).toBe(false);
    const anon = await new Browser(env).get('/admin/jobs/rules');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toContain('/signin');
  });
});

describe('Spanish text on a posting', () => {
  it('a posting takes a Spanish title and description, shown on /es pages and found by Spanish words; English pages keep the English', async () => {
    const organizer = new Browser(env);
    await organizer.signInAs(`es-org-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const formPage = visibleText(await (await organizer.get('/es/jobs/manage/new')).text());
    expect(formPage).toContain('Nombre del puesto en español');
    expect(formPage).toContain('Descripción completa en español');
    const title = `Data Analyst ${u}`;
    const ok = await organizer.post('/jobs/manage/new', {
      ...form,
      agency: mine,
      title,
      titleEs: `Analista de datos ${u}`,
      description: 'Work with **open data**.',
      descriptionEs: 'Trabaja con **datos abiertos**.',
    });
    expect(ok.status).toBe(303);
    const [job] = await env.deps.db.select().from(jobs).where(eq(jobs.title, title));
    expect(job).toMatchObject({ titleEs: `Analista de datos ${u}`, descriptionEs: '<p>Trabaja con <strong>datos abiertos</strong>.</p>' });
    const es = visibleText(await (await new Browser(env).get(`/es/jobs/${job.id}`)).text());
    expect(es).toContain(`Analista de datos ${u}`);
    expect(es).toContain('Trabaja con datos abiertos');
    expect(es).not.toContain('Work with open data');
    const en = visibleText(await (await new Browser(env).get(`/jobs/${job.id}`)).text());
    expect(en).toContain(title);
    expect(en).toContain('Work with open data');
    expect(en).not.toContain('Analista');
    const list = visibleText(await (await new Browser(env).get(`/es/jobs?q=${encodeURIComponent(`analista ${u}`)}`)).text());
    expect(list).toContain(`Analista de datos ${u}`);
    // Left blank, the Spanish pages show the English title.
    const plain = await organizer.post('/jobs/manage/new', { ...form, agency: mine, title: `Plain ${u}`, titleEs: '' });
    expect(plain.status).toBe(303);
    const [p] = await env.deps.db
      .select()
      .from(jobs)
      .where(eq(jobs.title, `Plain ${u}`));
    expect(p.titleEs).toBeNull();
    expect(visibleText(await (await new Browser(env).get(`/es/jobs/${p.id}`)).text())).toContain(`Plain ${u}`);
  });
});

describe('editing a posting loses no text', () => {
  it('the edit form starts from the descriptions as typed; an imported description survives a form save and an API change', async () => {
    const organizer = new Browser(env);
    await organizer.signInAs(`edit-org-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const title = `Editable ${u}`;
    const created = await organizer.post('/jobs/manage/new', {
      ...form,
      agency: mine,
      title,
      description: 'Work with **open data**.',
      descriptionEs: 'Trabaja con **datos abiertos**.',
    });
    expect(created.status).toBe(303);
    const [job] = await env.deps.db.select().from(jobs).where(eq(jobs.title, title));
    const editPage = await (await organizer.get(`/jobs/manage/${job.id}/edit`)).text();
    expect(editPage).toContain('Work with **open data**.');
    expect(editPage).toContain('Trabaja con **datos abiertos**.');
    // Saving the form as shown changes nothing of the text.
    expect(
      (
        await organizer.post(`/jobs/manage/${job.id}/edit`, {
          ...form,
          agency: mine,
          title,
          description: 'Work with **open data**.',
          descriptionEs: 'Trabaja con **datos abiertos**.',
        })
      ).status,
    ).toBe(303);
    const [same] = await env.deps.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(same.description).toBe('<p>Work with <strong>open data</strong>.</p>');
    expect(same.descriptionEs).toBe('<p>Trabaja con <strong>datos abiertos</strong>.</p>');

    // An imported posting: HTML only, no text as typed.
    await env.deps.db
      .update(jobs)
      .set({ description: '<p>Imported <em>duties</em>.</p>', descriptionSource: null, descriptionEs: null, descriptionEsSource: null })
      .where(eq(jobs.id, job.id));
    const importedForm = visibleText(await (await organizer.get(`/jobs/manage/${job.id}/edit`)).text());
    expect(importedForm).toContain('keeps the description of its original listing');
    expect(
      (await organizer.post(`/jobs/manage/${job.id}/edit`, { ...form, agency: mine, title, description: '', descriptionEs: '' })).status,
    ).toBe(303);
    const [kept] = await env.deps.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(kept.description).toBe('<p>Imported <em>duties</em>.</p>');

    const token = await apiToken(env, `edit-api-${u}@example.org`, 'organizer', 'los-angeles');
    expect((await api(env, 'PATCH', `/api/v1/jobs/${job.id}`, token, { title: `${title} II`, titleEs: `Editable ES ${u}` })).status).toBe(
      200,
    );
    const [patched] = await env.deps.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(patched).toMatchObject({ title: `${title} II`, titleEs: `Editable ES ${u}`, description: '<p>Imported <em>duties</em>.</p>' });
    // A later PATCH that leaves the Spanish title out keeps it.
    expect((await api(env, 'PATCH', `/api/v1/jobs/${job.id}`, token, { summary: 'Shorter.' })).status).toBe(200);
    const [again] = await env.deps.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(again).toMatchObject({ titleEs: `Editable ES ${u}`, description: '<p>Imported <em>duties</em>.</p>', summary: 'Shorter.' });
  });
});
