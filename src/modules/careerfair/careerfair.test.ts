import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { signLink } from '../../platform/auth/tokens';
import { ensureChapter } from '../people';
import { createEvent, eventInput, events, type EventRow, eventTasks } from '../events';
import { createJob, jobInput, setTechOverride, upsertAgency, type Agency } from '../jobs';
import { fairAttendees, fairConnections } from './schema';
import { careerfairModule } from '.';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { boothFor, connect, eraseFairData, exportFairData, fairReport, makeFair, passToken, register, setTableNumber } from './service';

let env: TestEnv;
let u: string;
let e: EventRow;
let agencyA: Agency;
let agencyB: Agency;
let jobA: string;
let jobB: string;
let organizer: Browser;
let partnerA: Browser;
let partnerB: Browser;
let orgToken: string;
let partnerAToken: string;
let partnerBToken: string;

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const HOSTILE = `  Zoë "<script>alert('x')</script>" O'Brien-Ñúñez, =HYPERLINK("http://evil") 김민준  `;

async function newEvent(): Promise<EventRow> {
  return createEvent(
    env.deps.db,
    eventInput.parse({
      title: { en: `Fair ${uid()}`, es: `Feria ${uid()}` },
      chapter: 'los-angeles',
      startsAt: future(10),
      endsAt: future(10, 4),
      timeZone: 'America/Los_Angeles',
      status: 'published',
      capacity: 500,
    }),
    null,
  );
}

async function openJob(agency: Agency, title: string, by: string): Promise<string> {
  const job = await createJob(
    env.deps.db,
    agency,
    jobInput.parse({ agency: agency.slug, title, closesOn: '2099-12-31', summary: 'Build public software.' }),
    { by, publish: true },
  );
  await setTechOverride(env.deps.db, job.id, true);
  return job.id;
}

const passFrom = (res: Response) => {
  const loc = res.headers.get('location') ?? '';
  const m = /\/events\/fair-pass\/([^?]+)/.exec(loc);
  if (!m) throw new Error(`no pass in ${loc}`);
  return m[1];
};

