import type { Deps } from '../../platform/http/context';
import { ensureChapter, ensurePerson, grantRole, updateProfile } from './service';

/** Demo people whose names exercise what real names do: accents, apostrophes, hyphens, one word, other scripts. */
export const demoPeople = [
  { fullName: 'María José Núñez', email: 'maria.nunez@example.org', language: 'es', sector: 'city', organization: 'City of Los Angeles' },
  { fullName: "Siobhán O'Brien", email: 'siobhan@example.org', language: 'en', sector: 'county', organization: 'LA County' },
  { fullName: 'Nguyễn Thị Minh Khai', email: 'minh.khai@example.org', language: 'en', sector: 'between_jobs', organization: null },
  { fullName: 'Jean-Luc Dubois-Martínez', email: 'jl.dubois@example.org', language: 'en', sector: 'private', organization: 'Acme Data' },
  { fullName: 'Teuila', email: 'teuila@example.org', language: 'en', sector: 'student', organization: 'Cal State LA' },
  { fullName: '김민준', email: 'minjun.kim@example.org', language: 'en', sector: 'state', organization: 'State of California' },
  { fullName: 'José Ángel Peña Guzmán', email: 'jose.pena@example.org', language: 'es', sector: 'nonprofit', organization: 'Code for LA' },
  { fullName: 'Aaliyah Johnson', email: 'aaliyah@example.org', language: 'en', sector: 'federal', organization: 'U.S. Digital Service' },
] as const;

const FIRST = [
  'María',
  'José',
  'Ana',
  'Luis',
  'Guadalupe',
  'Jesús',
  'Sofía',
  'Mateo',
  'Camila',
  'Diego',
  'Aaliyah',
  'DeShawn',
  'Mei',
  'Hiroshi',
  'Priya',
  'Siobhán',
  'Chinedu',
  'Fatima',
  'Olga',
  'Kai',
  'Noa',
  'Zoë',
  'Renée',
  'Björn',
  'Ximena',
  'Ángel',
  'Iñaki',
  'Thandiwe',
  'Moana',
  'Darnell',
  'Tyrone',
  'Erin',
  'Rafael',
  'Leilani',
  'Dmitri',
  'Yesenia',
  'Arjun',
  'Grace',
  'Marco',
  'Kevin',
  'Zainab',
  'Hannah',
  'Bao',
  'Oluwaseun',
] as const;
const LAST = [
  'García',
  'Hernández',
  'López',
  'Martínez',
  'Núñez',
  'Peña',
  'O’Connor',
  'Kim',
  'Nguyen',
  'Tanaka',
  'Okafor',
  'Johnson',
  'Washington',
  'Patel',
  'Cohen',
  'Dubois-Martínez',
  'Ibáñez',
  'Müller',
  'Álvarez',
  'Robles',
  'Reyes',
  'Mendoza',
  'Brooks',
  'Avetisyan',
  'Santos',
  'Kaur',
  'Morales',
  'Flores',
  'Abdullah',
  'Okonkwo',
  'Nakamura',
] as const;
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/**
 * A crowd for demo events, fairs and the newsletter: the people above (the hard names) first, then
 * distinct made-up names, the same ones on every run, about a third of them reading in Spanish. Seeds
 * take different stretches of it, so no two demo people share a name.
 */
export function demoCrowd(n: number): { name: string; email: string; language: 'en' | 'es' }[] {
  const crowd: { name: string; email: string; language: 'en' | 'es' }[] = demoPeople.map((p) => ({
    name: p.fullName,
    email: p.email,
    language: p.language,
  }));
  // Each (first, last) pair comes up once: the surname shifts by one every time the first names wrap.
  for (let i = 0; crowd.length < n && i < FIRST.length * LAST.length; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i + Math.floor(i / FIRST.length)) % LAST.length];
    crowd.push({ name: `${first} ${last}`, email: `${ascii(first)}.${ascii(last)}@example.org`, language: i % 3 === 1 ? 'es' : 'en' });
  }
  return crowd.slice(0, n);
}

export async function seedPeople(deps: Deps): Promise<void> {
  const chapter = await ensureChapter(deps.db, { slug: 'los-angeles', name: 'Los Angeles', timeZone: 'America/Los_Angeles' });
  const { person: admin } = await ensurePerson(deps.db, { email: 'admin@pathways.localhost', fullName: 'Demo Admin', verified: true });
  await grantRole(deps.db, admin.id, 'admin', null);
  const { person: organizer } = await ensurePerson(deps.db, {
    email: 'organizer@pathways.localhost',
    fullName: 'Rosa Martínez-López',
    language: 'es',
    verified: true,
  });
  await grantRole(deps.db, organizer.id, 'organizer', chapter.slug);
  for (const p of demoPeople) {
    const { person, created } = await ensurePerson(deps.db, { email: p.email, fullName: p.fullName, language: p.language, verified: true });
    if (created) {
      await updateProfile(deps.db, person.id, {
        fullName: p.fullName,
        preferredName: null,
        language: p.language,
        pronouns: null,
        organization: p.organization,
        sector: p.sector,
        accessibilityNeeds: null,
        consents: { newsletter: true },
      });
    }
  }
}
