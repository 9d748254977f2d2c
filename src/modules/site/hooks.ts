import type { Db } from '../../db/client';
import type { Viewer } from '../../platform/http/context';
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

export interface SiteHooks {
  organize?: OrganizePanels[];
}
