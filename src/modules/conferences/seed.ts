import type { Deps } from '../../platform/http/context';
import { utcToZoned } from '../../platform/time';
import { createRsvp, getEventById } from '../events';
import { demoPeople } from '../people';
import { addRoom, addTrack, createConference, createSession, findByAcronym, signUp } from './service';
import type { SessionType } from './schema';

const ACRONYM = 'sodla_demo';
const TZ = 'America/Los_Angeles';
const DAY = 86_400_000;

type Demo = [
  day: 0 | 1,
  start: string,
  end: string,
  room: 0 | 1 | 2,
  track: 0 | 1 | 2 | null,
  type: SessionType,
  lang: 'en' | 'es',
  title: string,
  titleEs: string,
  speakers: string[],
  seats?: number,
];

const programme: Demo[] = [
  [
    0,
    '09:00',
    '09:45',
    0,
    null,
    'keynote',
    'en',
    'Data that serves the people it describes',
    'Datos al servicio de quienes describen',
    ['Dr. Adaeze Okafor'],
  ],
  [
    0,
    '10:00',
    '10:45',
    0,
    0,
    'talk',
    'es',
    'Open budgets in plain Spanish',
    'Presupuestos abiertos en español claro',
    ['Guadalupe Ramírez'],
  ],
  [
    0,
    '10:00',
    '11:30',
    1,
    1,
    'workshop',
    'en',
    'Hands-on: mapping 311 requests',
    'Taller: mapas de solicitudes al 311',
    ['Mei-Ling Chen'],
    20,
  ],
  [
    0,
    '10:00',
    '10:45',
    2,
    2,
    'small_group',
    'en',
    'Careers in public-interest tech',
    'Carreras en tecnología de interés público',
    ['D’Andre Mitchell'],
  ],
  [
    0,
    '11:00',
    '11:10',
    0,
    0,
    'lightning_talk',
    'en',
    'Ten minutes on data dictionaries',
    'Diez minutos sobre diccionarios de datos',
    ['Nguyễn Văn An'],
  ],
  [0, '12:00', '13:00', 0, null, 'break', 'en', 'Lunch', 'Almuerzo', []],
  [
    0,
    '13:00',
    '14:00',
    0,
    0,
    'panel',
    'es',
    'Community feedback that changes programmes',
    'Opiniones de la comunidad que cambian programas',
    ['Tomás Gutiérrez-Ruiz', 'Marisol Ortega-Vega'],
  ],
  [
    0,
    '13:00',
    '14:30',
    1,
    1,
    'workshop',
    'es',
    'Taller: limpieza de datos con hojas de cálculo',
    'Taller: limpieza de datos con hojas de cálculo',
    ['Ana Núñez'],
    12,
  ],
  [
    1,
    '09:30',
    '10:15',
    0,
    2,
    'talk',
    'en',
    'Hiring technologists into government',
    'Contratar tecnólogos en el gobierno',
    ['Hyun-woo Park'],
  ],
  [1, '10:30', '11:15', 2, 2, 'networking', 'en', 'Meet the agencies', 'Conoce a las agencias', []],
  [1, '10:30', '12:00', 1, 1, 'workshop', 'en', 'Accessible charts', 'Gráficos accesibles', ['Mei-Ling Chen'], 15],
  [1, '16:00', '16:45', 0, null, 'keynote', 'es', 'Lo que aprendimos', 'Lo que aprendimos', ['Guadalupe Ramírez']],
];

/** "School of Data LA": two days, three tracks, three rooms, workshops with seats and a few sign-ups. */
export async function seedConferences(deps: Deps): Promise<void> {
  const db = deps.db;
  if (await findByAcronym(db, ACRONYM)) return;
  // Six weeks out, on local dates, so the demo never starts in the past.
  const first = utcToZoned(new Date(Date.now() + 42 * DAY), TZ).slice(0, 10);
  const second = utcToZoned(new Date(Date.now() + 43 * DAY), TZ).slice(0, 10);
  const days = [first, second];
  const v = await createConference(
    db,
    {
      title: 'School of Data LA',
      titleEs: 'Escuela de Datos LA',
      acronym: ACRONYM,
      kind: 'conference',
      startsAt: `${first}T08:30`,
      endsAt: `${second}T17:30`,
      timeZone: TZ,
      capacity: 300,
      status: 'published',
      chapter: 'los-angeles',
    },
    null,
  );
  const none = { stepFree: false, hearingLoop: false, cart: false, interpretation: false, quietRoom: false };
  const rooms = [
    await addRoom(db, v.event.id, {
      name: 'Main hall',
      capacity: 250,
      accessibility: { ...none, stepFree: true, hearingLoop: true, cart: true, interpretation: true },
    }),
    await addRoom(db, v.event.id, { name: 'Lab 2', capacity: 24, accessibility: { ...none, stepFree: true } }),
    await addRoom(db, v.event.id, { name: 'Garden room', capacity: 40, accessibility: { ...none, stepFree: true, quietRoom: true } }),
  ];
  const tracks = [
    await addTrack(db, v.event.id, { name: 'Open government', nameEs: 'Gobierno abierto', color: '#1a4480' }),
    await addTrack(db, v.event.id, { name: 'Skills', nameEs: 'Habilidades', color: '#00a91c' }),
    await addTrack(db, v.event.id, { name: 'Careers', nameEs: 'Carreras', color: '#e66f0e' }),
  ];
  const workshops = [];
  for (const [day, start, end, room, track, type, language, title, titleEs, speakers, seats] of programme) {
    const s = await createSession(db, v.event, {
      title,
      titleEs,
      abstract: null,
      abstractEs: null,
      type,
      trackId: track === null ? null : tracks[track].id,
      roomId: rooms[room].id,
      startsAt: `${days[day]}T${start}`,
      endsAt: `${days[day]}T${end}`,
      language,
      speakers: speakers.map((name) => ({ name, title: null, organization: null, bio: null, bioEs: null })),
      capacity: seats ?? null,
    });
    if (seats) workshops.push(s);
  }
  const e = await getEventById(db, v.event.id);
  for (const p of demoPeople.slice(0, 4)) {
    await createRsvp(
      db,
      e,
      { name: p.fullName, email: p.email, language: p.language as 'en' | 'es', answers: {}, accessibilityNeeds: null },
      { sendEmail: false },
    );
    await signUp(db, e, workshops[0], { name: p.fullName, email: p.email });
  }
}
