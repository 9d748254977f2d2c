import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import type { Deps } from '../../platform/http/context';
import { demoPeople } from '../people';
import { getEvent } from '../events';
import { createSurvey, saveResponse, surveyInput } from './service/surveys';

/** A post-event survey for the first Data & Donuts, answered by the demo people. */
export async function seedSurveys(deps: Deps): Promise<void> {
  const [{ n }] = await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM surveys`);
  if (n > 0) return;
  const e = await getEvent(deps.db, 'data-donuts-1').catch(() => null);
  if (!e) return;
  const s = await createSurvey(
    deps.db,
    surveyInput.parse({
      title: { en: 'How was Data & Donuts?', es: '¿Qué tal Data & Donuts?' },
      event: e.slug,
      questions: [
        { id: 'useful', kind: 'likert', label: { en: 'How useful was it?', es: '¿Qué tan útil fue?' } },
        { id: 'again', kind: 'yesno', label: { en: 'Would you come again?', es: '¿Volvería?' }, required: true },
        { id: 'notes', kind: 'text', label: { en: 'Anything we should change?', es: '¿Algo que deberíamos cambiar?' } },
      ],
    }),
    { chapter: e.chapter, by: null, authorize: () => undefined },
  );
  for (const [i, p] of demoPeople.entries())
    await saveResponse(deps.db, s, {
      email: p.email,
      language: p.language === 'es' ? 'es' : 'en',
      answers: { useful: 3 + (i % 3), again: true, notes: i === 0 ? 'Más mesas en español, por favor.' : '' },
    });
}
