import type { Deps } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import {
  applicationInput,
  apply,
  createDeliverable,
  createProgram,
  createSession,
  createSlot,
  decide,
  getProgram,
  programInput,
  saveWorksheet,
  worksheetOf,
  worksheetTemplateInput,
  createTemplate,
  sessionInput,
  slotInput,
} from './service';

const SLUG = 'community-data-training-sprint';
const date = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The demo chapter's training sprint: two applications (one accepted, one not eligible), times to book, a session, a deliverable. */
export async function seedPrograms(deps: Deps): Promise<void> {
  const exists = await getProgram(deps.db, SLUG).catch((err) => (err instanceof AppError ? null : Promise.reject(err)));
  if (exists) return;
  const p = await createProgram(
    deps.db,
    programInput.parse({
      slug: SLUG,
      chapter: 'los-angeles',
      title: { en: 'Community Data Training Sprint', es: 'Sprint de formación en datos comunitarios' },
      description: {
        en: 'City and county teams learn to plan and publish data with their communities: seven weekly sessions, 1:1 technical assistance and office hours.',
        es: 'Equipos de ciudades y condados aprenden a planear y publicar datos con sus comunidades: siete sesiones semanales, asistencia técnica individual y horarios de consulta.',
      },
      timeZone: 'America/New_York',
      startsAt: date(30),
      endsAt: date(90),
      applicationDeadline: date(21),
      bookingQuotas: { office_hour: 4, ta: 2, pre_call: 1 },
      questions: [
        {
          id: 'jurisdiction',
          kind: 'choice',
          label: { en: 'What kind of government are you?', es: '¿Qué tipo de gobierno son?' },
          required: true,
          options: [
            { en: 'City', es: 'Ciudad' },
            { en: 'County', es: 'Condado' },
            { en: 'Other', es: 'Otro' },
          ],
        },
        {
          id: 'portal',
          kind: 'yesno',
          label: { en: 'Do you have an open data portal?', es: '¿Tienen un portal de datos abiertos?' },
          required: true,
        },
        { id: 'why', kind: 'long_text', label: { en: 'What would you like to achieve?', es: '¿Qué les gustaría lograr?' } },
      ],
      eligibility: [
        {
          field: 'jurisdiction',
          op: 'in',
          value: ['City', 'County'],
          message: { en: 'The sprint is for cities and counties.', es: 'El sprint es para ciudades y condados.' },
        },
        {
          field: 'members',
          op: 'gte',
          value: 2,
          message: { en: 'A team needs at least 2 people.', es: 'Un equipo necesita al menos 2 personas.' },
        },
      ],
      tags: [{ key: 'SI1', description: { en: 'Stakeholder impact', es: 'Impacto en las partes interesadas' } }],
    }),
    null,
  );
  const accepted = await apply(
    deps.db,
    p,
    applicationInput.parse({
      organization: 'City of Los Angeles',
      contact: { name: 'María José Núñez', email: 'maria.nunez@example.org' },
      language: 'es',
      members: [
        { name: 'María José Núñez', email: 'maria.nunez@example.org', role: 'Analista de datos' },
        { name: 'José Ángel Peña Guzmán', email: 'jose.pena@example.org', role: 'Coordinador comunitario' },
      ],
      answers: { jurisdiction: 'City', portal: 'yes', why: 'Publicar datos de vivienda con los vecinos.' },
    }),
  );
  const { teamId } = await decide(deps.db, p, accepted, 'accepted', null);
  await apply(
    deps.db,
    p,
    applicationInput.parse({
      organization: 'Acme Data',
      contact: { name: 'Jean-Luc Dubois-Martínez', email: 'jl.dubois@example.org' },
      language: 'en',
      members: [{ name: 'Jean-Luc Dubois-Martínez', email: 'jl.dubois@example.org' }],
      answers: { jurisdiction: 'Other', portal: 'no' },
    }),
  );
  for (const [kind, days, capacity] of [
    ['pre_call', 25, 3],
    ['ta', 35, 1],
    ['office_hour', 40, 4],
    ['office_hour', 95, 4],
  ] as const) {
    await createSlot(deps.db, p, slotInput.parse({ kind, startsAt: `${date(days)}T13:00`, endsAt: `${date(days)}T14:00`, capacity }));
  }
  await createSession(
    deps.db,
    p,
    sessionInput.parse({
      kind: 'weekly',
      title: { en: 'Week 1: who uses your data', es: 'Semana 1: quién usa sus datos' },
      startsAt: `${date(31)}T12:00`,
      endsAt: `${date(31)}T13:30`,
      tags: ['SI1'],
    }),
  );
  await createDeliverable(deps.db, p, {
    key: 'audiences',
    title: { en: 'Target audiences', es: 'Públicos destinatarios' },
    dueAt: date(50),
    tags: ['SI1'],
  });
  const roadmap = await createTemplate(
    deps.db,
    p,
    worksheetTemplateInput.parse({
      key: 'roadmap',
      title: { en: 'Roadmap and workplan', es: 'Hoja de ruta y plan de trabajo' },
      sections: [
        {
          title: { en: 'Who uses your data', es: 'Quién usa sus datos' },
          questions: [
            { label: { en: 'Which groups use your data today?', es: '¿Qué grupos usan sus datos hoy?' } },
            { label: { en: 'Who is missing?', es: '¿Quién falta?' } },
          ],
        },
        {
          title: { en: 'Workplan', es: 'Plan de trabajo' },
          questions: [{ label: { en: 'Steps and dates', es: 'Pasos y fechas' } }],
        },
      ],
    }),
  );
  const sheet = await worksheetOf(deps.db, teamId!, roadmap);
  await saveWorksheet(
    deps.db,
    sheet,
    { answers: { 's1-q1': 'Vecinos, periodistas locales y el concejo.' } },
    { id: null, name: 'María José Núñez' },
  );
}
