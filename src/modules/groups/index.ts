import type { PathwaysModule } from '../../platform/module';
import { seedGroups } from './seed';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { addNavItem } from '../../platform/ui/registry';
import { hasRole } from '../../platform/auth/roles';
import { groupsPages } from './pages';
import { registerGroupsApi } from './api';
import { groupsMessages } from './messages';
import { groupsTasks } from './service/introductions';
import { eraseFromGroupings, eraseFromMentorships, groupingsOf, mentorshipsOf } from './service/person-data';
import { registerPersonData } from '../people';

export * from './public';

export const groupsModule: PathwaysModule = {
  name: 'groups',
  migrations: 'modules/groups/migrations',
  pages: groupsPages,
  api: registerGroupsApi,
  setup: () => {
    registerErrorMessages(groupsMessages);
    registerPersonData({ name: 'groups', export: groupingsOf, erase: eraseFromGroupings });
    registerPersonData({ name: 'mentorship', export: mentorshipsOf, erase: eraseFromMentorships });
    addNavItem({
      href: '/organize/groupings',
      order: 85,
      label: { en: groupsMessages.en['groups.list.title'], es: groupsMessages.es['groups.list.title'] },
      visible: (viewer) => hasRole(viewer, 'organizer'),
    });
  },
  tasks: groupsTasks,
  seed: seedGroups,
};
