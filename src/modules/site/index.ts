import type { PathwaysModule } from '../../platform/module';
import { addNavItem } from '../../platform/ui/registry';
import { sitePages } from './pages';
import { siteMessages } from './messages';

export const siteModule: PathwaysModule = {
  name: 'site',
  pages: sitePages,
  setup: () => addNavItem({ href: '/', order: 0, label: { en: siteMessages.en['site.nav.home'], es: siteMessages.es['site.nav.home'] } }),
};
