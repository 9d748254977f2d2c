import type { PathwaysModule } from '../../platform/module';
import { registerErrorMessages } from '../../platform/http/errors-handler';
import { csrfExempt } from '../../platform/auth/middleware';
import { addFooterBlock, addNavItem } from '../../platform/ui/registry';
import { canManageNewsletter } from './permissions';
import { registerPersonData } from '../people';
import { createNewsletterPages } from './pages';
import { registerNewsletterApi } from './api';
import { newsletterMessages } from './messages';
import { newsletterCli, subscribersCli } from './cli';
import { exportNewsletterData, eraseNewsletterData } from './data-rights';
import { FooterSignup } from './views/forms';
import { sendSlice, startDueIssues, syncAccountConsents } from './service';
import { seedNewsletter } from './seed';
import type { NewsletterHooks } from './service/hooks';

export * from './public';

/** The newsletter module, given what it reads from other modules (all optional: see `NewsletterHooks`). */
export function createNewsletterModule(hooks: NewsletterHooks = {}): PathwaysModule {
  return {
    name: 'newsletter',
    migrations: 'modules/newsletter/migrations',
    pages: createNewsletterPages(hooks),
    api: (api) => registerNewsletterApi(api, hooks),
    setup: () => {
      registerErrorMessages(newsletterMessages);
      // RFC 8058: mail apps post here without a session or token of ours.
      csrfExempt('/newsletter/unsubscribe/one-click');
      addFooterBlock(FooterSignup);
      addNavItem({
        href: '/newsletter',
        order: 60,
        label: { en: newsletterMessages.en['newsletter.nav'], es: newsletterMessages.es['newsletter.nav'] },
      });
      addNavItem({
        href: '/organize/newsletter',
        order: 90,
        label: { en: newsletterMessages.en['newsletter.navOrganize'], es: newsletterMessages.es['newsletter.navOrganize'] },
        visible: canManageNewsletter,
      });
      registerPersonData({ name: 'newsletter', export: exportNewsletterData, erase: eraseNewsletterData });
    },
    schedules: [
      { name: 'newsletter.consents', everySeconds: 60, run: async (deps) => void (await syncAccountConsents(deps.db)) },
      {
        name: 'newsletter.send',
        everySeconds: 2,
        // Polled every two seconds: only a run that started or sent something may change public pages.
        run: async (deps) => (await startDueIssues(deps, hooks)) + (await sendSlice(deps, { maxMs: 15_000 })) > 0,
      },
    ],
    cli: newsletterCli(hooks),
    seed: (deps) => seedNewsletter(deps, hooks),
  };
}

export type { NewsletterHooks } from './service/hooks';

/** `pathways subscribers import …`: the command line reads `<module> <command>`. */
export const subscribersModule: PathwaysModule = { name: 'subscribers', cli: subscribersCli };