/** The pass token from the newest pass email to an address, as its owner would follow it. */
async function emailedPass(to: string): Promise<string> {
  await drainTasks(env.deps, { ...eventTasks, ...careerfairModule.tasks! });
  // The RSVP's own email may be newer than the pass email: take the newest one carrying a pass link.
  const mails = await env.deps.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt));
  const m = mails.map((mail) => /\/events\/fair-pass\/([A-Za-z0-9_.-]+)/.exec(mail.text ?? '')).find(Boolean);
  if (!m) throw new Error(`no pass link emailed to ${to}`);
  return m[1];
}

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  u = uid();
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  agencyA = await upsertAgency(env.deps.db, {
    slug: `fair-a-${u}`,
    name: `Agencia Uno ${u}`,
    nameEs: `Agencia Uno ES ${u}`,
    level: 'city',
  });
  agencyB = await upsertAgency(env.deps.db, { slug: `fair-b-${u}`, name: `Other Agency ${u}`, level: 'county' });
  organizer = new Browser(env);
  const org = await organizer.signInAs(`org-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
  partnerA = new Browser(env);
  await partnerA.signInAs(`pa-${u}@example.org`, { role: 'partner', scope: agencyA.slug });
  partnerB = new Browser(env);
  await partnerB.signInAs(`pb-${u}@example.org`, { role: 'partner', scope: agencyB.id });
  orgToken = await apiToken(env, `org-api-${u}@example.org`, 'organizer', 'los-angeles');
  partnerAToken = await apiToken(env, `pa-api-${u}@example.org`, 'partner', agencyA.slug);
  partnerBToken = await apiToken(env, `pb-api-${u}@example.org`, 'partner', agencyB.slug);
  jobA = await openJob(agencyA, `Data Analyst ${u}`, org.id);
  jobB = await openJob(agencyB, `GIS Analyst ${u}`, org.id);
  e = await newEvent();
});
afterAll(() => env.close());

describe('setting up a fair', () => {
  it('only an organizer of the chapter makes an event a career fair; before that it has no fair pages', async () => {
    expect((await organizer.get(`/events/${e.slug}/fair`)).status).toBe(404);
    expect((await partnerA.post(`/events/${e.slug}/fair/setup`, {})).status).toBe(403);
    await ensureChapter(env.deps.db, { slug: 'san-francisco', name: 'San Francisco' });
    const other = new Browser(env);
    await other.signInAs(`org-sf-${u}@example.org`, { role: 'organizer', scope: 'san-francisco' });
    expect((await other.post(`/events/${e.slug}/fair/setup`, {})).status).toBe(403);
    const manage = await organizer.get(`/events/${e.slug}/fair/manage`);
    expect(visibleText(await manage.text())).toContain('Make this event a career fair');
    const res = await organizer.post(`/events/${e.slug}/fair/setup`, {});
    expect(res.status).toBe(303);
    expect((await organizer.get(`/events/${e.slug}/fair`)).status).toBe(200);
    expect(await (await organizer.get(`/events/${e.slug}/attendees`)).text()).toContain(`href="/events/${e.slug}/fair/manage"`);
    expect((await new Browser(env).get(`/fairs`)).status).toBe(200);
  });
});

describe('booths', () => {
  it('a partner registers their own agency’s booth with its open jobs, but not another agency’s', async () => {
    const res = await partnerA.post(`/events/${e.slug}/fair/booth`, {
      agency: agencyA.slug,
      staff: `${HOSTILE}\nAna Lucía Pérez, ana@example.org`,
      jobIds: [jobA],
      languages: 'English, Español, 한국어',
      tableNumber: '99',
    });
    expect(res.status).toBe(303);
    const booth = (await boothFor(env.deps.db, e.id, agencyA.id))!;
    expect(booth.jobIds).toEqual([jobA]);
    expect(booth.languages).toEqual(['English', 'Español', '한국어']);
    expect(booth.tableNumber).toBeNull(); // table numbers are the organizers'
    expect(booth.staff[0].name).toBe(HOSTILE.normalize('NFC').trim());
    expect(booth.staff[1]).toEqual({ name: 'Ana Lucía Pérez', email: 'ana@example.org' });

    expect((await partnerA.post(`/events/${e.slug}/fair/booth`, { agency: agencyB.slug, staff: 'X' })).status).toBe(403);
    expect((await partnerB.get(`/events/${e.slug}/fair/booths/${booth.id}/edit`)).status).toBe(403);
    expect((await partnerB.post(`/events/${e.slug}/fair/booths/${booth.id}/edit`, { staff: 'Hijack' })).status).toBe(403);
    const wrongJob = await partnerA.post(`/events/${e.slug}/fair/booths/${booth.id}/edit`, { staff: 'Ana', jobIds: [jobB] });
    expect(wrongJob.status).toBe(422);
    expect(visibleText(await wrongJob.text())).toContain('Choose only your agency’s open jobs');
    const api403 = await api(env, 'PUT', `/api/v1/events/${e.slug}/booths/agency/${agencyA.slug}`, partnerBToken, {
      staff: [],
      jobIds: [],
    });
    expect(api403.status).toBe(403);
    const viaApi = await api(env, 'PUT', `/api/v1/events/${e.slug}/booths/agency/${agencyB.slug}`, partnerBToken, {
      staff: [{ name: 'Bo', email: null }],
      jobIds: [jobB],
      languages: ['English'],
      tableNumber: '1',
    });
    expect(viaApi.status).toBe(200);
    expect(((await viaApi.json()) as { tableNumber: string | null }).tableNumber).toBeNull();
  });

  it('organizers set table numbers, unique per fair', async () => {
    const a = (await boothFor(env.deps.db, e.id, agencyA.id))!;
    const b = (await boothFor(env.deps.db, e.id, agencyB.id))!;
    expect((await partnerA.post(`/events/${e.slug}/fair/booths/${a.id}/table`, { tableNumber: '7' })).status).toBe(403);
    expect((await organizer.post(`/events/${e.slug}/fair/booths/${a.id}/table`, { tableNumber: '7' })).status).toBe(303);
    const clash = await organizer.post(`/events/${e.slug}/fair/booths/${b.id}/table`, { tableNumber: '7' });
    expect(clash.headers.get('location')).toContain('error=table');
    await expect(setTableNumber(env.deps.db, b, '7')).rejects.toMatchObject({ status: 409 });
    const viaApi = await api(env, 'PUT', `/api/v1/events/${e.slug}/booths/agency/${agencyB.slug}`, orgToken, {
      staff: [],
      jobIds: [jobB],
      languages: ['English'],
      tableNumber: '7',
    });
    expect(viaApi.status).toBe(409);
    expect((await organizer.post(`/events/${e.slug}/fair/booths/${b.id}/table`, { tableNumber: '8' })).status).toBe(303);
    expect((await boothFor(env.deps.db, e.id, agencyB.id))!.tableNumber).toBe('8');
    const manage = visibleText(await (await organizer.get(`/events/${e.slug}/fair/manage`)).text());
    expect(manage).toContain(agencyA.name);
  });

  it('attendees see the booth list with open jobs and languages, in English and Spanish, and through the API', async () => {
    const en = await (await new Browser(env).get(`/events/${e.slug}/fair`)).text();
    expect(en).toContain(`href="/jobs/${jobA}"`);
    expect(visibleText(en)).toContain('Hiring for');
    expect(visibleText(en)).toContain('English, Español, 한국어');
    expect(visibleText(en)).toContain('Table 7');
    const es = await (await new Browser(env).get(`/es/events/${e.slug}/fair`)).text();
    expect(es).toContain(`href="/es/jobs/${jobA}"`);
    expect(visibleText(es)).toContain('Contrata para');
    expect(visibleText(es)).toContain(`Agencia Uno ES ${u}`);
    expect(visibleText(es)).toContain('Mesa 7');
    const res = await api(env, 'GET', `/api/v1/events/${e.slug}/booths`);
    const body = (await res.json()) as { booths: { agency: { slug: string }; jobs: { id: string }[] }[] };
    expect(body.booths.find((b) => b.agency.slug === agencyA.slug)!.jobs.map((j) => j.id)).toEqual([jobA]);
    expect((await api(env, 'GET', `/api/v1/events/not-a-fair-${u}/booths`)).status).toBe(404);
  });
});

describe('registration, consent and scanning', () => {
  it('registers through the event RSVP; consent is explicit; scans connect once; no consent records nothing', async () => {
    const visitor = new Browser(env);
    const withConsent = await visitor.post(`/events/${e.slug}/fair/register`, {
      name: HOSTILE,
      email: `hostile-${u}@example.org`,
      consent: 'yes',
      interests: 'GIS; "maps", =1+1',
      resumeUrl: 'https://example.org/cv',
    });
    // The pass (which manages consent) goes to the address only; sharing waits for its owner.
    expect(withConsent.status).toBe(200);
    expect(visibleText(await withConsent.text())).toContain('Nothing is shared until you confirm it');
    const passA = await emailedPass(`hostile-${u}@example.org`);
    await visitor.post(`/events/fair-pass/${passA}/consent`, { consent: 'give' });
    const passPage = await visitor.get(`/events/fair-pass/${passA}`);
    const html = await passPage.text();
    expect(html).toContain('<svg');
    expect(html).not.toContain("<script>alert('x')");
    expect(visibleText(html)).toContain(HOSTILE.trim());
    const rsvp = await env.deps.database.db.execute(`SELECT status FROM rsvps WHERE email = 'hostile-${u}@example.org'`);
    expect((rsvp as unknown as { rows: { status: string }[] }).rows[0].status).toBe('going');

    const noConsent = await new Browser(env).post(`/es/events/${e.slug}/fair/register`, {
      name: 'Sin Permiso',
      email: `nc-${u}@example.org`,
    });
    expect(visibleText(await noConsent.text())).toContain('Revisa tu correo electrónico');
    const [nc] = await env.deps.db
      .select()
      .from(fairAttendees)
      .where(eq(fairAttendees.email, `nc-${u}@example.org`));
    expect(nc.consentedAt).toBeNull();

    const booth = (await boothFor(env.deps.db, e.id, agencyA.id))!;
    const first = await partnerA.post(`/events/${e.slug}/fair/booths/${booth.id}/scan`, { code: passA });
    expect(visibleText(await first.text())).toContain(`Connected with ${HOSTILE.trim()}`);
    const [hostile] = await env.deps.db
      .select()
      .from(fairAttendees)
      .where(eq(fairAttendees.email, `hostile-${u}@example.org`));
    const again = await api(env, 'POST', `/api/v1/events/${e.slug}/booths/${booth.id}/connections`, partnerAToken, {
      code: hostile.passCode.toLowerCase(),
    });
    expect(await again.json()).toEqual({ outcome: 'already', name: HOSTILE.trim() });
    expect(await env.deps.db.select().from(fairConnections).where(eq(fairConnections.attendeeId, hostile.id))).toHaveLength(1);

    const refused = await partnerA.post(`/es/events/${e.slug}/fair/booths/${booth.id}/scan`, { code: nc.passCode });
    const refusedText = visibleText(await refused.text());
    expect(refusedText).toContain('no aceptó compartir sus datos');
    expect(refusedText).not.toContain('Sin Permiso');
    const viaApi = await api(env, 'POST', `/api/v1/events/${e.slug}/booths/${booth.id}/connections`, partnerAToken, { code: nc.passCode });
    expect(await viaApi.json()).toEqual({ outcome: 'noConsent' });
    expect(await env.deps.db.select().from(fairConnections).where(eq(fairConnections.attendeeId, nc.id))).toHaveLength(0);
  });

  it("registering someone else's address with consent ticked shares nothing until its owner confirms from the emailed link", async () => {
    const booth = (await boothFor(env.deps.db, e.id, agencyB.id))!;
    const victim = `victim-${u}@example.org`;
    for (const prefix of ['', '/es']) {
      const attacker = new Browser(env);
      const res = await attacker.post(`${prefix}/events/${e.slug}/fair/register`, {
        name: 'Not Them',
        email: prefix ? `es-${victim}` : victim,
        consent: 'yes',
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toMatch(/fair-pass\//);
      expect(res.headers.get('location')).toBeNull();
    }
    const [a] = await env.deps.db.select().from(fairAttendees).where(eq(fairAttendees.email, victim));
    expect(a.consentedAt).toBeNull();
    // A booth scanning the pass code learns nothing and records nothing.
    expect(await connect(env.deps.db, env.deps.secret, booth, a.passCode, null)).toEqual({ outcome: 'noConsent' });
    expect(await env.deps.db.select().from(fairConnections).where(eq(fairConnections.attendeeId, a.id))).toHaveLength(0);
    // The owner's email, in the language of the page used, explains and links to the pass.
    const pass = await emailedPass(victim);
    const [mail] = await env.deps.db.select().from(outbox).where(eq(outbox.to, victim)).orderBy(desc(outbox.createdAt));
    expect(mail.text).toContain('Nothing is shared yet');
    await emailedPass(`es-${victim}`);
    const [esMail] = await env.deps.db
      .select()
      .from(outbox)
      .where(eq(outbox.to, `es-${victim}`))
      .orderBy(desc(outbox.createdAt));
    expect(esMail.text).toContain('Todavía no se comparte nada');
    // Following the link and confirming is what gives consent.
    const owner = new Browser(env);
    expect(visibleText(await (await owner.get(`/events/fair-pass/${pass}`)).text())).toContain('Share my details with agencies');
    expect((await owner.post(`/events/fair-pass/${pass}/consent`, { consent: 'give' })).status).toBe(303);
    expect(await connect(env.deps.db, env.deps.secret, booth, a.passCode, null)).toEqual({ outcome: 'connected', name: 'Not Them' });
  });

  it('the pass QR code carries only the scan code, which cannot open or manage the pass', async () => {
    const email = `qr-${u}@example.org`;
    await new Browser(env).post(`/events/${e.slug}/fair/register`, { name: 'Quinn', email });
    const token = await emailedPass(email);
    const [a] = await env.deps.db.select().from(fairAttendees).where(eq(fairAttendees.email, email));
    const html = await (await new Browser(env).get(`/events/fair-pass/${token}`)).text();
    const svg = /<figure[^>]*class="pw-qr"[\s\S]*?<\/figure>/.exec(html)![0];
    const QRCode = (await import('qrcode')).default;
    const expected = await QRCode.toString(a.passCode, { type: 'svg', margin: 2, width: 260, errorCorrectionLevel: 'L' });
    const paths = (s: string) => [...s.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths(svg)).toEqual(paths(expected));
    const fromToken = await QRCode.toString(token, { type: 'svg', margin: 2, width: 260, errorCorrectionLevel: 'L' });
    expect(paths(svg)).not.toEqual(paths(fromToken));
    const b = new Browser(env);
    expect((await b.get(`/events/fair-pass/${a.passCode}`)).status).toBe(404);
    expect((await b.post(`/events/fair-pass/${a.passCode}/consent`, { consent: 'give' })).status).toBe(404);
    const [still] = await env.deps.db.select().from(fairAttendees).where(eq(fairAttendees.id, a.id));
    expect(still.consentedAt).toBeNull();
  });

  it('a returning registrant gets their pass again by email, in either language, with plain forms', async () => {
    const email = `again-${u}@example.org`;
    const newcomer = await new Browser(env).post(`/events/${e.slug}/fair/register`, { name: 'Ada Again', email });
    const first = await emailedPass(email);
    // A stranger typing this address learns nothing: the answer reads as for a new registration.
    const again = await new Browser(env).post(`/events/${e.slug}/fair/register`, { name: 'Someone Else', email });
    expect(again.status).toBe(newcomer.status);
    expect(visibleText(await again.text())).toBe(visibleText(await newcomer.text()));
    for (const [prefix, text] of [
      ['', 'Check your email'],
      ['/es', 'Revisa tu correo'],
    ] as const) {
      const res = await new Browser(env).post(`${prefix}/events/${e.slug}/fair/register`, { name: 'Ada Again', email });
      expect(res.status).toBe(200);
      expect(visibleText(await res.text())).toContain(text);
      const token = await emailedPass(email);
      const page = await new Browser(env).get(`${prefix}/events/fair-pass/${token}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form method="post"');
    }
    expect(first).toBeTruthy();
  });

  it('simultaneous scans of one pass make one connection; simultaneous table claims give the table to one booth', async () => {
    const booth = (await boothFor(env.deps.db, e.id, agencyB.id))!;
    const { attendee } = await register(
      env.deps.db,
      e,
      { name: 'Rápido', email: `fast-${u}@example.org`, language: 'es', consent: true, resumeUrl: null, interests: null },
      { trusted: true, sendEmail: false },
    );
    const results = await Promise.all(
      Array.from({ length: 6 }, () => connect(env.deps.db, env.deps.secret, booth, attendee.passCode, null)),
    );
    expect(results.filter((r) => r.outcome === 'connected')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'already')).toHaveLength(5);
    expect(await env.deps.db.select().from(fairConnections).where(eq(fairConnections.attendeeId, attendee.id))).toHaveLength(1);
    const a = (await boothFor(env.deps.db, e.id, agencyA.id))!;
    const claims = await Promise.allSettled([setTableNumber(env.deps.db, a, 'Z-1'), setTableNumber(env.deps.db, booth, 'Z-1')]);
    expect(claims.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    expect(claims.filter((c) => c.status === 'rejected').map((c) => (c as PromiseRejectedResult).reason.status)).toEqual([409]);
    await setTableNumber(env.deps.db, a, '7');
    await setTableNumber(env.deps.db, booth, '8');
  });

  it('unknown, forged and other-fair codes are refused clearly; another agency cannot scan for this booth', async () => {
    const booth = (await boothFor(env.deps.db, e.id, agencyA.id))!;
    const forged = await signLink(new TextEncoder().encode('not-the-server-secret-not-the-server-secret'), 'fairpass', {
      a: crypto.randomUUID(),
    });
    const otherFair = await newEvent();
    await makeFair(env.deps.db, otherFair, null);
    const elsewhere = await register(
      env.deps.db,
      otherFair,
      { name: 'Elsewhere', email: `else-${u}@example.org`, language: 'en', consent: true, resumeUrl: null, interests: null },
      { trusted: false, sendEmail: false },
    );
    for (const code of [
      'ZZZZZZZZ',
      forged,
      elsewhere.attendee.passCode,
      '',
      'x'.repeat(5000),
      `http://pathways.test/events/fair-pass/${forged}`,
    ]) {
      const res = await api(env, 'POST', `/api/v1/events/${e.slug}/booths/${booth.id}/connections`, partnerAToken, { code });
      expect([404, 422], code.slice(0, 20)).toContain(res.status);
    }
    const page = await partnerA.post(`/events/${e.slug}/fair/booths/${booth.id}/scan`, { code: 'ZZZZZZZZ' });
    expect(page.status).toBe(404);
    expect(visibleText(await page.text())).toContain('We do not recognise this code for this fair');
    const [hostile] = await env.deps.db
      .select()
      .from(fairAttendees)
      .where(eq(fairAttendees.email, `hostile-${u}@example.org`));
    expect(
      (await api(env, 'POST', `/api/v1/events/${e.slug}/booths/${booth.id}/connections`, partnerBToken, { code: hostile.passCode })).status,
    ).toBe(403);
    expect((await partnerB.post(`/events/${e.slug}/fair/booths/${booth.id}/scan`, { code: hostile.passCode })).status).toBe(403);
    expect(
      (await api(env, 'POST', `/api/v1/events/${e.slug}/booths/not-a-uuid/connections`, partnerAToken, '{"code":')).status,
    ).toBeLessThan(500);
  });

  it('exports only consented connections, names exactly as stored; withdrawal hides the person from then on', async () => {
    const booth = (await boothFor(env.deps.db, e.id, agencyA.id))!;
    const [hostile] = await env.deps.db
      .select()
      .from(fairAttendees)
      .where(eq(fairAttendees.email, `hostile-${u}@example.org`));
    expect((await partnerB.get(`/events/${e.slug}/fair/booths/${booth.id}/connections.csv`)).status).toBe(403);
    expect((await api(env, 'GET', `/api/v1/events/${e.slug}/booths/${booth.id}/connections`, partnerBToken)).status).toBe(403);
    const res = await partnerA.get(`/events/${e.slug}/fair/booths/${booth.id}/connections.csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(new TextDecoder().decode(bytes)) as string[][];
    expect(records[0]).toEqual(['Name', 'Email', 'Language', 'Interests', 'Résumé link', 'Time connected']);
    expect(records).toHaveLength(2);
    expect(records[1][0]).toBe(HOSTILE.normalize('NFC').trim());
    expect(records[1][1]).toBe(`hostile-${u}@example.org`);
    expect(records[1][3]).toBe('GIS; "maps", =1+1');
    const es = parse(await (await partnerA.get(`/es/events/${e.slug}/fair/booths/${booth.id}/connections.csv`)).text()) as string[][];
    expect(es[0][0]).toBe('Nombre');

    // Withdraw from the signed pass link.
    const visitor = new Browser(env);
    const token = await passToken(env.deps.secret, hostile.id);
    expect((await visitor.post(`/events/fair-pass/${token}/consent`, { consent: 'withdraw' })).status).toBe(303);
    expect(parse(await (await partnerA.get(`/events/${e.slug}/fair/booths/${booth.id}/connections.csv`)).text())).toHaveLength(1);
    const list = (await (await api(env, 'GET', `/api/v1/events/${e.slug}/booths/${booth.id}/connections`, partnerAToken)).json()) as {
      connections: unknown[];
    };
    expect(list.connections).toHaveLength(0);
    expect(await connect(env.deps.db, env.deps.secret, booth, hostile.passCode, null)).toEqual({ outcome: 'noConsent' });
    // Someone typing the same address again cannot give consent back for them.
    await new Browser(env).post(`/events/${e.slug}/fair/register`, { name: 'Imposter', email: `hostile-${u}@example.org`, consent: 'yes' });
    const [still] = await env.deps.db.select().from(fairAttendees).where(eq(fairAttendees.id, hostile.id));
    expect(still.withdrawnAt).not.toBeNull();
    expect(still.name).toBe(HOSTILE.normalize('NFC').trim());
    // A bad pass link is refused.
    expect((await visitor.get(`/events/fair-pass/not-a-token`)).status).toBe(404);
  });

  it('a signed-in attendee reaches their pass from their account and can withdraw there', async () => {
    const me = new Browser(env);
    await me.signInAs(`me-${u}@example.org`, { name: 'Ngozi Adébáyọ̀' });
    expect((await me.get(`/events/${e.slug}/fair/pass`)).headers.get('location')).toContain('/fair/register');
    const res = await me.post(`/events/${e.slug}/fair/register`, { consent: 'yes' });
    expect(res.status).toBe(303);
    const pass = await me.get(`/events/${e.slug}/fair/pass`);
    expect(pass.headers.get('location')).toContain('/events/fair-pass/');
    const token = passFrom(pass);
    expect(visibleText(await (await me.get(`/events/fair-pass/${token}`)).text())).toContain('Stop sharing my details');
    await me.post(`/events/fair-pass/${token}/consent`, { consent: 'withdraw' });
    expect(visibleText(await (await me.get(`/es/events/fair-pass/${token}`)).text())).toContain('No has aceptado compartir tus datos');
  });

  it('public counts below 5 read "fewer than 5"; a booth sees its exact count above its list; organizers see the report', async () => {
    const small = await newEvent();
    await makeFair(env.deps.db, small, null);
    await register(
      env.deps.db,
      small,
      { name: 'Uno', email: `uno-${u}@example.org`, language: 'en', consent: true, resumeUrl: null, interests: null },
      { trusted: false, sendEmail: false },
    );
    expect(visibleText(await (await new Browser(env).get(`/events/${small.slug}/fair`)).text())).toContain(
      'People registered: fewer than 5',
    );
    expect(visibleText(await (await new Browser(env).get(`/es/events/${small.slug}/fair`)).text())).toContain(
      'Personas registradas: menos de 5',
    );
    const booth = (await boothFor(env.deps.db, e.id, agencyA.id))!;
    expect(visibleText(await (await partnerA.get(`/events/${e.slug}/fair/booths/${booth.id}/scan`)).text())).toMatch(
      /People who shared their details: \d+\b/,
    );
    expect(visibleText(await (await partnerA.get(`/events/${e.slug}/fair/booths/${booth.id}/scan`)).text())).not.toContain('fewer than');
    const report = visibleText(await (await organizer.get(`/events/${e.slug}/fair/manage`)).text());
    expect(report).toContain('Agencies present');
    expect(report).toContain(agencyA.name);
  });

  it('a fair\'s event page links to registration and the booths; organizers see "Career fair" only on fairs, else the action to turn one into a fair', async () => {
    const plain = await newEvent();
    const fairPage = await (await new Browser(env).get(`/es/events/${e.slug}`)).text();
    expect(fairPage).toContain(`href="/es/events/${e.slug}/fair/register"`);
    expect(fairPage).toContain(`href="/es/events/${e.slug}/fair"`);
    expect(visibleText(fairPage)).toContain('Regístrate en la feria de empleo');
    expect(await (await new Browser(env).get(`/events/${plain.slug}`)).text()).not.toContain(`${plain.slug}/fair`);
    expect(visibleText(await (await organizer.get(`/events/${e.slug}/attendees`)).text())).toContain('Career fair: booths and connections');
    const other = visibleText(await (await organizer.get(`/events/${plain.slug}/attendees`)).text());
    expect(other).not.toContain('Career fair: booths');
    expect(other).toContain('Turn into a career fair');
  });

  it('the pass says, in both languages, what pressing its button will do', async () => {
    const a = await register(
      env.deps.db,
      e,
      { name: 'Pase', email: `pase-${u}@example.org`, language: 'es', consent: false, resumeUrl: null, interests: null },
      { trusted: false, sendEmail: false },
    );
    const token = await passToken(env.deps.secret, a.attendee.id);
    expect(visibleText(await (await new Browser(env).get(`/es/events/fair-pass/${token}`)).text())).toContain(
      'Si pulsas este botón, cada agencia cuyo personal escanee tu pase a partir de entonces recibirá',
    );
    expect(visibleText(await (await new Browser(env).get(`/events/fair-pass/${token}`)).text())).toContain(
      'If you press this button, each agency',
    );
  });

  it('tells government attendees by the agencies’ email domains, subdomains included', async () => {
    const fair = await newEvent();
    await makeFair(env.deps.db, fair, null);
    await upsertAgency(env.deps.db, { slug: `gov-${u}`, name: `Gov ${u}`, level: 'city', emailDomains: [`city${u}.gov`] });
    for (const email of [`ana@city${u}.gov`, `bo@parks.city${u}.gov`, `cy-${u}@example.org`, `di@notcity${u}.gov`])
      await register(
        env.deps.db,
        fair,
        { name: 'Ana', email, language: 'en', consent: false, resumeUrl: null, interests: null },
        { trusted: false, sendEmail: false },
      );
    expect(await fairReport(env.deps.db, fair.id)).toMatchObject({ registered: 4, government: 2 });
    const page = visibleText(await (await organizer.get(`/es/events/${fair.slug}/fair/manage`)).text());
    expect(page).toContain('Inscritos de agencias de gobierno (según los dominios de correo de las agencias): 2');
  });

  it('emails the pass link in the attendee’s language, and the API is documented', async () => {
    await new Browser(env).post(`/es/events/${e.slug}/fair/register`, {
      name: 'Correo Prueba',
      email: `mail-${u}@example.org`,
      consent: 'yes',
    });
    await drainTasks(env.deps, { ...eventTasks, ...careerfairModule.tasks! });
    const [mail] = await env.deps.db
      .select()
      .from(outbox)
      .where(eq(outbox.to, `mail-${u}@example.org`))
      .orderBy(desc(outbox.createdAt));
    const mails = await env.deps.db
      .select()
      .from(outbox)
      .where(eq(outbox.to, `mail-${u}@example.org`));
    const pass = mails.find((m) => m.subject.startsWith('Tu pase'));
    expect(mail).toBeTruthy();
    expect(pass?.text).toContain('/es/events/fair-pass/');
    const spec = (await (await env.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/events/{slug}/booths',
      '/api/v1/events/{slug}/booths/{id}/connections',
      '/api/v1/events/{slug}/booths/agency/{agency}',
    ])
      expect(spec.paths[path], path).toBeTruthy();
  });

  it('registers the data for "Download my data" and "Delete my account"', async () => {
    const [hostile] = await env.deps.db
      .select()
      .from(fairAttendees)
      .where(eq(fairAttendees.email, `hostile-${u}@example.org`));
    const data = (await exportFairData(env.deps.db, hostile.personId)) as { name: string; connections: unknown[] }[];
    expect(data[0].name).toBe(HOSTILE.normalize('NFC').trim());
    expect(data[0].connections).toHaveLength(1);
    await env.deps.db.transaction((tx) => eraseFairData(tx, hostile.personId, hostile.email));
    expect(await env.deps.db.select().from(fairAttendees).where(eq(fairAttendees.id, hostile.id))).toHaveLength(0);
    expect(await env.deps.db.select().from(fairConnections).where(eq(fairConnections.attendeeId, hostile.id))).toHaveLength(0);
    // Booth staff listed with the erased person's email leave the booth; the others stay.
    await env.deps.db.transaction((tx) => eraseFairData(tx, hostile.personId, 'ANA@example.org'));
    expect((await boothFor(env.deps.db, e.id, agencyA.id))!.staff.map((s) => s.email)).toEqual([null]);
  });

  it('a closed event refuses registration with the events message, in the page language', async () => {
    const closed = await newEvent();
    await makeFair(env.deps.db, closed, null);
    await env.deps.db.update(events).set({ status: 'cancelled' }).where(eq(events.id, closed.id));
    const res = await new Browser(env).post(`/es/events/${closed.slug}/fair/register`, {
      name: 'Tarde',
      email: `late-${u}@example.org`,
      consent: 'yes',
    });
    expect(res.status).toBe(409);
    expect(
      await env.deps.db
        .select()
        .from(fairAttendees)
        .where(eq(fairAttendees.email, `late-${u}@example.org`)),
    ).toHaveLength(0);
  });
});
