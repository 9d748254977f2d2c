import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { addNavItem } from '../../platform/ui/registry';
import { hasRole } from '../../platform/auth/roles';
import { createPlaybookPages } from './pages';
import type { PlaybookHooks } from './hooks';
import { registerPlaybookApi } from './api';
import { playbookMessages } from './messages';
import { seedPlaybook } from './seed';

/**
 * The replication playbook: the network's templates for running a chapter, copied into a chapter as
 * independent copies that show what the network changed since.
 */
export const createPlaybookModule = (hooks: PlaybookHooks = {}): PathwaysModule => ({
  name: 'playbook',
  migrations: 'modules/playbook/migrations',
  pages: createPlaybookPages(hooks),
  api: (api) => registerPlaybookApi(api, hooks),
  setup: () => {
    registerErrorMessages(playbookMessages);
    addNavItem({
      href: '/organize/playbook',
      order: 87,
      label: { en: playbookMessages.en['playbook.nav'], es: playbookMessages.es['playbook.nav'] },
      visible: (viewer) => hasRole(viewer, 'organizer'),
    });
  },
  seed: seedPlaybook,
});
