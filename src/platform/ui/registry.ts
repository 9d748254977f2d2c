import type { Child } from 'hono/jsx';
import type { Locale } from '../i18n';
import type { Viewer } from '../http/context';

/**
 * What modules add to every page, registered when app.ts mounts them: menu entries and footer blocks
 * (the newsletter sign-up, for instance). The layout reads these; it knows no module by name.
 */
export interface NavItem {
  href: string;
  label: Record<Locale, string>;
  order: number;
  /** Shown only when this returns true (e.g. organizers' tools). */
  visible?: (viewer: Viewer | null) => boolean;
}

export type FooterBlock = (props: { locale: Locale; csrfToken: string; pagePath: string }) => Child;

export const navItems: NavItem[] = [];
export const footerBlocks: FooterBlock[] = [];

export function addNavItem(item: NavItem): void {
  if (!navItems.some((i) => i.href === item.href)) {
    navItems.push(item);
    navItems.sort((a, b) => a.order - b.order);
  }
}

export function addFooterBlock(block: FooterBlock): void {
  if (!footerBlocks.includes(block)) footerBlocks.push(block);
}
