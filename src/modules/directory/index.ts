import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { addNavItem } from '../../platform/ui/registry';
import { registerPersonData } from '../people';
import { directoryPages } from './pages';
import { registerDirectoryApi } from './api';
import { directoryMessages } from './messages';
import { eraseDirectoryData, exportDirectoryData, postsCameDue, sendInvitation } from './service';

export * from './public';

export const directoryModule: PathwaysModule = {
  name: 'directory',
  migrations: 'modules/directory/migrations',
  pages: directoryPages,
  api: registerDirectoryApi,
  setup: () => {
    registerErrorMessages(directoryMessages);
    addNavItem({
      href: '/organizations',
      order: 40,
      label: { en: directoryMessages.en['directory.nav'], es: directoryMessages.es['directory.nav'] },
    });
    registerPersonData({ name: 'directory', export: exportDirectoryData, erase: eraseDirectoryData });
  },
  tasks: {
    'directory.invitation': async (deps, payload) => sendInvitation(deps, String(payload.invitationId)),
  },
  // A scheduled post appears by itself (visibility is checked when read); cached lists and feeds are
  // cleared when one came due in the last two minutes (a late run misses none), and left alone otherwise.
  schedules: [{ name: 'directory.posts-due', everySeconds: 60, run: (deps) => postsCameDue(deps.db, 120) }],
};
