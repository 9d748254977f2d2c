import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { programsPages } from './pages';
import { registerProgramsApi } from './api';
import { programsMessages } from './messages';
import { seedPrograms } from './seed';
import { eraseProgramData, exportProgramData, sendBookingMail, sendDecisionMail, sendDraftMail, sendSessionMail } from './service';
import { registerPersonData } from '../people';
import { addNavItem } from '../../platform/ui/registry';
import { hasRole } from '../../platform/auth/roles';

export * from './public';

export const programsModule: PathwaysModule = {
  name: 'programs',
  migrations: 'modules/programs/migrations',
  pages: programsPages,
  api: registerProgramsApi,
  setup: () => {
    registerErrorMessages(programsMessages);
    registerPersonData({ name: 'programs', export: exportProgramData, erase: eraseProgramData });
    addNavItem({
      href: '/organize/programs',
      order: 87,
      label: { en: programsMessages.en['programs.manage.title'], es: programsMessages.es['programs.manage.title'] },
      visible: (viewer) => hasRole(viewer, 'organizer'),
    });
  },
  seed: seedPrograms,
  tasks: {
    'programs.decision': async (deps, payload) => sendDecisionMail(deps, String(payload.applicationId)),
    'programs.draft': async (deps, payload) => sendDraftMail(deps, String(payload.draftId)),
    'programs.booking': async (deps, payload) =>
      sendBookingMail(deps, { bookingId: String(payload.bookingId), what: String(payload.what), sequence: Number(payload.sequence) }),
    'programs.session': async (deps, payload) =>
      sendSessionMail(deps, { sessionId: String(payload.sessionId), sequence: Number(payload.sequence) }),
  },
};
