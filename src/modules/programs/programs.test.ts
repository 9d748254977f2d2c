import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { programApplications, programBookings, programSlots, programTeamQuotas, programs, type Program, type Slot } from './schema';
import { applicationInput, apply, book, createSlot, decide, getProgram, programInput, programsModule, slotInput } from '.';
import { programsMessages } from './messages';
import { seedPrograms } from './seed';
import { ensureChapter, erasePerson, exportPersonData } from '../people';

let env: TestEnv;
let orgToken: string;
const future = (days: number) => new Date(Date.now() + days * 86_400_000);
const day = (days: number) => future(days).toISOString().slice(0, 10);

const baseProgram = () => ({
  title: { en: 'Community Data Training Sprint', es: 'Sprint de formación en datos comunitarios' },
  timeZone: 'America/New_York',
  startsAt: `${day(30)}T10:00`,
  endsAt: day(90),
  applicationDeadline: day(20),
  languages: ['en', 'es'],
  bookingQuotas: { office_hour: 4, ta: 2, pre_call: 1 },
  questions: [
    {
      id: 'jurisdiction',
      kind: 'choice',
      label: { en: 'Jurisdiction type', es: 'Tipo de jurisdicción' },
      required: true,
      options: [{ en: 'City', es: 'Ciudad' }, { en: 'County', es: 'Condado' }, 'State'],
    },
    { id: 'portal', kind: 'yesno', label: { en: 'Open data portal?', es: '¿Portal de datos abiertos?' }, required: true },
    { id: 'staff', kind: 'number', label: { en: 'Staff on the team', es: 'Personal del equipo' }, required: false },
    { id: 'why', kind: 'long_text', label: { en: 'Why apply?', es: '¿Por qué postulan?' }, required: false },
  ],
  eligibility: [
    {
      field: 'jurisdiction',
      op: 'in',
      value: ['City', 'County'],
      message: { en: 'Only cities and counties.', es: 'Solo ciudades y condados.' },
    },
    {
      field: 'portal',
      op: 'eq',
      value: true,
      message: { en: 'You need an open data portal.', es: 'Necesitan un portal de datos abiertos.' },
    },
    { field: 'members', op: 'gte', value: 2, message: { en: 'At least 2 members.', es: 'Al menos 2 personas.' } },
  ],
  tags: [{ key: 'SI1', description: { en: 'Stakeholder impact', es: 'Impacto en las partes interesadas' } }],
});

const members = (n: number, tag = uid()) =>
  Array.from({ length: n }, (_, i) => ({
    name: i === 0 ? 'Zoë O’Brien-Ñúñez' : `김민준 ${i}`,
    email: `m${i}-${tag}@example.org`,
    role: 'Analyst',
  }));

const application = (over: Record<string, unknown> = {}) => ({
  organization: 'City of Testville',
  contact: { name: 'María José', email: `contact-${uid()}@example.org` },
  language: 'en',
  members: members(2),
  answers: { jurisdiction: 'City', portal: 'yes', staff: 3 },
  ...over,
});

async function newProgram(over: Record<string, unknown> = {}): Promise<Program> {
  const res = await api(env, 'POST', '/api/v1/programs', orgToken, { ...baseProgram(), ...over });
  expect(res.status, await res.clone().text()).toBe(201);
  return getProgram(env.deps.db, ((await res.json()) as { slug: string }).slug);
}

/** An accepted team, made through the services the API calls. */
async function newTeam(p: Program, language: 'en' | 'es' = 'en', n = 2): Promise<string> {
  const a = await apply(env.deps.db, p, applicationInput.parse(application({ language, members: members(n) })));
  const r = await decide(env.deps.db, p, a, 'accepted', null);
  return r.teamId!;
}

/** The calendar part of a raw message, decoded as a mail app reads it. */
function calendarOf(raw: string): string {
  const m = /Content-Type: text\/calendar[^\n]*\n(?:[ \t][^\n]*\n)*((?:[A-Za-z-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*)\r?\n([\s\S]*?)\r?\n--/.exec(
    raw,
  );
  if (!m) throw new Error('no calendar part');
  const body = m[2];
  if (/Content-Transfer-Encoding: base64/i.test(m[1])) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(m[1]))
    return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return body;
}

const tasks = () => drainTasks(env.deps, programsModule.tasks!);
const mailsTo = (to: string) => env.deps.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt));

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  orgToken = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
});
afterAll(() => env.close());

describe('catalog', () => {
  it('has the same keys in English and Spanish', () => {
    expect(Object.keys(programsMessages.es).sort()).toEqual(Object.keys(programsMessages.en).sort());
  });
});

