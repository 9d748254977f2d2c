import type { Db } from '../../db/client';

interface LocalText {
  en: string;
  es: string;
}

/** Something live a copy started in another module: where an organizer finishes it. */
export interface StartedThing {
  kind: 'series' | 'event' | 'program';
  slug: string;
  /** The organizer's page for it (without a language prefix). */
  path: string;
}

/**
 * What copying a template starts in other modules, handed in by the composition root
 * (`src/modules/index.ts`, decision 0013). Each runs in the copy's transaction, only for a copy just
 * made, so a template copied twice (or by two organizers at once) starts one series or program.
 * Without a hook the copy is text only.
 */
export interface PlaybookHooks {
  /** An event series of the chapter, with a first draft event carrying the run of show. */
  events?: {
    startSeries: (
      db: Db,
      q: { chapter: string; title: LocalText; description: LocalText; firstEvent: { description: LocalText } },
      by: string | null,
    ) => Promise<StartedThing[]>;
  };
  /** A program of the chapter for its organizers to finish (dates, questions) before taking applications. */
  programs?: {
    startProgram: (db: Db, q: { chapter: string; title: LocalText; description: LocalText }, by: string | null) => Promise<StartedThing[]>;
  };
}
