import { defineMessages } from '../../platform/i18n';

const en = {
  'site.home.title': 'Find your path into public service technology',
  'site.home.lead': 'Free events, open government tech jobs and programs that help you get hired, in English and Spanish.',
  'site.home.how': 'How Pathways helps',
  'site.home.events': 'Come to a free breakfast talk and meet people who build public services.',
  'site.home.jobs': 'Find open tech jobs in city, county, state and federal government, explained in plain language.',
  'site.home.news': 'Get one email a month with events and jobs. Leave any time with one click.',
  'site.home.start': 'Create a free account',
  'site.about.title': 'About Pathways',
  'site.about.body1':
    'Government needs people who can build good digital services, and many people who could do that work do not know these jobs exist or how to get them.',
  'site.about.body2':
    'Pathways is run by a small civic tech nonprofit. We host free events, share open government tech jobs, explain how public hiring works, and run programs with city teams.',
  'site.about.body3':
    'Everything here works in English and Spanish, on a phone, and with a screen reader. The software is open source, so other cities can run their own chapter.',
  'site.privacy.title': 'Privacy',
  'site.privacy.body1': 'We collect as little as we can: your name, your email, and what you choose to tell us.',
  'site.privacy.body2':
    'Questions about who you are (like your sector) are always optional, and we only ever report them as totals. We hide any total smaller than 5.',
  'site.privacy.body3': 'You can download everything we hold about you, or delete your account, from your account page at any time.',
  'site.nav.home': 'Home',
  'site.nav.organize': 'Organize',
  'site.organize.title': 'Organize',
  'site.organize.lead': 'Welcome back, {name}. Here is what your chapter has coming up and what is waiting for you.',
};

const es: typeof en = {
  'site.home.title': 'Encuentra tu camino hacia la tecnología en el servicio público',
  'site.home.lead':
    'Eventos gratuitos, empleos de tecnología en el gobierno y programas que te ayudan a conseguir trabajo, en inglés y en español.',
  'site.home.how': 'Cómo te ayuda Pathways',
  'site.home.events': 'Ven a una charla gratuita con desayuno y conoce a quienes crean los servicios públicos.',
  'site.home.jobs': 'Encuentra empleos de tecnología en gobiernos de ciudad, condado, estado y federal, explicados con palabras sencillas.',
  'site.home.news': 'Recibe un correo al mes con eventos y empleos. Date de baja cuando quieras con un clic.',
  'site.home.start': 'Crea una cuenta gratis',
  'site.about.title': 'Quiénes somos',
  'site.about.body1':
    'El gobierno necesita personas que sepan crear buenos servicios digitales, y muchas personas que podrían hacer ese trabajo no saben que existen estos empleos ni cómo conseguirlos.',
  'site.about.body2':
    'Pathways lo dirige una pequeña organización sin fines de lucro de tecnología cívica. Organizamos eventos gratuitos, compartimos empleos de tecnología en el gobierno, explicamos cómo se contrata en el sector público y llevamos programas con equipos de ciudades.',
  'site.about.body3':
    'Todo funciona en inglés y en español, en el teléfono y con lector de pantalla. El software es de código abierto, para que otras ciudades puedan tener su propio capítulo.',
  'site.privacy.title': 'Privacidad',
  'site.privacy.body1': 'Recogemos lo menos posible: tu nombre, tu correo y lo que decidas contarnos.',
  'site.privacy.body2':
    'Las preguntas sobre quién eres (como tu sector) siempre son opcionales, y solo las mostramos como totales. Ocultamos cualquier total menor que 5.',
  'site.privacy.body3': 'Desde tu cuenta puedes descargar todo lo que tenemos sobre ti o borrar tu cuenta cuando quieras.',
  'site.nav.home': 'Inicio',
  'site.nav.organize': 'Organizar',
  'site.organize.title': 'Organizar',
  'site.organize.lead': 'Hola de nuevo, {name}. Esto es lo que viene en tu capítulo y lo que te espera.',
};

export const siteMessages = defineMessages('site', en, es);
