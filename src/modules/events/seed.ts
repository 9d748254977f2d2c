import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Deps } from '../../platform/http/context';
import { zonedToUtc } from '../../platform/time';
import { demoCrowd } from '../people';
import { createEvent, createRsvp, createSeries, eventInput, getSeries, importAttendees, storeUpload } from './service';
import type { Db } from '../../db/client';

const day = 86_400_000;
const ZONE = 'America/Los_Angeles';

/** The demo covers' colours: a warm sky behind a table of donuts, one palette per talk. */
const COVER_PALETTES = [
  ['#0b4778', '#f2938c', '#e5a000'],
  ['#1a4480', '#97d4ea', '#d83933'],
  ['#205493', '#fad980', '#8168b3'],
];

/**
 * A cover drawn here (no picture from elsewhere): a gradient and rows of donuts, rendered by sharp from
 * our own SVG, then stored through the same pipeline as an organizer's upload.
 */
async function demoCover(db: Db, n: number): Promise<string> {
  const [sky, donut, glaze] = COVER_PALETTES[n % COVER_PALETTES.length];
  const donuts = Array.from({ length: 7 }, (_, i) =>
    Array.from({ length: 2 }, (_, j) => {
      const x = 140 + i * 170 + (j % 2) * 85;
      const y = 500 + j * 130;
      return `<circle cx="${x}" cy="${y}" r="62" fill="${donut}"/><circle cx="${x}" cy="${y}" r="50" fill="${glaze}"/><circle cx="${x}" cy="${y}" r="20" fill="${sky}"/>`;
    }).join(''),
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="${donut}"/></linearGradient></defs><rect width="1280" height="720" fill="url(#g)"/><circle cx="${980 - n * 120}" cy="170" r="90" fill="${glaze}" opacity="0.85"/><rect y="420" width="1280" height="300" fill="#3d2b1f" opacity="0.35"/>${donuts}</svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return (await storeUpload(db, png, 'cover', 'cover.file', null)).key;
}

/**
 * The Los Angeles date of a working day about `offsetDays` from today: moved forward to a Tuesday,
 * Wednesday or Thursday, when a breakfast talk or a fair would really be held.
 */
export function demoWorkingDay(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * day);
  while (![2, 3, 4].includes(d.getUTCDay())) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const venue = {
  name: 'LA Public Library, Central Library — Mark Taper Auditorium',
  address: '630 W 5th St, Los Angeles, CA 90071',
  mapUrl: 'https://www.openstreetmap.org/search?query=630%20W%205th%20St%20Los%20Angeles',
};
const access = {
  stepFree: true,
  restrooms: true,
  interpretation: true,
  transit: 'Metro B/D Line, Pershing Square station; bike parking on Flower St.',
  notes: { en: null, es: null },
};

const talks = [
  {
    days: 12,
    title: 'How LA Metro plans bus service with open data',
    es: 'Cómo LA Metro planifica el servicio de autobuses con datos abiertos',
    speaker: { name: 'Dr. Adaeze Okafor', title: 'Senior Manager, Service Planning', organization: 'LA Metro' },
    capacity: 120,
    going: 48,
  },
  {
    days: 40,
    title: 'Digital services at the County: MyLA311 behind the scenes',
    es: null,
    speaker: { name: 'Tomás Gutiérrez-Ruiz', title: 'Product Lead', organization: 'Los Angeles County Internal Services Department' },
    capacity: 90,
    going: 21,
  },
  {
    days: 68,
    title: 'Data + Donuts: Wildfire recovery data with LA City',
    es: 'Datos y Donas: datos de la recuperación tras los incendios con la Ciudad de LA',
    speaker: { name: 'Mei-Ling Chen', title: 'Chief Data Officer', organization: 'City of Los Angeles, Information Technology Agency' },
    capacity: 150,
    going: 9,
  },
  {
    days: -21,
    title: 'Building a benefits screener with LA County DPSS',
    es: 'Un evaluador de beneficios con el DPSS del Condado de LA',
    speaker: { name: 'Kwame Mensah', title: 'Deputy Director, Innovation', organization: 'LA County Department of Public Social Services' },
    capacity: 100,
    going: 83,
    recording: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  },
  {
    days: -56,
    title: 'Street Services routing with LA Sanitation',
    es: null,
    speaker: { name: 'Ikaika Kahananui', title: 'Data Scientist', organization: 'LA Sanitation & Environment' },
    capacity: 80,
    going: 61,
  },
];

/**
 * The Data + Donuts series: breakfast talks on weekday mornings, speakers from LA agencies, RSVPs that
 * fill the nearest talk most; the past talks are records of history with their attendance imported,
 * as a chapter bringing its past from another tool would do (about two in three came).
 */
export async function seedEvents(deps: Deps): Promise<void> {
  const db = deps.db;
  try {
    await getSeries(db, 'data-donuts');
  } catch {
    await createSeries(db, {
      slug: 'data-donuts',
      chapter: 'los-angeles',
      title: { en: 'Data + Donuts', es: 'Datos y Donas' },
      description: {
        en: 'A free breakfast lecture series about how Los Angeles uses data and technology to serve people. Every talk is livestreamed and recorded.',
        es: 'Una serie gratuita de charlas con desayuno sobre cómo Los Ángeles usa los datos y la tecnología al servicio de la gente. Cada charla se transmite en vivo y se graba.',
      },
    });
  }
  for (const [i, talk] of talks.entries()) {
    const slug = `data-donuts-${i + 1}`;
    const exists = await db.execute(sql`SELECT 1 FROM events WHERE slug = ${slug}`);
    if ((exists as unknown as { rows: unknown[] }).rows.length) continue;
    const past = talk.days < 0;
    const cover =
      i < COVER_PALETTES.length
        ? {
            image: await demoCover(db, i),
            alt: {
              en: 'An illustration of rows of donuts on a table under a morning sky',
              es: 'Una ilustración de filas de donas sobre una mesa bajo el cielo de la mañana',
            },
          }
        : null;
    const input = eventInput.parse({
      slug,
      cover,
      series: 'data-donuts',
      chapter: 'los-angeles',
      title: { en: talk.title, es: talk.es },
      summary: {
        en: `${talk.speaker.name} (${talk.speaker.organization}) on the work, the data and the jobs.`,
        es: talk.es ? `${talk.speaker.name} (${talk.speaker.organization}) habla del trabajo, los datos y los empleos.` : null,
      },
      description: {
        en: `Coffee and donuts from **7:45**. Talk at 8:30, questions until 10.\n\n- What the team does\n- The data behind it\n- How to join them: open roles and internships`,
        es: talk.es
          ? `Café y donas desde las **7:45**. Charla a las 8:30 y preguntas hasta las 10.\n\n- Qué hace el equipo\n- Los datos detrás\n- Cómo unirte: puestos e internados abiertos`
          : null,
      },
      speakers: [
        {
          ...talk.speaker,
          photoUrl: null,
          photoAlt: null,
          bio: { en: `${talk.speaker.name} works at ${talk.speaker.organization}.`, es: null },
        },
      ],
      startsAt: `${demoWorkingDay(talk.days)}T08:30`,
      endsAt: `${demoWorkingDay(talk.days)}T10:00`,
      timeZone: ZONE,
      format: 'hybrid',
      venue,
      accessibility: access,
      capacity: talk.capacity,
      questions: [
        {
          id: 'sector',
          kind: 'choice',
          label: { en: 'Where do you work?', es: '¿Dónde trabajas?' },
          required: false,
          options: [
            { en: 'Government', es: 'Gobierno' },
            { en: 'Nonprofit', es: 'Organización sin fines de lucro' },
            { en: 'Private sector', es: 'Sector privado' },
            { en: 'Student or between jobs', es: 'Estudiante o buscando trabajo' },
          ],
        },
        { id: 'donut', kind: 'yesno', label: { en: 'Would you like a vegan donut?', es: '¿Quieres una dona vegana?' }, required: false },
      ],
      livestreamUrl: 'https://www.youtube.com/watch?v=jNQXAC9IVRw',
      recordingUrl: talk.recording ?? null,
      links: [
        { label: 'City of Los Angeles IT jobs', url: 'https://www.governmentjobs.com/careers/lacity' },
        { label: 'LA County careers', url: 'https://www.governmentjobs.com/careers/lacounty' },
      ],
      status: 'published',
    });
    const e = await createEvent(db, input, null);
    const crowd = demoCrowd(talk.going);
    if (past) {
      const doors = zonedToUtc(`${demoWorkingDay(talk.days)}T08:05`, ZONE)!.getTime();
      const signedUp = new Date(doors - 14 * day).toISOString();
      const lines = crowd.map((p, n) => {
        const came = n % 3 !== 2 ? new Date(doors + ((n * 7) % 40) * 60_000).toISOString() : '';
        return `g${n},${p.name},${p.email},${signedUp},approved,${came}`;
      });
      await importAttendees(db, e, ['api_id,name,email,created_at,approval_status,checked_in_at', ...lines].join('\n'), 'luma');
      continue;
    }
    for (const p of crowd) {
      await createRsvp(
        db,
        e,
        { name: p.name, email: p.email, language: p.language, answers: {}, accessibilityNeeds: null },
        { sendEmail: false },
      );
    }
  }
}
