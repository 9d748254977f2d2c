import fs from 'node:fs';
import type { CliCommand } from '../../platform/module';
import { jobsMessages } from './messages';
import { ImportRejected } from './importers/types';
import { IMPORT_FORMATS, MAX_IMPORT_BYTES, importFile, sendDigests, summaryCounts, type ImportFormat } from './service';
import { downloadFeed, importFetched } from './service/feeds';

const t = jobsMessages.any('en');

function option(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i];
  if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
  return args[i + 1];
}

/** `--map` takes a mapping, a preset's name, or a mapping file's path. */
function mappingArg(value: string | undefined): string | null {
  if (!value) return null;
  const stat = fs.statSync(value, { throwIfNoEntry: false });
  return stat?.isFile() ? fs.readFileSync(value, 'utf8') : value;
}

const USAGE =
  'Usage: pathways jobs import FILE|--url URL --format usajobs|neogov|csv [--agency SLUG] [--map title="Business Title",agency=Agency,…] [--key KEY --email EMAIL] [--feed NAME]';

/**
 * `pathways jobs import FILE --format usajobs|neogov|csv [--agency SLUG] [--map …] [--feed NAME]` prints
 * the report; with `--feed NAME` the postings an earlier file of that feed listed and this one does not
 * are closed (without it nothing closes);
 * a file that cannot be read exits 1 and changes nothing. `--url` (with `--key` and `--email` for
 * USAJOBS) fetches the feed instead of reading a file.
 */
export const jobsCli: Record<string, CliCommand> = {
  import: async ({ deps, args, out, err }) => {
    const format = option(args, 'format') as ImportFormat | undefined;
    const valueOpts = new Set(['--format', '--agency', '--map', '--url', '--key', '--email', '--feed']);
    const file = args.find((a, i) => !a.startsWith('--') && !valueOpts.has(args[i - 1] ?? ''));
    const url = option(args, 'url');
    if (!format || !(IMPORT_FORMATS as readonly string[]).includes(format) || (!file && !url)) {
      err(USAGE);
      return 2;
    }
    try {
      let text: string;
      if (url) {
        text = await downloadFeed(
          {
            url,
            format,
            apiKey: option(args, 'key') ?? process.env.USAJOBS_KEY ?? null,
            email: option(args, 'email') ?? process.env.USAJOBS_EMAIL ?? null,
          },
          deps.config.OUTBOUND_ALLOW,
        );
      } else {
        const stat = fs.statSync(file!, { throwIfNoEntry: false });
        if (!stat) {
          err(`No such file: ${file}`);
          return 2;
        }
        if (stat.size > MAX_IMPORT_BYTES) throw new ImportRejected('jobs.import.tooLarge', { max: MAX_IMPORT_BYTES / 1_048_576 });
        text = fs.readFileSync(file!, 'utf8');
      }
      let last = 0;
      const s = await (url ? importFetched : importFile)(deps.db, {
        format,
        text,
        agencySlug: option(args, 'agency') ?? null,
        mapping: mappingArg(option(args, 'map')),
        feed: option(args, 'feed') ? `name:${option(args, 'feed')}` : null,
        onProgress: async (done, total) => {
          if (total >= 1000 && (done - last >= 1000 || done === total)) {
            last = done;
            err(`… ${done}/${total}`);
          }
        },
      });
      if (s.total === 0) out(t('jobs.import.empty'));
      out(t('jobs.import.summary', summaryCounts(s)));
      if (s.notTech) out(`${t('jobs.import.notTech')}: ${s.notTech}`);
      for (const k of s.skipped) out(`  ${t('jobs.import.skippedCount')}: ${k.item}: ${t(k.reason, k.values)}`);
      for (const k of s.linksDropped) out(`  ${k.item}: ${t(k.reason)}`);
      for (const k of s.datesUnread) out(`  ${k.item}: ${t(k.reason, k.values)}`);
      if (s.noFeed) out(t('jobs.import.noFeed'));
      return 0;
    } catch (e) {
      if (e instanceof ImportRejected) {
        err(`${t('jobs.import.rejected')} ${t(e.key, e.values)}`);
        return 1;
      }
      throw e;
    }
  },
  /** `pathways jobs digests`: send the alert emails due now (the worker does this every hour). */
  digests: async ({ deps, out }) => {
    const r = await sendDigests(deps);
    out(`${r.sent} sent, ${r.empty} with nothing new`);
    return 0;
  },
};
