import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { addNavItem } from '../../platform/ui/registry';
import { registerPersonData } from '../people';
import { careerfairPages } from './pages';
import { registerCareerfairApi } from './api';
import { careerfairMessages } from './messages';
import { eraseFairData, exportFairData, sendPassEmail } from './service';
import { seedCareerFair } from './seed';

export * from './public';

export const careerfairModule: PathwaysModule = {
  name: 'careerfair',
  migrations: 'modules/careerfair/migrations',
  pages: careerfairPages,
  api: registerCareerfairApi,
  setup: () => {
    registerErrorMessages(careerfairMessages);
    addNavItem({
      href: '/fairs',
      order: 15,
      label: { en: careerfairMessages.en['careerfair.nav'], es: careerfairMessages.es['careerfair.nav'] },
    });
    registerPersonData({ name: 'careerfair', export: exportFairData, erase: eraseFairData });
  },
  tasks: {
    'careerfair.mail': async (deps, payload) => sendPassEmail(deps, String(payload.attendeeId), payload.consentRequested === true),
  },
  seed: seedCareerFair,
};
