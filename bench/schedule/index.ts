/**
 * A 120-session conference: the schedule page and schedule.xml in requests per second, each as a ratio
 * of bare node:http serving a body of the same size in the same run (aim: at least 0.5), with the page
 * cache on, with it off (every request as if an edit had just cleared it), and the first schedule.xml
 * after an edit (the export cache rebuilt). Then a 31C3-shaped frab file (4 days, 4 halls, 150 talks,
 * generated here: the real file is not shipped) imported and re-exported, against parsing it alone.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { figure, isMain, loadTest, runAlone, type BenchOptions, type BenchResult, type Figure } from '../lib';
import { startApp, type RunningApp } from '../server';
import { createApiToken } from '../../src/platform/auth/service';
import { ensurePerson, grantRole } from '../../src/modules/people';

const HEADERS = { accept: 'text/html', 'accept-language': 'en' };

async function bareServer(body: string, type: string): Promise<{ url: string; close: () => Promise<void> }> {
  const bytes = Buffer.from(body);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
    res.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function call(app: RunningApp, token: string, method: string, path: string, body: unknown) {
  const res = await fetch(app.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 120 sessions: two days, six rooms, ten slots a day. */
async function programme(app: RunningApp, token: string, tag: string): Promise<string> {
  const day = (n: number) => new Date(Date.now() + (60 + n) * 86_400_000).toISOString().slice(0, 10);
  const c = await call(app, token, 'POST', '/api/v1/conferences', {
    title: `Bench conference ${tag}`,
    titleEs: `Conferencia de prueba ${tag}`,
    acronym: `bench_${tag}`,
    kind: 'conference',
    startsAt: `${day(0)}T08:00`,
    endsAt: `${day(1)}T19:00`,
    timeZone: 'America/Los_Angeles',
    status: 'published',
  });
  const tracks = [];
  for (const name of ['Open government', 'Skills', 'Careers'])
    tracks.push((await call(app, token, 'POST', `/api/v1/conferences/${c.slug}/tracks`, { name })).id);
  const rooms = [];
  for (let r = 0; r < 6; r++)
    rooms.push((await call(app, token, 'POST', `/api/v1/conferences/${c.slug}/rooms`, { name: `Room ${r + 1}`, capacity: 60 })).id);
  for (let d = 0; d < 2; d++)
    for (let slot = 0; slot < 10; slot++)
      for (let r = 0; r < 6; r++)
        await call(app, token, 'POST', `/api/v1/conferences/${c.slug}/sessions`, {
          title: `Session ${d}-${slot}-${r}: public data in practice`,
          titleEs: `Sesión ${d}-${slot}-${r}: datos públicos en la práctica`,
          abstract: 'What we learned, what we would do again, and what we would never do again. '.repeat(3),
          type: r === 5 ? 'workshop' : 'talk',
          trackId: tracks[r % 3],
          roomId: rooms[r],
          startsAt: `${day(d)}T${pad(8 + slot)}:00`,
          endsAt: `${day(d)}T${pad(8 + slot)}:45`,
          language: r % 2 ? 'es' : 'en',
          speakers: [{ name: `Speaker ${d}-${slot}-${r} Núñez` }],
          ...(r === 5 ? { capacity: 30 } : {}),
        });
  return c.slug;
}

