import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import type { Deps } from '../../platform/http/context';
import { demoCrowd } from '../people';
import { createEvent, demoWorkingDay, eventInput, getEvent } from '../events';
import { getAgencyBySlug } from '../jobs';
import { connect, makeFair, openJobsOf, register, saveBooth } from './service';

const SLUG = 'la-public-sector-tech-career-fair';

const booths = [
  {
    agency: 'la-information-technology-agency',
    table: '1',
    languages: ['English', 'Español'],
    staff: [
      { name: 'Guadalupe Ramírez', email: 'partner@pathways.localhost' },
      { name: 'Farah Haddad', email: null },
    ],
  },
  {
    agency: 'la-metro',
    table: '2',
    languages: ['English', 'Español', '한국어'],
    staff: [
      { name: 'Chidi Eze', email: null },
      { name: 'Hyun-woo Park', email: null },
    ],
  },
  { agency: 'ladot', table: '3', languages: ['English', 'Tagalog'], staff: [{ name: 'Marisol Ortega-Vega', email: null }] },
  {
    agency: 'la-county-public-health',
    table: '4',
    languages: ['English', 'Español', 'Armenian / Հայերեն'],
    staff: [{ name: 'Lusine Grigoryan', email: null }],
  },
  { agency: 'lausd', table: '5', languages: ['English', 'Español'], staff: [{ name: "D'Andre Mitchell", email: null }] },
  {
    agency: 'california-department-of-technology',
    table: '6',
    languages: ['English', 'Tiếng Việt'],
    staff: [{ name: 'Nguyễn Văn An', email: null }],
  },
];

/** The Los Angeles Public Sector Tech Career Fair: booths of seeded agencies with their seeded jobs, attendees and connections. */
export async function seedCareerFair(deps: Deps): Promise<void> {
  const db = deps.db;
  const exists = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM event_listing WHERE slug = ${SLUG}`);
  if (exists[0].n > 0) return;
  // A working day, as the agencies' staff would come on one.
  const d = demoWorkingDay(26);
  await createEvent(
    db,
    eventInput.parse({
      slug: SLUG,
      chapter: 'los-angeles',
      title: { en: 'Los Angeles Public Sector Tech Career Fair', es: 'Feria de Empleo en Tecnología del Sector Público de Los Ángeles' },
      summary: {
        en: 'Meet City, County, State and transit agencies hiring for technology jobs. Bring questions; no résumé needed.',
        es: 'Conoce a agencias de la Ciudad, el Condado, el Estado y el transporte que contratan para empleos de tecnología. Trae tus preguntas; no necesitas currículum.',
      },
      description: {
        en: 'Booths open at **10:00**. Each agency lists the jobs it is hiring for and the languages its staff speak. Register to get a pass with a QR code: booths scan it so you do not have to write your details again.',
        es: 'Los puestos abren a las **10:00**. Cada agencia indica los empleos para los que contrata y los idiomas de su personal. Regístrate para recibir un pase con código QR: los puestos lo escanean y no tienes que volver a escribir tus datos.',
      },
      startsAt: `${d}T10:00`,
      endsAt: `${d}T15:00`,
      timeZone: 'America/Los_Angeles',
      format: 'in_person',
      venue: {
        name: 'California Science Center — Wallis Annenberg Building',
        address: '700 Exposition Park Dr, Los Angeles, CA 90037',
        mapUrl: null,
      },
      accessibility: {
        stepFree: true,
        restrooms: true,
        interpretation: true,
        transit: 'Metro E Line, Expo Park/USC station.',
        notes: { en: null, es: null },
      },
      capacity: 600,
      status: 'published',
    }),
    null,
  );
  const e = await getEvent(db, SLUG);
  await makeFair(db, e, null);
  const made: Awaited<ReturnType<typeof saveBooth>>[] = [];
  for (const b of booths) {
    const agency = await getAgencyBySlug(db, b.agency);
    if (!agency) continue;
    const jobs = await openJobsOf(db, agency);
    made.push(
      await saveBooth(
        db,
        e.id,
        agency,
        { staff: b.staff, jobIds: jobs.slice(0, 3).map((j) => j.id), languages: b.languages, tableNumber: b.table },
        { canSetTable: true },
      ),
    );
  }
  const attendees = demoCrowd(64);
  for (const [i, p] of attendees.entries()) {
    const consent = i % 4 !== 3;
    const { attendee } = await register(
      db,
      e,
      {
        name: p.name,
        email: p.email,
        language: p.language,
        consent,
        resumeUrl: i % 2 === 0 ? `https://example.org/cv/${i + 1}` : null,
        interests: i % 3 === 0 ? 'Data analysis, GIS, open data' : i % 3 === 1 ? 'Desarrollo web y accesibilidad' : null,
      },
      { trusted: true, sendEmail: false },
    );
    for (const booth of made.slice(0, 1 + (i % 3))) await connect(db, deps.secret, booth, attendee.passCode, null);
  }
}
