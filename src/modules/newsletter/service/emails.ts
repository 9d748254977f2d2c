import type { Deps } from '../../../platform/http/context';
import { subscriptionEmail } from '../emails/subscription';
import type { Subscriber } from '../schema';
import { confirmToken, manageToken } from './common';

/** Double opt-in (or, for someone already subscribed, a link to their preferences), in their language. */
export async function sendSubscriptionEmail(deps: Deps, s: Subscriber, kind: 'confirm' | 'manage'): Promise<void> {
  const lp = s.language === 'es' ? '/es' : '';
  const url =
    kind === 'confirm'
      ? `${deps.config.baseUrl}${lp}/newsletter/confirm?token=${await confirmToken(deps, s.id)}`
      : `${deps.config.baseUrl}${lp}/newsletter/preferences?token=${await manageToken(deps, s.id)}`;
  await deps.mailer.send({ to: s.email, ...subscriptionEmail({ locale: s.language, kind, url }) });
}
