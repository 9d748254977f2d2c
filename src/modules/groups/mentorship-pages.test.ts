import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { drainTasks } from '../../platform/queue/queue';
import { groupsModule } from '.';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { startSmtp } from '../../../test/smtp';
import { rows } from '../../db/client';
import { ensureChapter } from '../people';
import { createEvent, eventInput, type EventRow } from '../events';
import { eraseFromMentorships, mentorshipsOf } from './service/person-data';
import { getMentorship } from './service/mentorships';

let env: TestEnv;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let u: string;
let e: EventRow;
let org: Browser;
let other: Browser;

const at = (email: string) => `${email}-${u}@example.org`;

async function count(): Promise<number> {
  const [r] = await rows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM mentorships`);
  return r.n;
}

/** The message's text as a reader sees it: quoted-printable and base64 parts decoded, encoded-word headers too. */
function readable(raw: string): string {
  const qp = (s: string) =>
    Buffer.from(
      s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  const words = raw.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, body: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(body, 'base64').toString('utf8') : qp(body.replace(/_/g, ' ')),
  );
  return words
    .split(/\r?\n--/)
    .map((part) => {
      const [head, ...body] = part.split(/\r?\n\r?\n/);
      const text = body.join('\n\n');
      if (/content-transfer-encoding: base64/i.test(head))
        return head + '\n\n' + Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (/content-transfer-encoding: quoted-printable/i.test(head)) return head + '\n\n' + qp(text);
      return part;
    })
    .join('\n--');
}

beforeAll(async () => {
  smtp = await startSmtp();
  env = await testEnv({ RATE_LIMITS: 'off', SMTP_URL: smtp.url });
  u = uid();
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  const elsewhere = await ensureChapter(env.deps.db, { slug: `elsewhere-${u}`, name: 'Elsewhere' });
  e = await createEvent(
    env.deps.db,
    eventInput.parse({
      title: { en: `Mentoring night ${u}`, es: `Noche de mentoría ${u}` },
      chapter: 'los-angeles',
      startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 5 * 86_400_000 + 3 * 3_600_000).toISOString(),
      timeZone: 'America/Los_Angeles',
      status: 'published',
    }),
    null,
  );
  org = new Browser(env);
  await org.signInAs(at('org'), { role: 'organizer', scope: 'los-angeles' });
  other = new Browser(env);
  await other.signInAs(at('other'), { role: 'organizer', scope: elsewhere.slug });
});
afterAll(async () => {
  await env.close();
  await smtp.close();
});

const mentors = () =>
  [
    'Name,Email,Places,Language,Languages,Agency,Topics,Choices',
    `Rosa Martínez, ${at('rosa')}, 1, es, es en, LA County ISD, data;procurement,`,
    `Sam Lee, ${at('sam')}, 2, en, en, City of Long Beach, design,`,
    `"O'Brien, Pat", ${at('pat')}, , , en`,
  ].join('\n');
const mentees = () =>
  [
    `Ana Núñez, ${at('ana')}, , es, data, Rosa Martínez; Sam Lee`,
    '',
    `Ben Okafor, ${at('ben')}, en, en, design, ${at('rosa')}; Sam Lee`,
    'Chen Wei, , en, en, , Sam Lee',
    `Dana Cruz, ${at('dana')}, en, en, , "O'Brien, Pat"`,
  ].join('\n');

async function create(b: Browser, fields: Record<string, string>): Promise<Response> {
  return b.post('/organize/mentorship', {
    title: 'Spring mentoring',
    event: e.slug,
    mode: 'stable',
    mentors: mentors(),
    mentees: mentees(),
    ...fields,
  });
}

const idFrom = (res: Response) => /\/organize\/mentorship\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1];

describe('mentorship pages', () => {
  it('matches pasted mentors and mentees, stores the matches and explains each in the reader’s language', async () => {
    const res = await create(org, {});
    expect(res.status).toBe(303);
    const id = idFrom(res);
    const stored = await getMentorship(env.deps.db, id);
    // Rosa ranked no one: of the two who chose her first, Ana shares her topic "data".
    expect(stored.pairs).toEqual([
      [at('rosa'), at('ana')],
      [at('sam'), at('ben')],
      [at('sam'), 'Chen Wei'],
      [at('pat'), at('dana')],
    ]);
    expect(stored.mentees.find((m) => m.name === 'Ana Núñez')!.language).toBe('es');

    const page = visibleText(await (await org.get(`/organize/mentorship/${id}`)).text());
    expect(page).toContain('4 of 4 mentees matched.');
    expect(page).toContain('your 1st choice; speaks Spanish; works at LA County ISD; shares your interest in data');
    expect(page).toContain('your 2nd choice; works at City of Long Beach; shares your interest in design');
    expect(page).not.toMatch(/they ranked you/);
    expect(page).toContain('3 matches are ready to be introduced.');
    expect(page).toContain('One match lacks an email address');
    const es = visibleText(await (await org.get(`/es/organize/mentorship/${id}`)).text());
    expect(es).toContain('su opción número 1; habla español; trabaja en LA County ISD; comparte su interés en data');
    expect(es).toContain('4 de 4 mentoreados con pareja.');

    const csv = await org.get(`/organize/mentorship/${id}/matches.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await csv.text()).toContain(`"O'Brien, Pat"`);
    expect(visibleText(await (await org.get('/organize/mentorship')).text())).toContain('Spring mentoring');
  });

  it('keeps a locked match when matching again, and matches the rest around it', async () => {
    // Stable leaves Yara out (Abel prefers Xavi); the best overall matches both, moving Xavi to Bea.
    const res = await org.post('/organize/mentorship', {
      title: 'Locks',
      mode: 'stable',
      mentors: 'Abel, , 1, , , , , Xavi; Yara\nBea, , 1, , , , , Xavi',
      mentees: 'Xavi, , , , , Abel; Bea\nYara, , , , , Abel',
    });
    const id = idFrom(res);
    expect((await getMentorship(env.deps.db, id)).pairs).toEqual([['Abel', 'Xavi']]);

    expect((await org.post(`/organize/mentorship/${id}/lock`, { mentor: 'Abel', mentee: 'Xavi', lock: '1' })).status).toBe(303);
    expect((await org.post(`/organize/mentorship/${id}/run`, { mode: 'optimal' })).status).toBe(303);
    const locked = await getMentorship(env.deps.db, id);
    expect(locked).toMatchObject({ mode: 'optimal', pairs: [['Abel', 'Xavi']], locked: [['Abel', 'Xavi']] });
    const text = visibleText(await (await org.get(`/organize/mentorship/${id}`)).text());
    expect(text).toContain('kept as the organizers chose');
    expect(text).toContain('Unlock Abel and Xavi');
    expect(text).toMatch(/Mentees without a mentor\s+None of the mentors.*\s+Yara/);

    await org.post(`/organize/mentorship/${id}/lock`, { mentor: 'Abel', mentee: 'Xavi', lock: '0' });
    await org.post(`/organize/mentorship/${id}/run`, { mode: 'optimal' });
    expect((await getMentorship(env.deps.db, id)).pairs).toEqual([
      ['Abel', 'Yara'],
      ['Bea', 'Xavi'],
    ]);
    // Only a current match can be locked.
    expect((await org.post(`/organize/mentorship/${id}/lock`, { mentor: 'Abel', mentee: 'Xavi', lock: '1' })).status).toBe(404);
  });

  it('emails each matched pair once over SMTP, each person in their language', async () => {
    const id = idFrom(await create(org, { title: 'Introductions' }));
    const confirm = visibleText(await (await org.get(`/organize/mentorship/${id}/introduce`)).text());
    expect(confirm).toContain('Introduce 3 matches by email?');
    const sent = await org.post(`/organize/mentorship/${id}/introduce`, {});
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toMatch(/introduced=3$/);
    await drainTasks(env.deps, groupsModule.tasks!);
    const mine = (who: string) => smtp.received.filter((m) => m.to === at(who)).map((m) => readable(m.raw));
    expect(mine('rosa')).toHaveLength(1);
    expect(mine('rosa')[0]).toContain('Content-Language: es');
    expect(mine('rosa')[0]).toContain('Le presentamos a Ana Núñez, su pareja de mentoría');
    expect(mine('rosa')[0]).toContain(`Puede escribir a Ana Núñez a ${at('ana')}`);
    expect(mine('ana')[0]).toContain('Por qué esta pareja: su opción número 1; habla español; trabaja en LA County ISD');
    expect(mine('ben')[0]).toContain('Content-Language: en');
    expect(mine('ben')[0]).toContain('Meet Sam Lee, your mentorship match');
    expect(mine('pat')[0]).toContain('Dana Cruz will be your mentee');
    expect(mine('sam')).toHaveLength(1);

    // Pressing again introduces no one twice.
    const again = await org.post(`/organize/mentorship/${id}/introduce`, {});
    expect(again.headers.get('location')).toMatch(/introduced=0$/);
    await drainTasks(env.deps, groupsModule.tasks!);
    expect(mine('rosa')).toHaveLength(1);
    const page = visibleText(await (await org.get(`/organize/mentorship/${id}`)).text());
    expect(page).toContain('Every match with two email addresses has been introduced.');
  });

  it('changes a stored round’s lists: the form starts from them, keeps values on a problem, and checks the version', async () => {
    const id = idFrom(await create(org, { title: 'To edit' }));
    const stored = await getMentorship(env.deps.db, id);
    await org.post(`/organize/mentorship/${id}/lock`, { mentor: at('pat'), mentee: at('dana'), lock: '1' });
    const formHtml = await (await org.get(`/es/organize/mentorship/${id}/edit`)).text();
    expect(visibleText(formHtml)).toContain('Cambiar las listas de To edit');
    const field = (name: string) =>
      new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`)
        .exec(formHtml)![1]
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'");
    const version = /name="version" value="(\d+)"/.exec(formHtml)![1];
    expect(field('mentors')).toContain('"O\'Brien, Pat"');

    // Saved as drawn, nothing changes but the version: the lines round-trip.
    const same = await org.post(`/organize/mentorship/${id}/edit`, {
      title: 'To edit',
      mentors: field('mentors'),
      mentees: field('mentees'),
      version,
    });
    expect(same.status).toBe(303);
    const kept = await getMentorship(env.deps.db, id);
    expect(kept.mentors).toEqual(stored.mentors);
    expect(kept.mentees).toEqual(stored.mentees);
    expect(kept.locked).toEqual([[at('pat'), at('dana')]]);

    // A bad line is named beside its field, the text kept, nothing saved.
    const bad = await org.post(`/organize/mentorship/${id}/edit`, {
      title: 'To edit',
      mentors: `${field('mentors')}\nNew Mentor, , lots`,
      mentees: field('mentees'),
      version: String(kept.version),
    });
    expect(bad.status).toBe(422);
    const badText = visibleText(await bad.text());
    expect(badText).toContain('Line 4: Give the number of mentees this mentor can take, from 1 to 50.');
    expect((await getMentorship(env.deps.db, id)).version).toBe(kept.version);

    // Dana leaves: her locked pair goes with her; a new mentee takes Pat's place.
    const mentees = field('mentees')
      .split('\n')
      .filter((l) => !l.startsWith('Dana Cruz'));
    const edited = await org.post(`/organize/mentorship/${id}/edit`, {
      title: 'Edited',
      mentors: field('mentors'),
      mentees: [...mentees, `Eli Park, ${at('eli')}, en, en, , "O'Brien, Pat"`].join('\n'),
      version: String(kept.version),
    });
    expect(edited.status).toBe(303);
    const after = await getMentorship(env.deps.db, id);
    expect(after.title).toBe('Edited');
    expect(after.locked).toEqual([]);
    expect(after.pairs).toContainEqual([at('pat'), at('eli')]);
    expect(visibleText(await (await org.get(edited.headers.get('location')!)).text())).toContain('The lists were saved and matched again.');

    // A form drawn before that save is refused, its text kept.
    const stale = await org.post(`/organize/mentorship/${id}/edit`, {
      title: 'Stale',
      mentors: field('mentors'),
      mentees: field('mentees'),
      version,
    });
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(visibleText(staleHtml)).toContain('Someone else changed this mentorship round meanwhile.');
    expect(staleHtml).toContain('value="Stale"');
    expect((await getMentorship(env.deps.db, id)).title).toBe('Edited');
    expect((await other.get(`/organize/mentorship/${id}/edit`)).status).toBe(403);
    expect((await other.post(`/organize/mentorship/${id}/edit`, { title: 'X', mentors: '', mentees: '', version })).status).toBe(403);
  });

  it('refuses bad lists with each problem beside its field, by line, and saves nothing', async () => {
    const before = await count();
    const bad = await create(org, { mentors: `Rosa Martínez, ${at('rosa')}, many\nSam Lee, ${at('sam')}, 2` });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('usa-error-message');
    expect(visibleText(html)).toContain('Line 1: Give the number of mentees this mentor can take, from 1 to 50.');
    expect(html).toContain('Sam Lee'); // the lists are shown again as typed

    const unknown = await org.post('/es/organize/mentorship', {
      title: 'X',
      mentors: 'Abel, , 1',
      mentees: '\nXavi, , , , , Nadie\nYara, , , , , Abel; Nadie tampoco',
    });
    expect(unknown.status).toBe(422);
    expect(visibleText(await unknown.text())).toContain(
      'Línea 2: «Nadie» no está en la lista de la otra parte. Línea 3: «Nadie tampoco» no está en la lista de la otra parte.',
    );
    const empty = await org.post('/organize/mentorship', { title: 'X', mentors: '', mentees: '' });
    expect(visibleText(await empty.text())).toContain('List at least one mentor.');
    expect(await count()).toBe(before);
  });

  it('keeps an event’s mentorship to its chapter’s organizers', async () => {
    const before = await count();
    expect((await create(other, {})).status).toBe(403);
    expect(await count()).toBe(before);
    const id = idFrom(await create(org, { title: 'Ours' }));
    expect((await other.get(`/organize/mentorship/${id}`)).status).toBe(403);
    expect((await other.post(`/organize/mentorship/${id}/run`, { mode: 'optimal' })).status).toBe(403);
    expect((await other.post(`/organize/mentorship/${id}/introduce`, {})).status).toBe(403);
    expect(visibleText(await (await other.get('/organize/mentorship')).text())).not.toContain('Ours');
  });

  it('includes mentorship in a person’s data, and erasing them leaves their match without a name', async () => {
    const id = idFrom(await create(org, { title: 'Erase' }));
    const ana = await org.signInAs(at('ana'));
    const mine = await mentorshipsOf(env.deps.db, ana.id);
    expect(mine).toContainEqual({ mentorship: 'Erase', role: 'mentee', nameAsListed: 'Ana Núñez', matchedWith: ['Rosa Martínez'] });
    await eraseFromMentorships(env.deps.db, ana.id, at('ana'));
    const m = await getMentorship(env.deps.db, id);
    expect(JSON.stringify(m)).not.toContain('Ana Núñez');
    expect(m.mentees.some((x) => x.email === at('ana') || x.key === at('ana'))).toBe(false);
    expect(m.pairs[0]).toEqual([at('rosa'), 'erased-mentee-1']);
  });
});
