import type { Deps } from '../../../platform/http/context';
import { subscriptionEmail } from '../emails/subscription';
import type { Subscriber } from '../schema';
import { confirmToken, manageToken } from './common';
import { subscribe } from './subscribers';

/** Double opt-in (or, for someone already subscribed, a link to their preferences), in their language. */
export async function sendSubscriptionEmail(deps: Deps, s: Subscriber, kind: 'confirm' | 'manage'): Promise<void> {
  const lp = s.language === 'es' ? '/es' : '';
  const url =
    kind === 'confirm'
      ? `${deps.config.baseUrl}${lp}/newsletter/confirm?token=${await confirmToken(deps, s.id)}`
      : `${deps.config.baseUrl}${lp}/newsletter/preferences?token=${await manageToken(deps, s.id)}`;
  await deps.mailer.send({ to: s.email, ...subscriptionEmail({ locale: s.language, kind, url }) });
}

/**
 * A sign-up from another module's form where the person ticked "send me the newsletter": the same
 * double opt-in as the newsletter's own form (a confirmation email; nothing is sent to them until
 * they press it). Topics stay the newsletter's defaults: other modules' topics are not its topics.
 */
export async function requestSubscription(
  deps: Deps,
  input: { email: string; name?: string; language: 'en' | 'es' },
  source: string,
): Promise<void> {
  const result = await subscribe(deps.db, input, source);
  if (result.subscriber && result.action !== 'none') await sendSubscriptionEmail(deps, result.subscriber, result.action);
}
