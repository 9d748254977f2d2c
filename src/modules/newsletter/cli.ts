import fs from 'node:fs';
import type { CliCommand } from '../../platform/module';
import { newsletterMessages } from './messages';
import type { NewsletterHooks } from './service/hooks';
import { importSubscribers, processInboundMessage, sendSlice, startDueIssues, type ImportFormat } from './service';

/** `pathways subscribers import FILE [--format mailchimp|csv]` */
export const subscribersCli: Record<string, CliCommand> = {
  import: async ({ deps, args, out, err }) => {
    const file = args.find((a) => !a.startsWith('--'));
    const fi = args.indexOf('--format');
    const format = (fi >= 0 ? args[fi + 1] : args.find((a) => a.startsWith('--format='))?.slice(9)) as ImportFormat | undefined;
    if (!file || (format && format !== 'mailchimp' && format !== 'csv')) {
      err('Usage: pathways subscribers import FILE [--format mailchimp|csv]');
      return 2;
    }
    if (!fs.existsSync(file)) {
      err(`No such file: ${file}`);
      return 1;
    }
    const t = newsletterMessages.for('en');
    try {
      const r = await importSubscribers(deps.db, file, new Uint8Array(fs.readFileSync(file)), format);
      out(t('newsletter.import.result', { created: r.created, updated: r.updated, suppressed: r.suppressed, skipped: r.skipped.length }));
      out(t('newsletter.import.encoding', { encoding: [...new Set(r.encodings)].join(', ') }));
      for (const s of r.skipped) out(`${s.file}:${s.line}\t${s.email}\t${t(s.reason)}`);
      return 0;
    } catch (e) {
      const m = e as { messageKey?: string; values?: Record<string, string> };
      err(m.messageKey ? newsletterMessages.any('en')(m.messageKey, m.values) : String(e));
      return 1;
    }
  },
};

/** `pathways newsletter bounce FILE…` and `pathways newsletter send` (one pass of the sender). */
export function newsletterCli(hooks: NewsletterHooks): Record<string, CliCommand> {
  return {
    bounce: async ({ deps, args, out, err }) => {
      if (args.length === 0) {
        err('Usage: pathways newsletter bounce MESSAGE.eml [MORE.eml …]');
        return 2;
      }
      for (const f of args) {
        const r = await processInboundMessage(deps.db, fs.readFileSync(f, 'utf8'));
        const list = (a: string[]) => a.join(', ') || '-';
        out(
          `${f}: suppressed ${list(r.suppressed)}; soft bounce counted ${list(r.noted)}; complained ${list(r.complained)}; unsubscribed ${list(r.unsubscribed)}`,
        );
      }
      return 0;
    },
    send: async ({ deps, out }) => {
      await startDueIssues(deps, hooks);
      let total = 0;
      for (;;) {
        const n = await sendSlice(deps, { maxMs: 60_000 });
        total += n;
        if (n === 0) break;
      }
      out(`${total} messages handled.`);
      return 0;
    },
  };
}
