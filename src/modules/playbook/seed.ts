import type { Deps } from '../../platform/http/context';
import type { TemplateContent, TemplateKind } from './lib/kinds';
import { createTemplate, listTemplates } from './service';

const b = (en: string, es: string) => ({ en, es });

/** The network's starter playbook, as the Los Angeles chapter runs it. */
const STARTER: { slug: string; kind: TemplateKind; content: TemplateContent }[] = [
  {
    slug: 'civic-tech-night',
    kind: 'event_series',
    content: {
      title: b('Civic tech night', 'Noche de tecnología cívica'),
      summary: b(
        'A monthly evening: a short talk from a public servant, then tables where people work on the agency’s question together.',
        'Una noche al mes: una charla breve de una persona del servicio público y luego mesas donde se trabaja en conjunto en la pregunta de la agencia.',
      ),
      runOfShow: b(
        '5:30 Volunteers arrive, set up tables and the sign-in desk\n6:00 Doors open, check-in\n6:20 Welcome and code of conduct\n6:30 Talk and questions\n7:00 Table work\n7:50 Tables share back\n8:00 Close, clean up',
        '5:30 Llegan las personas voluntarias, arman las mesas y el registro\n6:00 Se abren las puertas, registro\n6:20 Bienvenida y código de conducta\n6:30 Charla y preguntas\n7:00 Trabajo en mesas\n7:50 Cada mesa comparte\n8:00 Cierre y limpieza',
      ),
      volunteerRoles: b(
        'Host: welcome, code of conduct, timing\nCheck-in: door list and walk-ins\nTable facilitators: one per table\nAccess lead: seating, captions, quiet room\nLivestream: camera and chat',
        'Anfitrión: bienvenida, código de conducta, tiempos\nRegistro: lista en la puerta y quienes llegan sin inscripción\nFacilitación: una persona por mesa\nAccesibilidad: asientos, subtítulos, sala tranquila\nTransmisión: cámara y chat',
      ),
    },
  },
  {
    slug: 'event-reminder-email',
    kind: 'email',
    content: {
      title: b('Reminder the day before', 'Recordatorio el día anterior'),
      subject: b('Tomorrow: {event}', 'Mañana: {event}'),
      body: b(
        'See you tomorrow at {venue}. Doors open at {time}. Tell us at the door if you need anything to take part fully.',
        'Nos vemos mañana en {venue}. Las puertas se abren a las {time}. Avísenos en la puerta si necesita algo para participar plenamente.',
      ),
    },
  },
  {
    slug: 'monthly-newsletter',
    kind: 'newsletter',
    content: {
      title: b('Monthly newsletter', 'Boletín mensual'),
      subject: b('{chapter} this month', '{chapter} este mes'),
      intro: b('What is coming up, and what we learned last month.', 'Lo que viene y lo que aprendimos el mes pasado.'),
      sections: b(
        'Upcoming events\nRecordings of past events\nJobs in public service\nVoices from the network',
        'Próximos eventos\nGrabaciones de eventos pasados\nEmpleos en el servicio público\nVoces de la red',
      ),
    },
  },
  {
    slug: 'venue-accessibility',
    kind: 'checklist',
    content: {
      title: b('Venue accessibility checklist', 'Lista de accesibilidad del lugar'),
      summary: b('Check each item on a visit before booking the venue.', 'Revise cada punto en una visita antes de reservar el lugar.'),
      items: b(
        'Step-free entrance, or a ramp\nAccessible restroom on the same floor\nSeats with backs and room for wheelchairs\nMicrophone and captions for talks\nA quiet room\nNear public transit, with the route written in the invitation',
        'Entrada sin escalones, o con rampa\nBaño accesible en el mismo piso\nAsientos con respaldo y espacio para sillas de ruedas\nMicrófono y subtítulos para las charlas\nUna sala tranquila\nCerca del transporte público, con la ruta escrita en la invitación',
      ),
    },
  },
  {
    slug: 'fellows-cohort',
    kind: 'program',
    content: {
      title: b('Public service fellows cohort', 'Cohorte de becarios del servicio público'),
      summary: b(
        'Eight weeks in teams on a question from a partner agency.',
        'Ocho semanas en equipos sobre una pregunta de una agencia aliada.',
      ),
      sessions: b(
        'Week 1: Meet the agency\nWeek 2: Research with residents\nWeek 4: Prototype\nWeek 8: Share-out',
        'Semana 1: Conocer a la agencia\nSemana 2: Investigación con residentes\nSemana 4: Prototipo\nSemana 8: Presentación final',
      ),
      deliverables: b(
        'Problem statement\nResearch notes\nPrototype\nFinal memo',
        'Planteamiento del problema\nNotas de investigación\nPrototipo\nMemorando final',
      ),
    },
  },
];

export async function seedPlaybook(deps: Deps): Promise<void> {
  const have = new Set((await listTemplates(deps.db)).map((t) => t.slug));
  for (const t of STARTER) if (!have.has(t.slug)) await createTemplate(deps.db, t, null);
}