describe('programs API', () => {
  it('creates a program and gives the deadline as an instant with the program zone’s offset', async () => {
    const res = await api(env, 'POST', '/api/v1/programs', orgToken, { ...baseProgram(), applicationDeadline: '2099-08-21' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { slug: string; url: string; applicationDeadline: string };
    // A date alone is the end of that day in New York (EDT in August).
    expect(body.applicationDeadline).toBe('2099-08-21T23:59:59-04:00');
    expect(body.url).toContain(`/programs/${body.slug}`);
    const got = (await (await api(env, 'GET', `/api/v1/programs/${body.slug}`)).json()) as {
      applicationDeadline: string;
      startsAt: string;
    };
    expect(got.applicationDeadline).toBe('2099-08-21T23:59:59-04:00');
    const p = await getProgram(env.deps.db, body.slug);
    expect(p.applicationDeadline.toISOString()).toBe('2099-08-22T03:59:59.999Z');
  });

  it('reads a date-time without an offset in the program’s zone, across a DST change', async () => {
    const p = programInput.parse({
      ...baseProgram(),
      applicationDeadline: '2099-11-01T20:00',
      startsAt: '2026-03-08T02:30',
      endsAt: '2099-12-31',
    });
    expect(p.applicationDeadline.toISOString()).toBe('2099-11-02T01:00:00.000Z'); // EST, after clocks fell back
    expect(p.startsAt.toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 02:30 does not exist that night: 03:30 EDT
  });

  it('refuses bad programs with translated messages next to each field, and stores nothing', async () => {
    const before = (await env.deps.db.select({ n: count() }).from(programs))[0].n;
    const refused = async (over: Record<string, unknown>) => {
      const res = await api(env, 'POST', '/api/v1/programs', orgToken, { ...baseProgram(), ...over });
      expect(res.status).toBe(422);
      return ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields;
    };
    expect((await refused({ timeZone: 'Mars/Olympus' })).timeZone).toBe(programsMessages.en['programs.error.timeZone']);
    const fields = await refused({
      applicationDeadline: '2001-01-01',
      endsAt: '2000-01-01',
      eligibility: [{ field: 'nope', op: 'eq', value: 'x', message: { en: 'x' } }],
    });
    expect(fields['eligibility.0.field']).toBe(programsMessages.en['programs.error.ruleField']);
    expect(fields.applicationDeadline).toBe(programsMessages.en['programs.error.deadlinePast']);
    expect(fields.endsAt).toBe(programsMessages.en['programs.error.endBeforeStart']);
    expect((await refused({ questions: [{ id: 'a', kind: 'choice', label: 'Pick', options: ['only one'] }] }))['questions.0.options']).toBe(
      programsMessages.en['programs.error.options'],
    );
    expect((await refused({ bookingQuotas: { office_hour: -1 } }))['bookingQuotas.office_hour']).toBeTruthy();
    expect((await env.deps.db.select({ n: count() }).from(programs))[0].n).toBe(before);
  });

  it('is for organizers only', async () => {
    const someone = await apiToken(env, `someone-${uid()}@example.org`);
    expect((await api(env, 'POST', '/api/v1/programs', someone, baseProgram())).status).toBe(403);
    expect((await api(env, 'POST', '/api/v1/programs', undefined, baseProgram())).status).toBe(401);
  });
});

describe('applications', () => {
  it('keeps an eligible application as submitted and an ineligible one with reasons in the applicant’s language', async () => {
    const p = await newProgram();
    const ok = await api(env, 'POST', `/api/v1/programs/${p.slug}/applications`, undefined, application());
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ status: 'submitted', reasons: [] });

    const bad = await api(
      env,
      'POST',
      `/api/v1/programs/${p.slug}/applications`,
      undefined,
      application({ language: 'es', members: members(1), answers: { jurisdiction: 'Condado', portal: false } }),
    );
    expect(bad.status).toBe(201);
    const body = (await bad.json()) as { id: string; status: string; reasons: { field: string; message: string }[] };
    expect(body.status).toBe('ineligible');
    // "Condado" is the county option in Spanish: that rule passes; the portal and member-count rules fail.
    expect(body.reasons).toEqual([
      { field: 'portal', message: 'Necesitan un portal de datos abiertos.' },
      { field: 'members', message: 'Al menos 2 personas.' },
    ]);
    const [row] = await env.deps.db.select().from(programApplications).where(eq(programApplications.id, body.id));
    expect(row.status).toBe('ineligible');
    expect(row.answers.jurisdiction).toBe('County');
  });

  it('refuses bad applications by field, in the applicant’s language, and stores nothing', async () => {
    const p = await newProgram();
    const post = (b: unknown) => api(env, 'POST', `/api/v1/programs/${p.slug}/applications`, undefined, b);
    const fields = async (res: Response) => {
      expect(res.status).toBe(422);
      return ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields;
    };
    // The answer is required; the message is in the applicant's language.
    const missing = await fields(await post(application({ language: 'es', answers: { portal: 'yes' } })));
    expect(Object.keys(missing)).toEqual(['answers.jurisdiction']);
    expect(missing['answers.jurisdiction']).toMatch(/[áéíóúñ]|Escribe|Responde/);
    expect((await fields(await post(application({ members: [] })))).members).toBe(programsMessages.en['programs.error.noMembers']);
    const dup = members(2);
    dup[1].email = dup[0].email.toUpperCase();
    expect((await fields(await post(application({ members: dup }))))['members.1.email']).toBe(
      programsMessages.en['programs.error.duplicateMember'],
    );
    expect(
      (await fields(await post(application({ answers: { jurisdiction: 'City', portal: 'yes', staff: 'many' } }))))['answers.staff'],
    ).toBe('Enter a whole number.');
    // Just under the platform's 20 MiB body limit: the answer limit is this module's own.
    const huge = 'x'.repeat(19 * 1024 * 1024);
    expect((await fields(await post(application({ answers: { jurisdiction: 'City', portal: 'yes', why: huge } }))))['answers.why']).toBe(
      programsMessages.en['programs.error.answerTooLong'],
    );
    const n = await env.deps.db.select({ n: count() }).from(programApplications).where(eq(programApplications.programId, p.id));
    expect(n[0].n).toBe(0);
  });

  it('refuses applications after the deadline with deadline_passed, storing nothing', async () => {
    const p = await newProgram();
    await env.deps.db
      .update(programs)
      .set({ applicationDeadline: new Date(Date.now() - 1000) })
      .where(eq(programs.id, p.id));
    const res = await api(env, 'POST', `/api/v1/programs/${p.slug}/applications`, undefined, application({ language: 'es' }));
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('deadline_passed');
    expect(error.message).toBe(programsMessages.es['programs.error.deadlinePassed']);
    const n = await env.deps.db.select({ n: count() }).from(programApplications).where(eq(programApplications.programId, p.id));
    expect(n[0].n).toBe(0);
  });

  it('reviews sort by average score; a decision emails the applicant in their language and accepting makes a team', async () => {
    const p = await newProgram();
    const ids: string[] = [];
    for (const language of ['en', 'es', 'es']) {
      const res = await api(env, 'POST', `/api/v1/programs/${p.slug}/applications`, undefined, application({ language }));
      ids.push(((await res.json()) as { id: string }).id);
    }
    const reviewer2 = await apiToken(env, `rev-${uid()}@example.org`, 'organizer');
    const score = (token: string, id: string, s: number) =>
      api(env, 'POST', `/api/v1/programs/${p.slug}/applications/${id}/reviews`, token, { score: s, comment: 'Buen equipo' });
    expect((await score(orgToken, ids[0], 2)).status).toBe(200);
    await score(orgToken, ids[1], 5);
    await score(reviewer2, ids[1], 4);
    await score(orgToken, ids[1], 3); // a second score from the same reviewer replaces the first
    expect((await score(orgToken, ids[2], 6)).status).toBe(422);
    // The demo program belongs to the Los Angeles chapter: its organizers see it.
    const la = await apiToken(env, `la-org-${uid()}@example.org`, 'organizer', 'los-angeles');
    const list = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/applications`, la)).json()) as {
      applications: { id: string; score: number | null }[];
      total: number;
    };
    expect(list.total).toBe(3);
    expect(list.applications.map((a) => [a.id, a.score])).toEqual([
      [ids[1], 3.5],
      [ids[0], 2],
      [ids[2], null],
    ]);

    const decided = await api(env, 'POST', `/api/v1/programs/${p.slug}/applications/${ids[1]}/decision`, orgToken, {
      decision: 'accepted',
    });
    expect(decided.status).toBe(200);
    const d = (await decided.json()) as { status: string; teamId: string };
    expect(d.status).toBe('accepted');
    const again = (await (
      await api(env, 'POST', `/api/v1/programs/${p.slug}/applications/${ids[1]}/decision`, orgToken, { decision: 'accepted' })
    ).json()) as { teamId: string };
    expect(again.teamId).toBe(d.teamId);
    const refused = await api(env, 'POST', `/api/v1/programs/${p.slug}/applications/${ids[1]}/decision`, orgToken, {
      decision: 'declined',
    });
    expect(refused.status).toBe(409);
    await api(env, 'POST', `/api/v1/programs/${p.slug}/applications/${ids[0]}/decision`, orgToken, { decision: 'declined' });

    const filtered = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/applications?status=accepted`, orgToken)).json()) as {
      total: number;
    };
    expect(filtered.total).toBe(1);

    const teams = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/teams`, orgToken)).json()) as {
      teams: { id: string; language: string; members: { email: string }[] }[];
      total: number;
    };
    expect(teams.total).toBe(1);
    expect(teams.teams[0]).toMatchObject({ id: d.teamId, language: 'es' });
    // The two members and the contact (not listed as a member) make up the team.
    expect(teams.teams[0].members).toHaveLength(3);

    await tasks();
    const [accepted] = await env.deps.db.select().from(programApplications).where(eq(programApplications.id, ids[1]));
    const [mail] = await mailsTo(accepted.members[0].email);
    expect(mail.subject).toBe('Aceptados: Sprint de formación en datos comunitarios');
    expect(mail.raw).toMatch(/^Content-Language: es$/m);
    const [declined] = await env.deps.db.select().from(programApplications).where(eq(programApplications.id, ids[0]));
    const [no] = await mailsTo(declined.contactEmail);
    expect(no.subject).toBe('Your application to Community Data Training Sprint');
    expect(no.raw).toMatch(/^Content-Language: en$/m);
  });
});

describe('slots and bookings', () => {
  it('books, answers a repeat with the same booking, refuses a full slot and a used-up quota, and cancels', async () => {
    const p = await newProgram({ bookingQuotas: { office_hour: 1, ta: 2, pre_call: 1 } });
    const slot = await api(env, 'POST', `/api/v1/programs/${p.slug}/slots`, orgToken, {
      kind: 'office_hour',
      startsAt: `${day(95)}T10:00`, // after the program's end: the last office hour
      endsAt: `${day(95)}T11:00`,
      capacity: 1,
      host: { name: 'Ana Host', email: `host-${uid()}@example.org`, language: 'es' },
    });
    expect(slot.status).toBe(201);
    const s = (await slot.json()) as { id: string; booked: number; capacity: number };
    expect(s).toMatchObject({ capacity: 1, booked: 0 });
    const zero = await api(env, 'POST', `/api/v1/programs/${p.slug}/slots`, orgToken, {
      kind: 'ta',
      startsAt: `${day(40)}T10:00`,
      endsAt: `${day(40)}T11:00`,
      capacity: 0,
    });
    expect(zero.status).toBe(422);

    const teamA = await newTeam(p, 'en');
    const teamB = await newTeam(p, 'es');
    const path = `/api/v1/programs/${p.slug}/slots/${s.id}/bookings`;
    const first = await api(env, 'POST', path, orgToken, { teamId: teamA });
    expect(first.status).toBe(201);
    const booking = (await first.json()) as { id: string; status: string };
    expect(booking.status).toBe('booked');
    const repeat = await api(env, 'POST', path, orgToken, { teamId: teamA });
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as { id: string }).id).toBe(booking.id);
    const full = await api(env, 'POST', path, orgToken, { teamId: teamB });
    expect(full.status).toBe(409);
    expect(((await full.json()) as { error: { code: string } }).error.code).toBe('slot_full');

    const other = await createSlot(
      env.deps.db,
      p,
      slotInput.parse({ kind: 'office_hour', startsAt: `${day(50)}T10:00`, endsAt: `${day(50)}T11:00`, capacity: 5 }),
    );
    const over = await api(env, 'POST', `/api/v1/programs/${p.slug}/slots/${other.id}/bookings`, orgToken, { teamId: teamA });
    expect(over.status).toBe(409);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('quota_exceeded');

    const ics = await api(env, 'GET', `/api/v1/programs/${p.slug}/bookings/${booking.id}/invite.ics`, orgToken);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const requestIcs = await ics.text();
    expect(requestIcs).toMatch(/METHOD:REQUEST/);
    expect(requestIcs).toMatch(/BEGIN:VTIMEZONE/);
    expect(requestIcs).toMatch(/TZID=America\/New_York/);
    const uidLine = /UID:(.+)/.exec(requestIcs)![1].trim();

    const cancelled = await api(env, 'DELETE', `/api/v1/programs/${p.slug}/bookings/${booking.id}`, orgToken);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', sequence: 1 });
    const cancelIcs = await (await api(env, 'GET', `/api/v1/programs/${p.slug}/bookings/${booking.id}/invite.ics`, orgToken)).text();
    expect(cancelIcs).toMatch(/METHOD:CANCEL/);
    expect(cancelIcs).toContain(`UID:${uidLine}`);
    expect(cancelIcs).toMatch(/SEQUENCE:1/);
    // The seat and the allowance are free again: the other team can book, and team A's quota is back.
    expect((await api(env, 'POST', path, orgToken, { teamId: teamB })).status).toBe(201);
    const prog = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/teams/${teamA}/progress`, orgToken)).json()) as {
      bookings: Record<string, { booked: number; quota: number }>;
      tags: Record<string, unknown>;
    };
    expect(prog.bookings.office_hour).toEqual({ booked: 0, quota: 1 });
    expect(Object.keys(prog.tags)).toEqual(['SI1']);
  });

  it('refuses a past slot, and lets only the team’s members or organizers book for it', async () => {
    const p = await newProgram();
    const teamA = await newTeam(p);
    const past = await createSlot(
      env.deps.db,
      p,
      slotInput.parse({ kind: 'ta', startsAt: `${day(40)}T10:00`, endsAt: `${day(40)}T11:00`, capacity: 3 }),
    );
    await env.deps.db
      .update(programSlots)
      .set({ startsAt: new Date(Date.now() - 3600_000) })
      .where(eq(programSlots.id, past.id));
    const res = await api(env, 'POST', `/api/v1/programs/${p.slug}/slots/${past.id}/bookings`, orgToken, { teamId: teamA });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('slot_past');
    const stranger = await apiToken(env, `stranger-${uid()}@example.org`);
    const open = await createSlot(
      env.deps.db,
      p,
      slotInput.parse({ kind: 'ta', startsAt: `${day(41)}T10:00`, endsAt: `${day(41)}T11:00`, capacity: 3 }),
    );
    expect((await api(env, 'POST', `/api/v1/programs/${p.slug}/slots/${open.id}/bookings`, stranger, { teamId: teamA })).status).toBe(403);
  });

  it('sends invites to every member and the host in their language; moving raises SEQUENCE', async () => {
    const p = await newProgram();
    const hostEmail = `host-${uid()}@example.org`;
    const slot = await createSlot(
      env.deps.db,
      p,
      slotInput.parse({
        kind: 'ta',
        startsAt: `${day(45)}T10:00`,
        endsAt: `${day(45)}T11:00`,
        capacity: 2,
        host: { name: 'Ana', email: hostEmail, language: 'es' },
      }),
    );
    const teamId = await newTeam(p, 'en');
    const memberToken = async () => {
      const [m] = await env.deps.db
        .execute(sql`SELECT email FROM program_team_members WHERE team_id = ${teamId} LIMIT 1`)
        .then((r) => (r as unknown as { rows: { email: string }[] }).rows);
      return { email: m.email, token: await apiToken(env, m.email) };
    };
    const member = await memberToken();
    // A member may leave out the team.
    const res = await api(env, 'POST', `/api/v1/programs/${p.slug}/slots/${slot.id}/bookings`, member.token, {});
    expect(res.status).toBe(201);
    await tasks();
    const [toMember] = await mailsTo(member.email);
    expect(toMember.subject).toMatch(/^Booked: 1:1 technical assistance/);
    expect(toMember.raw).toMatch(/^Content-Language: en$/m);
    expect(toMember.raw).toMatch(/METHOD:REQUEST/);
    const [toHost] = await mailsTo(hostEmail);
    expect(toHost.subject).toMatch(/^Reservado: Asistencia técnica individual/);
    expect(toHost.raw).toMatch(/^Content-Language: es$/m);

    const moved = await api(env, 'PATCH', `/api/v1/programs/${p.slug}/slots/${slot.id}`, orgToken, {
      startsAt: `${day(46)}T15:00`,
      endsAt: `${day(46)}T16:00`,
    });
    expect(moved.status).toBe(200);
    await tasks();
    const [movedMail] = await mailsTo(hostEmail);
    expect(movedMail.subject).toMatch(/^Nuevo horario/);
    expect(calendarOf(movedMail.raw)).toMatch(/SEQUENCE:1/);
    const [b] = await env.deps.db.select().from(programBookings).where(eq(programBookings.slotId, slot.id));
    expect(b.sequence).toBe(1);
    expect(b.ics).toMatch(/SEQUENCE:1/);
  });
});