/** A frab schedule.xml shaped like the 31C3's: 4 days, 4 halls, 150 talks of 30–60 minutes, Europe/Berlin. */
function thirtyOneC3(acronym: string): string {
  const halls = ['Saal 1', 'Saal 2', 'Saal G', 'Saal 6'];
  const year = new Date().getUTCFullYear() + 1;
  let id = 6000;
  const days = [27, 28, 29, 30].map((d, i) => {
    const date = `${year}-12-${d}`;
    const rooms = halls.map((hall) => {
      const events = [];
      for (let slot = 0; slot < (i === 3 ? 6 : 10) && id < 6150; slot++, id++) {
        const h = 11 + slot;
        const guid = `${String(id).padStart(8, '0')}-0000-4000-8000-000000000000`;
        events.push(`      <event guid="${guid}" id="${id}">
        <date>${date}T${pad(h % 24)}:30:00+01:00</date><start>${pad(h % 24)}:30</start><duration>00:45</duration>
        <room>${hall}</room><slug>31c3_-_${id}_-_en_-_saal_1_-_${date}_-_talk</slug><url>https://events.ccc.de/congress/${id}</url>
        <recording><license/><optout>false</optout></recording>
        <title>Talk ${id}: on hacking &amp; society</title><subtitle>an example</subtitle><track>Security &amp; Hacking</track>
        <type>lecture</type><language>en</language><abstract>Abstract of ${id}.</abstract><description>${'Long description. '.repeat(20)}</description>
        <logo/><persons><person id="${id}">Speaker ${id}</person><person id="${id + 1000}">Co-speaker ${id}</person></persons>
        <links><link href="https://example.org/${id}">Slides</link></links><attachments/>
      </event>`);
      }
      return `    <room name="${hall}">\n${events.join('\n')}\n    </room>`;
    });
    return `  <day index="${i + 1}" date="${date}" start="${date}T10:00:00+01:00" end="${date}T23:59:00+01:00">\n${rooms.join('\n')}\n  </day>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>Bench</version>
  <conference><acronym>${acronym}</acronym><title>31C3-shaped bench</title><start>${year}-12-27</start><end>${year}-12-30</end>
    <days>4</days><timeslot_duration>00:15</timeslot_duration><time_zone_name>Europe/Berlin</time_zone_name></conference>
${days.join('\n')}
</schedule>`;
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const connections = 10;
  const seconds = opts.quick ? 2 : 5;
  const warmupSeconds = opts.quick ? 0.5 : 1;
  const rounds = opts.quick ? 1 : 3;
  const app = await startApp({ databaseUrl: opts.databaseUrl });
  const uncached = await startApp({ databaseUrl: opts.databaseUrl, seed: 'none', env: { PAGE_CACHE_SECONDS: '0' } });
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    const { person } = await ensurePerson(app.deps.db, {
      email: 'bench-organizer@example.org',
      fullName: 'Bench Organizer',
      verified: true,
    });
    await grantRole(app.deps.db, person.id, 'admin', null);
    const token = await createApiToken(app.deps.db, person.id, 'bench');
    const tag = Date.now().toString(36);
    const built = Date.now();
    const slug = await programme(app, token, tag);
    notes.push(`120 sessions added through the API in ${((Date.now() - built) / 1000).toFixed(1)} s (each with its clash checks)`);
    // With BENCH_DATABASE_URL both apps share the database; on PGlite the second app has its own, so it gets its own copy.
    const uncachedSlug = opts.databaseUrl
      ? slug
      : await programme(
          uncached,
          await (async () => {
            const { person: p } = await ensurePerson(uncached.deps.db, {
              email: 'bench-organizer@example.org',
              fullName: 'Bench Organizer',
              verified: true,
            });
            await grantRole(uncached.deps.db, p.id, 'admin', null);
            return createApiToken(uncached.deps.db, p.id, 'bench');
          })(),
          tag,
        );

    // The uncached page last: its slow renders still in flight when its round ends share this process
    // with whatever is measured next.
    const targets: [string, RunningApp, string, string][] = [
      ['schedule page', app, `/conferences/${slug}/schedule`, 'text/html; charset=utf-8'],
      ['schedule.xml', app, `/conferences/${slug}/schedule.xml`, 'application/xml; charset=utf-8'],
      ['schedule page, page cache off', uncached, `/conferences/${uncachedSlug}/schedule`, 'text/html; charset=utf-8'],
    ];
    for (const [label, target, path, type] of targets) {
      const res = await fetch(target.url + path, { headers: HEADERS });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${label} ${path} answered ${res.status}`);
      const csrf = /pw_csrf=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
      const headers = csrf ? { ...HEADERS, cookie: `pw_csrf=${csrf}` } : HEADERS;
      const bare = await bareServer(body, type);
      try {
        const bases = [];
        const reals = [];
        for (let r = 0; r < rounds; r++) {
          bases.push(await loadTest(bare.url, { connections, seconds, warmupSeconds, headers }));
          reals.push(await loadTest(target.url + path, { connections, seconds, warmupSeconds, headers }));
        }
        const median = (list: { rps: number }[]) => [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)].rps;
        const bad = reals.reduce((n, x) => n + x.errors + x.non2xx, 0);
        if (bad) notes.push(`${label}: ${bad} failed answers`);
        figures.push(
          figure(`${label} throughput`, median(reals), 'req/s', {
            name: `bare node:http, same ${body.length} bytes`,
            value: median(bases),
          }),
        );
      } finally {
        await bare.close();
      }
    }

    // Just after an edit: a new room changes the programme, so the next schedule.xml is rebuilt.
    const times: number[] = [];
    const hits: number[] = [];
    for (let i = 0; i < (opts.quick ? 3 : 10); i++) {
      await call(app, token, 'POST', `/api/v1/conferences/${slug}/rooms`, { name: `Extra ${i}`, capacity: 10 });
      let t = performance.now();
      await (await fetch(`${app.url}/conferences/${slug}/schedule.xml`)).text();
      times.push(performance.now() - t);
      t = performance.now();
      await (await fetch(`${app.url}/conferences/${slug}/schedule.xml`)).text();
      hits.push(performance.now() - t);
    }
    const med = (l: number[]) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)];
    figures.push(
      figure('schedule.xml, first request after an edit (rebuilt)', med(times), 'ms', {
        name: 'the next request (export cache)',
        value: med(hits),
      }),
    );

    // Import and re-export of a 31C3-shaped file, against parsing the same file alone.
    const xml = thirtyOneC3(`bench31c3_${tag}`);
    const parses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      new XMLParser({ ignoreAttributes: false }).parse(xml);
      parses.push(performance.now() - t);
    }
    let t = performance.now();
    const imported = await fetch(`${app.url}/api/v1/conferences/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml', accept: 'application/json' },
      body: xml,
    });
    const report = (await imported.json()) as { slug: string; sessions: number; skipped: unknown[] };
    const importMs = performance.now() - t;
    if (imported.status !== 201) throw new Error(`import answered ${imported.status}`);
    t = performance.now();
    const again = await fetch(`${app.url}/conferences/${report.slug}/schedule.xml`, { headers: { authorization: `Bearer ${token}` } });
    await again.text();
    const exportMs = performance.now() - t;
    figures.push(
      figure(`31C3-shaped import (${report.sessions} sessions, ${report.skipped.length} skipped)`, importMs, 'ms', {
        name: 'fast-xml-parser parse alone',
        value: med(parses),
      }),
    );
    figures.push(
      figure('31C3-shaped re-export (schedule.xml, first build)', exportMs, 'ms', {
        name: 'fast-xml-parser parse alone',
        value: med(parses),
      }),
    );
    notes.push(
      `${connections} keep-alive connections, median of ${rounds} alternating round(s) of ${seconds} s after ${warmupSeconds} s warm-up, anonymous visitor, no compression asked`,
      'the 31C3-shaped file is generated by the benchmark (dates moved to next December: past-dated imports are refused by the events service)',
    );
  } finally {
    await app.close();
    await uncached.close();
  }
  return { name: 'schedule', figures, notes };
}

if (isMain(import.meta.url)) await runAlone(run);
