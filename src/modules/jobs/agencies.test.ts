import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { rows } from '../../db/client';
import { agencyForEmail, getAgencyBySlug, guideForAgency, upsertAgency, upsertGuide } from './service';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

describe('organizers keep the agency directory', () => {
  it('adds and edits an agency on its page; a bad field is named next to it, values kept, nothing saved', async () => {
    const u = uid();
    const b = new Browser(env);
    await b.signInAs(`dir-${u}@example.org`, { role: 'organizer' });
    expect((await b.get('/es/admin/jobs/agencies')).status).toBe(200);
    const bad = await b.post('/admin/jobs/agencies', {
      name: `Departamento de Transporte ${u}`,
      slug: `ladot-${u}`,
      level: 'city',
      website: 'javascript:alert(1)',
      emailDomains: 'ladot.lacity.org, not a domain',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain(`value="Departamento de Transporte ${u}"`);
    expect(html).toMatch(/id="website-error"/);
    expect(html).toMatch(/id="emailDomains-error"/);
    expect(await getAgencyBySlug(env.deps.db, `ladot-${u}`)).toBeUndefined();

    const ok = await b.post('/admin/jobs/agencies', {
      name: `Los Angeles Department of Transportation ${u}`,
      slug: `ladot-${u}`,
      level: 'city',
      website: 'https://ladot.lacity.gov',
      careersUrl: 'https://ladot.lacity.gov/jobs',
      emailDomains: '@ladot.lacity.org lacity.gov',
    });
    expect(ok.status).toBe(303);
    expect(await getAgencyBySlug(env.deps.db, `ladot-${u}`)).toMatchObject({
      level: 'city',
      emailDomains: ['ladot.lacity.org', 'lacity.gov'],
    });
    const again = await b.post('/admin/jobs/agencies', { name: 'LADOT', slug: `ladot-${u}`, level: 'city' });
    expect(again.status).toBe(409);
    expect(visibleText(await again.text())).toContain(`There is already an agency with the code "ladot-${u}"`);

    await upsertAgency(env.deps.db, { slug: `city-${u}`, name: `City ${u}`, level: 'city' });
    const edit = await b.post(`/admin/jobs/agencies/ladot-${u}`, {
      name: `LADOT ${u}`,
      nameEs: `Departamento de Transporte de Los Ángeles ${u}`,
      level: 'city',
      parent: `city-${u}`,
      website: 'https://ladot.lacity.gov',
      careersUrl: '',
      emailDomains: 'ladot.lacity.org',
    });
    expect(edit.status).toBe(303);
    const saved = (await getAgencyBySlug(env.deps.db, `ladot-${u}`))!;
    expect(saved).toMatchObject({ name: `LADOT ${u}`, careersUrl: null, emailDomains: ['ladot.lacity.org'] });
    expect(saved.parentId).toBe((await getAgencyBySlug(env.deps.db, `city-${u}`))!.id);
    // Its own parent is refused.
    const loop = await b.post(`/admin/jobs/agencies/city-${u}`, { name: `City ${u}`, level: 'city', parent: `ladot-${u}` });
    expect(loop.status).toBe(422);
  });

  it('POST and PATCH /api/v1/agencies for organizers; others get 403', async () => {
    const u = uid();
    const org = await apiToken(env, `dir-api-${u}@example.org`, 'organizer');
    const member = await apiToken(env, `dir-member-${u}@example.org`);
    const body = { name: `Metro ${u}`, slug: `metro-${u}`, level: 'special_district', emailDomains: ['metro.net'] };
    expect((await api(env, 'POST', '/api/v1/agencies', member, body)).status).toBe(403);
    const created = await api(env, 'POST', '/api/v1/agencies', org, body);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      slug: `metro-${u}`,
      level: 'special_district',
      emailDomains: ['metro.net'],
      parent: null,
    });
    expect((await api(env, 'POST', '/api/v1/agencies', org, body)).status).toBe(409);
    const bad = await api(env, 'POST', '/api/v1/agencies', org, { name: 'X', level: 'galaxy' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('level');
    const patched = await api(env, 'PATCH', `/api/v1/agencies/metro-${u}`, org, {
      careersUrl: 'https://jobs.metro.net',
      nameEs: `Metro ${u} (ES)`,
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      careersUrl: 'https://jobs.metro.net',
      nameEs: `Metro ${u} (ES)`,
      emailDomains: ['metro.net'],
    });
    expect((await api(env, 'PATCH', `/api/v1/agencies/metro-${u}`, member, { name: 'Mine' })).status).toBe(403);
  });

  it('tells a government address by the agencies’ email domains, the most specific agency first', async () => {
    const u = uid();
    const city = await upsertAgency(env.deps.db, {
      slug: `gov-city-${u}`,
      name: `Gov City ${u}`,
      level: 'city',
      emailDomains: [`city${u}.gov`],
    });
    const ita = await upsertAgency(env.deps.db, {
      slug: `gov-ita-${u}`,
      name: `Gov ITA ${u}`,
      level: 'city',
      emailDomains: [`ita.city${u}.gov`],
    });
    expect((await agencyForEmail(env.deps.db, `ana@city${u}.gov`))?.id).toBe(city.id);
    expect((await agencyForEmail(env.deps.db, `Ana@Parks.City${u}.gov`))?.id).toBe(city.id);
    expect((await agencyForEmail(env.deps.db, `bo@ita.city${u}.gov`))?.id).toBe(ita.id);
    expect(await agencyForEmail(env.deps.db, `bo@notcity${u}.gov`)).toBeNull();
    expect(await agencyForEmail(env.deps.db, 'someone@gmail.com')).toBeNull();
  });
});

describe('a partner role picks its agency from the directory', () => {
  it('grants partner scoped to the chosen agency id, and refuses a partner without one', async () => {
    const u = uid();
    const agency = await upsertAgency(env.deps.db, { slug: `partner-${u}`, name: `Partner Agency ${u}`, level: 'county' });
    const admin = new Browser(env);
    await admin.signInAs(`admin-${u}@example.org`, { role: 'admin' });
    const someone = new Browser(env);
    const person = await someone.signInAs(`p-${u}@example.org`);
    const pageHtml = await (await admin.get(`/admin/people/${person.id}`)).text();
    expect(pageHtml).toContain(`<option value="${agency.id}">Partner Agency ${u}</option>`);
    const missing = await admin.post(`/admin/people/${person.id}/roles`, { role: 'partner', scope: 'ladot' });
    expect(missing.status).toBe(422);
    expect(visibleText(await missing.text())).toContain('Choose the partner’s agency from the list.');
    const grantsOf = () =>
      rows<{ role: string; scope: string | null }>(env.deps.db, sql`SELECT role, scope FROM role_grants WHERE person_id = ${person.id}`);
    expect(await grantsOf()).toEqual([]);
    const ok = await admin.post(`/admin/people/${person.id}/roles`, { role: 'partner', agency: agency.id });
    expect(ok.status).toBe(303);
    expect((await grantsOf()).map((g) => [g.role, g.scope])).toEqual([['partner', agency.id]]);
    expect(visibleText(await (await admin.get(`/admin/people/${person.id}`)).text())).toContain(
      `Partner (an agency or organization) — Partner Agency ${u}`,
    );
    // Spanish too.
    expect(await (await admin.get(`/es/admin/people/${person.id}`)).text()).toContain('Agencia (para socios)');
  });
});

describe('hiring guides', () => {
  it('an agency gets its own guide, else its parent’s, else its level’s; a county without one gets a city’s', async () => {
    const db = env.deps.db;
    const u = uid();
    await upsertAgency(db, { name: `State Department ${u}`, slug: `state-${u}`, level: 'state' });
    const office = await upsertAgency(db, { name: `State Office ${u}`, slug: `office-${u}`, level: 'state', parent: `state-${u}` });
    const county = await upsertAgency(db, { name: `County ${u}`, slug: `county-${u}`, level: 'county' });
    const guide = (slug: string, of: { level?: 'city' | 'county' | 'state'; agency?: string }) =>
      upsertGuide(db, {
        slug,
        titleEn: `Guide ${slug}`,
        titleEs: `Guía ${slug}`,
        bodyEn: 'How to apply.',
        bodyEs: 'Cómo postularse.',
        ...of,
      });
    const pick = async (agency: typeof county) => (await guideForAgency(db, agency))?.slug;
    await guide(`city-${u}`, { level: 'city' });
    expect(await pick(county)).toBe(`city-${u}`);
    await guide(`county-${u}`, { level: 'county' });
    expect(await pick(county)).toBe(`county-${u}`);
    await guide(`state-level-${u}`, { level: 'state' });
    expect(await pick(office)).toBe(`state-level-${u}`);
    await guide(`state-own-${u}`, { agency: `state-${u}` });
    expect(await pick(office)).toBe(`state-own-${u}`);
    await guide(`office-own-${u}`, { agency: `office-${u}` });
    expect(await pick(office)).toBe(`office-own-${u}`);
  });
});
