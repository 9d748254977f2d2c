import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { addNavItem } from '../../platform/ui/registry';
import { registerPersonData } from '../people';
import { conferencesPages } from './pages';
import { registerConferencesApi } from './api';
import { registerCfpApi } from './api-cfp';
import { registerProgrammeApi } from './api-programme';
import { conferencesMessages } from './messages';
import { sendRemovedEmail, sendSignupEmail, type RemovedNews } from './service/mail';
import { sendCfpEmail } from './service/cfp-mail';
import { releaseAfterCancelledRsvp, releaseAllExpired } from './service/applications';
import { eraseConferenceData, exportConferenceData } from './service/data';
import { conferencesCli } from './cli';
import { seedConferences } from './seed';
import type { SignupTemplate } from './emails/signup';

export * from './public';

export const conferencesModule: PathwaysModule = {
  name: 'conferences',
  migrations: 'modules/conferences/migrations',
  pages: conferencesPages,
  api: (api) => {
    registerConferencesApi(api);
    registerCfpApi(api);
    registerProgrammeApi(api);
  },
  setup: () => {
    registerErrorMessages(conferencesMessages);
    addNavItem({
      href: '/conferences',
      order: 12,
      label: { en: conferencesMessages.en['conferences.nav'], es: conferencesMessages.es['conferences.nav'] },
    });
    registerPersonData({ name: 'conferences', export: exportConferenceData, erase: eraseConferenceData });
  },
  tasks: {
    'conferences.mail': async (deps, payload) =>
      sendSignupEmail(deps, String(payload.signupId), String(payload.template) as SignupTemplate),
    'conferences.removed': async (deps, payload) => sendRemovedEmail(deps, payload as unknown as RemovedNews),
    'conferences.cfpmail': async (deps, payload) => sendCfpEmail(deps, String(payload.kind), String(payload.id), String(payload.template)),
    'conferences.release-application': async (deps, payload) => releaseAfterCancelledRsvp(deps.db, String(payload.applicationId)),
  },
  // Offers past their deadline go down the waitlist within a minute, even if nobody presses anything.
  schedules: [{ name: 'conferences.release-expired', everySeconds: 60, run: (deps) => releaseAllExpired(deps.db) }],
  cli: conferencesCli,
  seed: seedConferences,
};
