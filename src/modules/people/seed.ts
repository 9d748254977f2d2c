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
