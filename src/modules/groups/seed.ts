import type { Deps } from '../../platform/http/context';
import { demoPeople } from '../people';
import { getEvent } from '../events';
import { createGrouping, listGroupings } from './service/groupings';

const MORE = ['Aroha Ngata', 'Oluwaseun Adeyemi', '김민준', 'Søren Ødegaard', 'Zoë Ñúñez-Smith', "Seán O'Connor", 'Łucja Kowalska'];

/** A demo plan for the first Data & Donuts: the demo people and a few more, in 4s for 3 rounds. */
export async function seedGroups(deps: Deps): Promise<void> {
  if ((await listGroupings(deps.db, null)).length > 0) return;
  const e = await getEvent(deps.db, 'data-donuts-1').catch(() => null);
  if (!e) return;
  const participants = [
    ...demoPeople.map((p, i) => ({
      email: p.email,
      name: p.fullName,
      sector: p.organization ?? undefined,
      government: ['city', 'county', 'state', 'federal'].includes(p.sector),
      languages: p.language === 'es' ? ['es', 'en'] : ['en'],
      facilitator: i < 2,
    })),
    ...MORE.map((name, i) => ({ id: `guest-${i + 1}`, name, languages: ['en'] })),
  ];
  await createGrouping(
    deps.db,
    {
      title: 'Data & Donuts: table rotations',
      event: e.slug,
      participants,
      groupSize: 4,
      rounds: 3,
      constraints: { balance: ['government'] },
    },
    { chapter: e.chapter, by: null, authorize: () => undefined, seed: 1 },
  );
}