describe('capacity and quotas under simultaneous requests', () => {
  it('60 requests from 30 teams for 10 one-seat slots give exactly 10 bookings', async () => {
    const p = await newProgram({ bookingQuotas: { office_hour: 10, ta: 0, pre_call: 0 } });
    const slots: Slot[] = [];
    for (let i = 0; i < 10; i++)
      slots.push(
        await createSlot(
          env.deps.db,
          p,
          slotInput.parse({
            kind: 'office_hour',
            startsAt: `${day(60)}T${String(8 + i).padStart(2, '0')}:00`,
            endsAt: `${day(60)}T${String(8 + i).padStart(2, '0')}:30`,
            capacity: 1,
          }),
        ),
      );
    const teams: string[] = [];
    for (let i = 0; i < 30; i++) teams.push(await newTeam(p, 'en', 1));
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => book(env.deps.db, env.deps.config.baseUrl, p, slots[i % 10].id, teams[i % 30], null)),
    );
    const ids = slots.map((s) => s.id);
    const live = await env.deps.db
      .select({ n: count() })
      .from(programBookings)
      .where(and(inArray(programBookings.slotId, ids), eq(programBookings.status, 'booked')));
    expect(live[0].n).toBe(10);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code);
    expect(refused.every((c) => c === 'slot_full')).toBe(true);
    const seats = await env.deps.db.select().from(programSlots).where(inArray(programSlots.id, ids));
    expect(seats.every((s) => s.booked === 1)).toBe(true);
  });

  it('one team firing 8 requests at once with a quota of 4 gets exactly 4', async () => {
    const p = await newProgram({ bookingQuotas: { office_hour: 4, ta: 0, pre_call: 0 } });
    const team = await newTeam(p);
    const slots: Slot[] = [];
    for (let i = 0; i < 8; i++)
      slots.push(
        await createSlot(
          env.deps.db,
          p,
          slotInput.parse({
            kind: 'office_hour',
            startsAt: `${day(61)}T${String(8 + i).padStart(2, '0')}:00`,
            endsAt: `${day(61)}T${String(8 + i).padStart(2, '0')}:30`,
            capacity: 5,
          }),
        ),
      );
    const results = await Promise.allSettled(slots.map((s) => book(env.deps.db, env.deps.config.baseUrl, p, s.id, team, null)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      Array(4).fill('quota_exceeded'),
    );
    const [q] = await env.deps.db
      .select()
      .from(programTeamQuotas)
      .where(and(eq(programTeamQuotas.teamId, team), eq(programTeamQuotas.kind, 'office_hour')));
    expect(q.used).toBe(4);
  });

  it('a double click (the same team and slot at once, through the API) returns the same booking', async () => {
    const p = await newProgram();
    const team = await newTeam(p);
    const s = await createSlot(
      env.deps.db,
      p,
      slotInput.parse({ kind: 'ta', startsAt: `${day(62)}T10:00`, endsAt: `${day(62)}T11:00`, capacity: 3 }),
    );
    const res = await Promise.all(
      Array.from({ length: 4 }, () => api(env, 'POST', `/api/v1/programs/${p.slug}/slots/${s.id}/bookings`, orgToken, { teamId: team })),
    );
    expect(res.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    const ids = new Set(await Promise.all(res.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    const [slot] = await env.deps.db.select().from(programSlots).where(eq(programSlots.id, s.id));
    expect(slot.booked).toBe(1);
  });
});

describe('pages without JavaScript', () => {
  it('shows the application form in English and Spanish, keeps values and shows errors next to fields', async () => {
    const p = await newProgram();
    const b = new Browser(env);
    const en = await b.get(`/programs/${p.slug}`);
    expect(en.status).toBe(200);
    const enText = visibleText(await en.text());
    expect(enText).toContain('Community Data Training Sprint');
    expect(enText).toMatch(/Applications close .* (EDT|EST)\./);
    // A reader in Los Angeles (the zone events.js remembers) sees the deadline in their own time too.
    const la = new Browser(env);
    la.cookies.set('tz', 'America/Los_Angeles');
    expect(visibleText(await (await la.get(`/programs/${p.slug}`)).text())).toMatch(
      /Applications close .* (EDT|EST)\. \(.*8:59 PM (PDT|PST) in your time\)/,
    );
    const es = visibleText(await (await b.get(`/es/programs/${p.slug}`)).text());
    expect(es).toContain('Postular');
    expect(es).toContain('Tipo de jurisdicción');

    const bad = await b.post(`/es/programs/${p.slug}`, {
      organization: 'Condado de Prueba',
      'contact.name': 'Zoë',
      'contact.email': 'not-an-email',
      language: 'es',
      'members.2.name': 'Ana',
      'members.2.email': 'ana@example.org',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('value="Condado de Prueba"');
    expect(html).toContain('id="contact.email-error"');
    expect(visibleText(html)).toContain('Escribe un correo electrónico como nombre@ejemplo.org.');
    expect(html).toContain('id="answers.jurisdiction-error"');
  });

  it('tells an ineligible applicant at once which rules failed, in their language', async () => {
    const p = await newProgram();
    const b = new Browser(env);
    const res = await b.post(`/programs/${p.slug}`, {
      organization: 'State Agency',
      'contact.name': 'Lee',
      'contact.email': `lee-${uid()}@example.org`,
      language: 'es',
      'members.0.name': 'Lee',
      'members.0.email': `lee-m-${uid()}@example.org`,
      'answers.jurisdiction': '2',
      'answers.portal': 'yes',
    });
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain('Tu equipo no cumple los requisitos');
    expect(text).toContain('Solo ciudades y condados.');
    expect(text).toContain('Al menos 2 personas.');
  });

  it('lets a team member book and cancel from the team page', async () => {
    const p = await newProgram();
    const teamId = await newTeam(p, 'es');
    const s = await createSlot(
      env.deps.db,
      p,
      slotInput.parse({ kind: 'office_hour', startsAt: `${day(70)}T10:00`, endsAt: `${day(70)}T11:00`, capacity: 1 }),
    );
    const rows = (await env.deps.db.execute(sql`SELECT email FROM program_team_members WHERE team_id = ${teamId} LIMIT 1`)) as unknown as {
      rows: { email: string }[];
    };
    const b = new Browser(env);
    await b.signInAs(rows.rows[0].email, { language: 'es' });
    b.cookies.set('tz', 'America/Los_Angeles');
    const page = visibleText(await (await b.get(`/es/programs/${p.slug}/team`)).text());
    expect(page).toContain('Horario de consulta');
    expect(page).toContain('A tu equipo le quedan 4 de 4');
    // 10:00 in New York, and 7:00 for this team member in Los Angeles.
    expect(page).toMatch(/10:00 a\.\s?m\. (EDT|EST) \(.*7:00 a\.\s?m\. (PDT|PST) en tu hora\)/);
    const booked = await b.post(`/es/programs/${p.slug}/team/book`, { slotId: s.id });
    expect(booked.status).toBe(303);
    const after = visibleText(await (await b.get(booked.headers.get('location')!)).text());
    expect(after).toContain('Reservado.');
    expect(after).toContain('A tu equipo le quedan 3 de 4');
    const [bk] = await env.deps.db.select().from(programBookings).where(eq(programBookings.slotId, s.id));
    const outsider = new Browser(env);
    await outsider.signInAs(`out-${uid()}@example.org`);
    expect((await outsider.post(`/programs/${p.slug}/team/cancel`, { bookingId: bk.id })).status).toBe(200);
    expect((await b.post(`/es/programs/${p.slug}/team/cancel`, { bookingId: bk.id })).status).toBe(303);
    const [gone] = await env.deps.db.select().from(programBookings).where(eq(programBookings.id, bk.id));
    expect(gone.status).toBe('cancelled');
  });
});

describe('sessions, attendance and progress', () => {
  it('invites every member in their language, raises SEQUENCE on a move, cancels with the same UID, and counts attendance', async () => {
    const p = await newProgram();
    const teamId = await newTeam(p, 'es', 2);
    const teams = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/teams`, orgToken)).json()) as {
      teams: { id: string; members: { id: string; email: string }[] }[];
    };
    const team = teams.teams.find((t) => t.id === teamId)!;
    // A date across the autumn DST change in New York: 10:00 is EST that day.
    const dstDay = `${future(400).getUTCFullYear()}-11-0${[1, 2, 3, 4, 5, 6, 7].find((d) => new Date(Date.UTC(future(400).getUTCFullYear(), 10, d)).getUTCDay() === 0)}`;
    const created = await api(env, 'POST', `/api/v1/programs/${p.slug}/sessions`, orgToken, {
      kind: 'weekly',
      title: { en: 'Week 1: stakeholders', es: 'Semana 1: partes interesadas' },
      startsAt: `${dstDay}T10:00`,
      endsAt: `${dstDay}T11:30`,
      link: 'https://meet.example.org/week-1',
      tags: ['SI1'],
    });
    expect(created.status).toBe(201);
    const s = (await created.json()) as { id: string; startsAt: string; sequence: number };
    expect(s.startsAt).toBe(`${dstDay}T10:00:00-05:00`);
    const badTag = await api(env, 'POST', `/api/v1/programs/${p.slug}/sessions`, orgToken, {
      kind: 'weekly',
      title: 'Week 2',
      startsAt: `${dstDay}T10:00`,
      endsAt: `${dstDay}T11:00`,
      tags: ['NOPE'],
    });
    expect(badTag.status).toBe(422);
    expect(((await badTag.json()) as { error: { fields: Record<string, string> } }).error.fields['tags.0']).toBe(
      programsMessages.en['programs.error.unknownTag'],
    );

    await tasks();
    const member = team.members[0].email;
    const [invite] = await mailsTo(member);
    expect(invite.subject).toMatch(/^Invitación: Semana 1: partes interesadas/);
    expect(invite.raw).toMatch(/^Content-Language: es$/m);
    const raw = calendarOf(invite.raw);
    expect(raw).toMatch(/METHOD:REQUEST/);
    expect(raw).toMatch(/DTSTART;TZID=America\/New_York:\d{8}T100000/);
    const uidLine = /UID:([^\r\n]+)/.exec(raw)![1];

    await api(env, 'PATCH', `/api/v1/programs/${p.slug}/sessions/${s.id}`, orgToken, {
      startsAt: `${dstDay}T12:00`,
      endsAt: `${dstDay}T13:00`,
    });
    await tasks();
    const [moved] = await mailsTo(member);
    expect(moved.subject).toMatch(/^Nuevo horario/);
    expect(calendarOf(moved.raw)).toMatch(/SEQUENCE:1/);

    // Held in the past, so it counts; one member came.
    await env.deps.db.execute(
      sql`UPDATE program_sessions SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = ${s.id}`,
    );
    const marked = await api(env, 'PUT', `/api/v1/programs/${p.slug}/sessions/${s.id}/attendance`, orgToken, {
      members: [
        { id: team.members[0].id, attended: true },
        { id: team.members[1].id, attended: false },
      ],
    });
    expect(await marked.json()).toEqual({ attended: 1 });
    const stranger = await api(env, 'PUT', `/api/v1/programs/${p.slug}/sessions/${s.id}/attendance`, orgToken, {
      members: [{ id: '00000000-0000-4000-8000-000000000000', attended: true }],
    });
    expect(stranger.status).toBe(422);
    const prog = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/teams/${teamId}/progress`, orgToken)).json()) as {
      attendance: { attended: number; total: number };
      tags: Record<string, { sessions: number; deliverables: number }>;
    };
    expect(prog.attendance).toEqual({ attended: 1, total: 1 });
    expect(prog.tags.SI1).toEqual({ sessions: 1, deliverables: 0 });

    const cancelled = await api(env, 'PATCH', `/api/v1/programs/${p.slug}/sessions/${s.id}`, orgToken, { cancelled: true });
    expect(await cancelled.json()).toMatchObject({ cancelled: true, sequence: 2 });
    await tasks();
    const [gone] = await mailsTo(member);
    const goneRaw = calendarOf(gone.raw);
    expect(goneRaw).toMatch(/METHOD:CANCEL/);
    expect(goneRaw).toContain(`UID:${uidLine}`);
    expect((await api(env, 'PATCH', `/api/v1/programs/${p.slug}/sessions/${s.id}`, orgToken, { cancelled: true })).status).toBe(409);
  });
});

describe('deliverables', () => {
  it('a team hands in, an organizer approves, and progress shows the status and the tag evidence', async () => {
    const p = await newProgram();
    const teamId = await newTeam(p, 'es');
    const made = await api(env, 'POST', `/api/v1/programs/${p.slug}/deliverables`, orgToken, {
      key: 'roadmap',
      title: { en: 'Roadmap and workplan', es: 'Hoja de ruta y plan de trabajo' },
      dueAt: day(80),
      tags: ['SI1'],
    });
    expect(made.status).toBe(201);
    expect(((await made.json()) as { dueAt: string }).dueAt).toMatch(/T23:59:59-0[45]:00$/);
    const again = await api(env, 'POST', `/api/v1/programs/${p.slug}/deliverables`, orgToken, {
      key: 'roadmap',
      title: 'x',
      dueAt: day(80),
    });
    expect(again.status).toBe(422);

    const path = `/api/v1/programs/${p.slug}/teams/${teamId}/deliverables/roadmap`;
    expect((await api(env, 'POST', `${path}/review`, orgToken, { status: 'approved' })).status).toBe(409);
    const rows = (await env.deps.db.execute(sql`SELECT email FROM program_team_members WHERE team_id = ${teamId} LIMIT 1`)) as unknown as {
      rows: { email: string }[];
    };
    const member = new Browser(env);
    await member.signInAs(rows.rows[0].email, { language: 'es' });
    // Far too long for a hand-in (but within the platform's body limit): refused beside the field, kept.
    const tooLong = await member.post(`/es/programs/${p.slug}/team/deliverables/roadmap`, { content: 'x'.repeat(5 * 1024 * 1024) });
    expect(tooLong.status).toBe(422);
    expect(visibleText(await tooLong.text())).toContain(programsMessages.es['programs.error.handInTooLong']);
    const ok = await member.post(`/es/programs/${p.slug}/team/deliverables/roadmap`, {
      content: 'Fase 1: datos de vivienda; fase 2: consulta pública.',
    });
    expect(ok.status).toBe(303);
    const page = visibleText(await (await member.get(ok.headers.get('location')!)).text());
    expect(page).toContain('Entregado. Los organizadores lo revisarán.');
    expect(page).toContain('Hoja de ruta y plan de trabajo');

    const reviewed = await api(env, 'POST', `${path}/review`, orgToken, { status: 'approved' });
    expect(await reviewed.json()).toEqual({ key: 'roadmap', status: 'approved' });
    const prog = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/teams/${teamId}/progress`, orgToken)).json()) as {
      deliverables: { key: string; status: string }[];
      tags: Record<string, { sessions: number; deliverables: number }>;
    };
    expect(prog.deliverables).toEqual([{ key: 'roadmap', status: 'approved' }]);
    expect(prog.tags.SI1).toEqual({ sessions: 0, deliverables: 1 });
    const stranger = await apiToken(env, `nosy-${uid()}@example.org`);
    expect((await api(env, 'PUT', path, stranger, { content: 'hi' })).status).toBe(403);

    // The per-tag report: which teams have evidence for SI1, as a page and as CSV.
    await newTeam(p, 'en');
    const org = new Browser(env);
    await org.signInAs(`report-${uid()}@example.org`, { role: 'organizer' });
    const all = visibleText(await (await org.get(`/programs/${p.slug}/report`)).text());
    expect(all.match(/City of Testville/g)).toHaveLength(2);
    const si1 = visibleText(await (await org.get(`/es/programs/${p.slug}/report?tag=SI1`)).text());
    expect(si1.match(/City of Testville/g)).toHaveLength(1);
    expect(si1).toContain('ninguna sesión, 1 entregable');
    const csv = await org.get(`/programs/${p.slug}/report.csv?tag=SI1`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines).toEqual([
      'Team,Organization,SI1: sessions attended,SI1: approved deliverables',
      'City of Testville,City of Testville,0,1',
    ]);
    expect((await member.get(`/programs/${p.slug}/report`)).status).toBe(403);
  });
});

describe('person data', () => {
  it('exports a member’s applications and team, and erasing keeps the application without their name or email', async () => {
    const p = await newProgram();
    const teamId = await newTeam(p, 'en', 2);
    const rows = (await env.deps.db.execute(
      sql`SELECT person_id, email FROM program_team_members WHERE team_id = ${teamId} AND role = 'Analyst' LIMIT 1`,
    )) as unknown as { rows: { person_id: string; email: string }[] };
    const { person_id: personId, email } = rows.rows[0];
    const exported = (await exportPersonData(env.deps.db, personId)).programs as { applications: unknown[]; teams: { team: string }[] };
    expect(exported.applications).toHaveLength(1);
    expect(exported.teams).toHaveLength(1);
    await erasePerson(env.deps.db, personId);
    const [a] = await env.deps.db.select().from(programApplications).where(eq(programApplications.programId, p.id));
    expect(JSON.stringify(a.members)).not.toContain(email);
    expect(a.members).toHaveLength(1);
  });
});

describe('organizer pages', () => {
  it('list applications by score and status, save a review, and accept an ineligible one (the override)', async () => {
    const p = await newProgram();
    const ineligible = await apply(env.deps.db, p, applicationInput.parse(application({ organization: 'Solo Town', members: members(1) })));
    const fine = await apply(env.deps.db, p, applicationInput.parse(application({ organization: 'Big County' })));
    expect(ineligible.status).toBe('ineligible');
    const org = new Browser(env);
    await org.signInAs(`org-page-${uid()}@example.org`, { role: 'organizer' });
    const reviewed = await org.post(`/programs/${p.slug}/applications/${fine.id}/review`, { score: '4', comment: 'Sólido' });
    expect(reviewed.status).toBe(303);
    const bad = await org.post(`/programs/${p.slug}/applications/${fine.id}/review`, { score: '9' });
    expect(bad.status).toBe(422);
    const list = visibleText(await (await org.get(`/es/programs/${p.slug}/applications`)).text());
    expect(list.indexOf('Big County')).toBeLessThan(list.indexOf('Solo Town'));
    expect(list).toContain('No cumple los requisitos');
    const filtered = visibleText(await (await org.get(`/programs/${p.slug}/applications?status=ineligible`)).text());
    expect(filtered).toContain('Solo Town');
    expect(filtered).not.toContain('Big County');
    const detail = visibleText(await (await org.get(`/programs/${p.slug}/applications/${ineligible.id}`)).text());
    expect(detail).toContain('At least 2 members.');
    const accepted = await org.post(`/programs/${p.slug}/applications/${ineligible.id}/decision`, { decision: 'accepted' });
    expect(accepted.status).toBe(303);
    const [row] = await env.deps.db.select().from(programApplications).where(eq(programApplications.id, ineligible.id));
    expect(row.status).toBe('accepted');
    const again = await org.post(`/programs/${p.slug}/applications/${ineligible.id}/decision`, { decision: 'declined' });
    expect(again.status).toBe(409);
    expect(visibleText(await again.text())).toContain(programsMessages.en['programs.error.alreadyAccepted']);
    const someone = new Browser(env);
    await someone.signInAs(`someone-${uid()}@example.org`);
    expect((await someone.get(`/programs/${p.slug}/applications`)).status).toBe(403);
  });
});

describe('demo data', () => {
  it('seeds the training sprint once, with an accepted team and an ineligible application', async () => {
    await seedPrograms(env.deps);
    await seedPrograms(env.deps);
    const p = await getProgram(env.deps.db, 'community-data-training-sprint');
    // The demo program belongs to the Los Angeles chapter: its organizers see it.
    const la = await apiToken(env, `la-org-${uid()}@example.org`, 'organizer', 'los-angeles');
    const list = (await (await api(env, 'GET', `/api/v1/programs/${p.slug}/applications`, la)).json()) as {
      applications: { status: string }[];
    };
    expect(list.applications.map((a) => a.status).sort()).toEqual(['accepted', 'ineligible']);
  });
});
