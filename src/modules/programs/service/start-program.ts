import type { Db } from '../../../db/client';
import { utcToZoned } from '../../events';
import { findChapter } from '../../people';
import { programInput } from './input';
import { createProgram } from './programs';

interface LocalText {
  en: string;
  es: string;
}

const cut = (t: LocalText, max: number) => ({ en: t.en.slice(0, max), es: t.es.slice(0, max) });

/**
 * A new program of a chapter for its organizers to finish: what another module (the playbook) starts a
 * chapter with. Its dates are placeholders in the chapter's zone (applications close in 8 weeks, it runs
 * weeks 10 to 22) for the organizer to set on its edit page; no page lists it, and its address carries
 * a random part, so no one applies before the organizers share it. Runs in the caller's transaction.
 */
export async function startProgram(db: Db, q: { chapter: string; title: LocalText; description: LocalText }, by: string | null) {
  const zone = (await findChapter(db, q.chapter))?.timeZone ?? 'UTC';
  const today = Date.parse(`${utcToZoned(new Date(), zone).slice(0, 10)}T00:00:00Z`);
  const weeksAhead = (w: number) => new Date(today + w * 7 * 86_400_000).toISOString().slice(0, 10);
  const p = await createProgram(
    db,
    programInput.parse({
      chapter: q.chapter,
      title: cut(q.title, 200),
      description: cut(q.description, 20000),
      timeZone: zone,
      applicationDeadline: `${weeksAhead(8)}T23:59`,
      startsAt: `${weeksAhead(10)}T09:00`,
      endsAt: `${weeksAhead(22)}T17:00`,
    }),
    by,
  );
  return [{ kind: 'program' as const, slug: p.slug, path: `/programs/${p.slug}/edit` }];
}
