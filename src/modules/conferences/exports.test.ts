import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import draft06 from 'ajv/lib/refs/json-schema-draft-06.json';
import { eq } from 'drizzle-orm';
import { api, apiToken, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { entryCommand } from '../../../test/entry';
import { inCI, need, skipWithout } from '../../../test/prerequisites';
import { lockDataDir } from '../../db/lock';
import { conferenceSessions } from './schema';
import { getConference } from '.';
import { conferencesCli } from './cli';

let env: TestEnv;
let org: string;
const here = path.dirname(new URL(import.meta.url).pathname);
const XSD = path.join(here, 'fixtures/schedule.xml.xsd');
/** Debian's libxml2-utils; .ci/run installs it. */
const XMLLINT = 'xmllint';
const xmllint = spawnSync(XMLLINT, ['--version']).status === 0 ? XMLLINT : null;
const json = async (r: Response) => (await r.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The real XSD check, as the C3VOC's own validator script runs it. */
function validXml(xml: string): { ok: boolean; err: string } {
  const r = spawnSync(need(xmllint, "Debian's xmllint (libxml2-utils)"), ['--noout', '--schema', XSD, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  return { ok: r.status === 0, err: r.stderr };
}

const ajv = new Ajv({ allErrors: true, unknownFormats: ['color'] });
ajv.addMetaSchema(draft06);
const validJson = ajv.compile(JSON.parse(fs.readFileSync(path.join(here, 'fixtures/schedule.schema.json'), 'utf8')));

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  org = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
});
afterAll(async () => env.close());

/** Across the change to summer time in Los Angeles (14 March 2027): 10:00 on each day, two different offsets. */
async function dstConference() {
  const acronym = `dst_${uid()}`;
  const c = (await json(
    await api(env, 'POST', '/api/v1/conferences', org, {
      title: 'Tech & the Public <2027>',
      titleEs: 'La tecnología y el público',
      acronym,
      kind: 'symposium',
      startsAt: '2027-03-13T08:00',
      endsAt: '2027-03-14T18:00',
      timeZone: 'America/Los_Angeles',
      status: 'published',
    }),
  )) as { slug: string; acronym: string };
  const room = (await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/rooms`, org, { name: 'Main hall', capacity: 200 }))).id;
  const track = (
    await json(await api(env, 'POST', `/api/v1/conferences/${c.slug}/tracks`, org, { name: 'Data', nameEs: 'Datos', color: '#005ea2' }))
  ).id;
  const mk = (day: string, title: string, titleEs: string) =>
    api(env, 'POST', `/api/v1/conferences/${c.slug}/sessions`, org, {
      title,
      titleEs,
      abstract: 'Budgets & "open" data',
      type: 'talk',
      trackId: track,
      roomId: room,
      startsAt: `${day}T10:00`,
      endsAt: `${day}T11:30`,
      language: 'en',
      speakers: [{ name: 'Zoë O’Brien-Ñúñez', organization: 'City of LA' }, { name: '김민준' }],
    }).then(json);
  const a = await mk('2027-03-13', 'Before the change', 'Antes del cambio');
  const b = await mk('2027-03-14', 'After the change', 'Después del cambio');
  return { ...c, a, b };
}

describe('exports', () => {
  it.skipIf(skipWithout(xmllint))('schedule.xml is valid against the C3VOC XSD, with each day’s own offset', async () => {
    const c = await dstConference();
    const res = await env.app.request(`/conferences/${c.slug}/schedule.xml`);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    const v = validXml(xml);
    expect(v.err).toContain('validates');
    expect(v.ok).toBe(true);
    expect(xml).toContain('<time_zone_name>America/Los_Angeles</time_zone_name>');
    expect(xml).toContain(`<acronym>${c.acronym}</acronym>`);
    expect(xml).toContain('<date>2027-03-13T10:00:00-08:00</date>');
    expect(xml).toContain('<date>2027-03-14T10:00:00-07:00</date>');
    expect(xml.match(/<start>10:00<\/start>/g)).toHaveLength(2);
    expect(xml).toContain('<duration>01:30</duration>');
    expect(xml).toContain(`guid="${c.a.guid}"`);
    expect(xml).toContain('Tech &amp; the Public &lt;2027&gt;');
    const es = await (await env.app.request(`/conferences/${c.slug}/schedule.xml?lang=es`)).text();
    expect(es).toContain('<title>Después del cambio</title>');
    expect(es).toContain('<track>Datos</track>');
    expect(validXml(es).ok).toBe(true);
    // Served from the export cache until the programme changes, then rebuilt.
    expect(await (await env.app.request(`/conferences/${c.slug}/schedule.xml`)).text()).toBe(xml);
    await api(env, 'POST', `/api/v1/conferences/${c.slug}/rooms`, org, { name: 'Annex', capacity: 20 });
    expect(await (await env.app.request(`/conferences/${c.slug}/schedule.xml`)).text()).toContain('name="Annex"');
  });

  it('schedule.json is valid against the C3VOC JSON schema (persons as {guid, name})', async () => {
    const c = await dstConference();
    const doc = await json(await env.app.request(`/conferences/${c.slug}/schedule.json`));
    const ok = validJson(doc);
    expect(JSON.stringify(validJson.errors ?? [])).toBe('[]');
    expect(ok).toBe(true);
    const days = doc.schedule.conference.days;
    expect(days).toHaveLength(2);
    expect(days[0].day_start).toBe('2027-03-13T00:00:00-08:00');
    expect(days[1].day_start).toBe('2027-03-14T00:00:00-08:00');
    expect(days[1].day_end).toBe('2027-03-15T00:00:00-07:00');
    const [ev] = days[1].rooms['Main hall'];
    expect(ev.date).toBe('2027-03-14T10:00:00-07:00');
    expect(ev.persons[0]).toEqual({ guid: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Zoë O’Brien-Ñúñez' });
    // The same person gets the same guid in every export.
    expect(days[0].rooms['Main hall'][0].persons[0].guid).toBe(ev.persons[0].guid);
    expect(validJson({ schedule: { version: '1' } })).toBe(false);
  });

  it('schedule.ics and a session’s .ics carry the zone (VTIMEZONE) and the local times on both sides of the change', async () => {
    const c = await dstConference();
    const ics = await (await env.app.request(`/conferences/${c.slug}/schedule.ics`)).text();
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain('TZID:America/Los_Angeles');
    expect(ics).toContain('DTSTART;TZID=America/Los_Angeles:20270313T100000');
    expect(ics).toContain('DTSTART;TZID=America/Los_Angeles:20270314T100000');
    expect(ics).toContain(`UID:${c.a.guid}@`);
    const one = await (await env.app.request(`/conferences/${c.slug}/sessions/${c.b.code}.ics?lang=es`)).text();
    expect(one.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(one).toContain('SUMMARY:Después del cambio');
    expect(one).toContain('BEGIN:VTIMEZONE');
    const page = visibleText(await (await env.app.request(`/conferences/${c.slug}/schedule`)).text());
    expect(page.match(/10:00\s?AM/g)?.length).toBeGreaterThanOrEqual(2);
    // Each day's heading names its own offset: standard time on the 13th, summer time on the 14th.
    expect(page).toMatch(/Day 1: Saturday, March 13, 2027 \(times in PST\)/);
    expect(page).toMatch(/Day 2: Sunday, March 14, 2027 \(times in PDT\)/);
    const scheduleEs = visibleText(await (await env.app.request(`/es/conferences/${c.slug}/schedule`)).text());
    expect(scheduleEs).toMatch(/Día 2: .*14 de marzo de 2027 \(horas en PDT\)/);
    const pageEs = visibleText(await (await env.app.request(`/es/conferences/${c.slug}/sessions/${c.b.code}`)).text());
    expect(pageEs).toContain('Después del cambio');
    expect(pageEs).toMatch(/10:00/);
  });
});

const pretalx = (acronym: string, extraTitle = 'Public data, public good') => `<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <generator name="pretalx" version="2024.1.0"/>
  <version>0.7</version>
  <conference>
    <acronym>${acronym}</acronym>
    <title>Tech for the Public ${acronym}</title>
    <start>2027-06-01</start>
    <end>2027-06-02</end>
    <days>2</days>
    <timeslot_duration>00:05</timeslot_duration>
    <base_url>https://pretalx.example.org/${acronym}/schedule/</base_url>
    <time_zone_name>Europe/Berlin</time_zone_name>
    <logo>https://example.org/logo.png</logo>
  </conference>
  <day index="1" date="2027-06-01" start="2027-06-01T04:00:00+02:00" end="2027-06-02T03:59:00+02:00">
    <room name="Saal 1" guid="6d2c5e8a-0000-4000-8000-000000000001">
      <event guid="not-a-uuid-ABC123" id="101" code="ABC123">
        <room>Saal 1</room>
        <title>${extraTitle}</title>
        <subtitle/>
        <type>Talk</type>
        <date>2027-06-01T10:00:00+02:00</date>
        <start>10:00</start>
        <duration>00:45</duration>
        <abstract>Why &amp; how.</abstract>
        <slug>${acronym}-101-public-data--public-good!</slug>
        <track>Open Data</track>
        <language>de</language>
        <persons><person id="7">Jürgen Müller</person><person id="8">Ana Núñez</person></persons>
        <recording><license>CC BY 4.0</license><optout>false</optout></recording>
        <links><link href="https://example.org">Slides</link></links>
        <feedback_url>https://pretalx.example.org/feedback/</feedback_url>
      </event>
      <event guid="00000000-0000-4000-8000-00000000abcd" id="102">
        <room>Saal 1</room>
        <title>Late night hacking</title>
        <subtitle>after midnight</subtitle>
        <type>Workshop</type>
        <date>2027-06-02T00:30:00+02:00</date>
        <start>00:30</start>
        <duration>01:00</duration>
        <abstract/>
        <slug>late</slug>
        <track/>
        <language>es</language>
        <persons><person id="8">Ana Núñez</person></persons>
      </event>
      <event guid="11111111-0000-4000-8000-000000000000" id="103">
        <room>Saal 1</room>
        <title>Double booked</title>
        <type>Talk</type>
        <date>2027-06-01T10:15:00+02:00</date>
        <start>10:15</start>
        <duration>00:30</duration>
        <abstract/>
        <slug>dup</slug>
        <track/>
      </event>
      <event id="104">
        <room>Saal 1</room>
        <title>No time at all</title>
        <type>Talk</type>
      </event>
    </room>
  </day>
</schedule>`;

describe('import', () => {
  it('imports a pretalx schedule into a draft, updates it on the same acronym, and re-exports valid XML', async () => {
    const acronym = `ptx${uid()}`;
    const post = (body: string, q = '') =>
      env.app.request(`/api/v1/conferences/import${q}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org}`, 'content-type': 'application/xml', accept: 'application/json' },
        body,
      });
    const first = await post(pretalx(acronym));
    expect(first.status, await first.clone().text()).toBe(201);
    const r = await json(first);
    expect(r.sessions).toBe(2);
    expect(r.speakers).toBe(2);
    expect(r.skipped).toEqual([
      { title: 'Double booked', reason: expect.stringContaining('already booked') },
      { title: 'No time at all', reason: expect.stringContaining('no valid date') },
    ]);
    const v = await getConference(env.deps.db, r.slug);
    expect(v.event.status).toBe('draft');
    expect(v.event.timeZone).toBe('Europe/Berlin');
    expect(v.conference.acronym).toBe(acronym);
    const before = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.eventId, v.event.id));
    const late = before.find((s) => s.title.en === 'Late night hacking')!;
    expect(late.startsAt.toISOString()).toBe('2027-06-01T22:30:00.000Z');
    expect(late.type).toBe('workshop');
    expect(late.language).toBe('es');

    const again = await json(await post(pretalx(acronym, 'Public data, renamed')));
    expect(again.slug).toBe(r.slug);
    const after = await env.deps.db.select().from(conferenceSessions).where(eq(conferenceSessions.eventId, v.event.id));
    expect(after.map((s) => s.guid).sort()).toEqual(before.map((s) => s.guid).sort());
    expect(after.some((s) => s.title.en === 'Public data, renamed')).toBe(true);

    const xml = await (
      await env.app.request(`/conferences/${r.slug}/schedule.xml`, { headers: { authorization: `Bearer ${org}` } })
    ).text();
    if (xmllint || inCI) expect(validXml(xml).ok).toBe(true);
    expect(xml).toContain('<time_zone_name>Europe/Berlin</time_zone_name>');
    expect(xml).toContain('<date>2027-06-02T00:30:00+02:00</date>');
  });

  it('refuses broken XML whole, a file over 10 MB, and a file without a zone unless one is given', async () => {
    const post = (body: string, q = '') =>
      env.app.request(`/api/v1/conferences/import${q}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org}`, 'content-type': 'application/xml', accept: 'application/json' },
        body,
      });
    const acronym = `brk${uid()}`;
    const broken = await post(pretalx(acronym).replace('</day>', '</dya>'));
    expect(broken.status).toBe(422);
    expect((await json(broken)).error.fields.file).toMatch(/not a readable schedule\.xml/);
    expect(
      (await json(await api(env, 'GET', '/api/v1/conferences?limit=100', org))).conferences.some(
        (x: { acronym: string }) => x.acronym === acronym,
      ),
    ).toBe(false);
    const big = await post(`<schedule>${' '.repeat(11 * 1024 * 1024)}</schedule>`);
    expect(big.status).toBe(413);
    const noZone = pretalx(acronym).replace('<time_zone_name>Europe/Berlin</time_zone_name>', '');
    expect((await json(await post(noZone))).error.fields.timeZone).toMatch(/no time zone/);
    expect((await post(noZone, '?timeZone=Europe/Madrid')).status).toBe(201);
    // A schedule from the past comes in as a record of history, as a past event does: sessions kept.
    const past = await post(pretalx(`old${uid()}`).replaceAll('2027-06-0', '2014-06-0'));
    expect(past.status).toBe(201);
    expect((await json(past)).sessions).toBeGreaterThan(0);
  });

  it('the CLI imports a file, and refuses a PGlite folder another process holds', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conf-cli-'));
    const file = path.join(dir, 'schedule.xml');
    fs.writeFileSync(file, pretalx(`cli${uid()}`));
    const out: string[] = [];
    const err: string[] = [];
    const code = await conferencesCli['import-schedule']({
      deps: env.deps,
      args: [file],
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/2 sessions, 2 speakers, 2 skipped/);
    expect(await conferencesCli['import-schedule']({ deps: env.deps, args: [], out: () => {}, err: (l) => err.push(l) })).toBe(2);

    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const release = lockDataDir(dataDir);
    try {
      const r = spawnSync(...entryCommand('cli', ['conferences', 'import-schedule', file]), {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', BASE_URL: 'http://pathways.test', LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/in use|another|running/i);
    } finally {
      release();
    }
  });
});
