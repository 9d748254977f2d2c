import type { PathwaysModule } from '../../platform/module';
import { hasRole } from '../../platform/auth/roles';
import { addNavItem } from '../../platform/ui/registry';
import { createSitePages } from './pages';
import { siteMessages } from './messages';
import type { SiteHooks } from './hooks';

/** The site pages, given the organizer home's boxes from other modules (see `SiteHooks`). */
export function createSiteModule(hooks: SiteHooks = {}): PathwaysModule {
  return {
    name: 'site',
    pages: createSitePages(hooks),
    setup: () => {
      addNavItem({ href: '/', order: 0, label: { en: siteMessages.en['site.nav.home'], es: siteMessages.es['site.nav.home'] } });
      addNavItem({
        href: '/organize',
        order: 5,
        label: { en: siteMessages.en['site.nav.organize'], es: siteMessages.es['site.nav.organize'] },
        visible: (viewer) => hasRole(viewer, 'organizer'),
      });
    },
  };
}
