import type { Ctx } from '../http/context';
import { Csrf } from './components';
import { page } from './layout';

/**
 * The step before something that cannot be undone (sending an issue, declining someone, cancelling
 * one's place): a page that asks, with the one button that does it and a way back. Reached by a link
 * or a GET form, so it works without a script; the action itself stays a POST to `action`.
 */
export function confirmPage(
  c: Ctx,
  opts: {
    question: string;
    /** What happens, in a sentence, under the question. */
    detail?: string;
    /** Where the form posts (already in the reader's language). */
    action: string;
    fields?: Record<string, string>;
    confirm: string;
    back: { label: string; href: string };
    danger?: boolean;
  },
) {
  return page(
    c,
    { title: opts.question, index: false },
    <>
      <h1>{opts.question}</h1>
      {opts.detail && <p class="pw-lead">{opts.detail}</p>}
      <form method="post" action={opts.action} class="pw-actions">
        <Csrf token={c.var.csrfToken} />
        {Object.entries(opts.fields ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button class={opts.danger ? 'usa-button usa-button--secondary' : 'usa-button'} type="submit">
          {opts.confirm}
        </button>
        <a href={opts.back.href}>{opts.back.label}</a>
      </form>
    </>,
  );
}
