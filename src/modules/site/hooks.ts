import type { Child } from 'hono/jsx';
import type { Db } from '../../db/client';
import type { Ctx, Viewer } from '../../platform/http/context';
import type { Locale } from '../../platform/i18n';

/** A link the organizer home shows: a button at the top ("New event") or a link beside an item. */
interface OrganizeLink {
  label: string;
  /** Path without the language prefix (`/events/new`); the page adds `/es` for Spanish readers. */
  href: string;
}

interface OrganizeItem {
  label: string;
  href: string;
  /** One line under the label: a date, counts, rates. */
  detail?: string;
  links?: OrganizeLink[];
}

/** One box on the organizer home, written by the module that owns its data, in the reader's language. */
export interface OrganizePanel {
  heading: string;
  items: OrganizeItem[];
  /** Said when there are no items ("No drafts."). */
  empty: string;
  /** "All events", under the list. */
  more?: OrganizeLink;
  /** Buttons for the top of the page ("New event", "New issue", "Import"). */
  actions?: OrganizeLink[];
}

/**
 * What the organizer home reads from other modules, handed in by the composition root: each module
 * that has something for organizers gives the boxes this viewer may see (none when they may not).
 */
type OrganizePanels = (db: Db, q: { viewer: Viewer; locale: Locale; now: Date }) => Promise<OrganizePanel[]>;

/**
 * One part of the home page, written (and rendered, with its own cards) by the module that owns its
 * data: "Next events", "Featured jobs", "Hiring guides".
 */
interface HomeSection {
  /** Lower first. Events come first so a phone shows the next event in its first screen. */
  order: number;
  /** The section's id on the page (its heading is labelled by `${id}-heading`). */
  id: string;
  heading: string;
  body: Child;
  /** "All events", under the section. */
  more?: OrganizeLink;
}

/** What the home page reads from other modules: each gives its sections (none when it has nothing to show). */
type HomeSections = (c: Ctx) => Promise<HomeSection[]>;

export interface SiteHooks {
  organize?: OrganizePanels[];
  home?: HomeSections[];
}
