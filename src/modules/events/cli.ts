import fs from 'node:fs';
import type { CliCommand } from '../../platform/module';
import { AppError } from '../../platform/http/errors';
import { eventsMessages } from './messages';
import { getEvent, IMPORT_FORMATS, importAttendees, type ImportFormat } from './service';

const t = eventsMessages.any('en');

/** `pathways events import-attendees SLUG FILE [--format luma|eventbrite|meetup]` */
export const eventsCli: Record<string, CliCommand> = {
  'import-attendees': async ({ deps, args, out, err }) => {
    const fi = args.indexOf('--format');
    const format = fi >= 0 ? args[fi + 1] : undefined;
    const rest = args.filter((_, i) => fi < 0 || (i !== fi && i !== fi + 1));
    const [slug, file] = rest;
    if (!slug || !file || (format && !(IMPORT_FORMATS as readonly string[]).includes(format))) {
      err('Usage: pathways events import-attendees SLUG FILE [--format luma|eventbrite|meetup]');
      return 2;
    }
    if (!fs.existsSync(file)) {
      err(`No such file: ${file}`);
      return 2;
    }
    try {
      const e = await getEvent(deps.db, slug);
      const r = await importAttendees(deps.db, e, fs.readFileSync(file), (format as ImportFormat) ?? null);
      out(
        `${t('events.import.done', { tool: t(`events.import.tool.${r.format}`) })}: ${t('events.import.counts', { added: r.added, unchanged: r.unchanged, skipped: r.skipped.length })}`,
      );
      if (r.checkInFromStart) out(t('events.import.checkInFromStart', { count: r.checkInFromStart }));
      for (const s of r.skipped) out(t('events.import.skippedRow', { row: s.row, reason: t(s.reason), detail: s.detail ?? '' }).trim());
      return 0;
    } catch (e) {
      if (e instanceof AppError) {
        err(e.status === 404 ? `No event with the address ${slug}.` : t(e.messageKey));
        return 1;
      }
      throw e;
    }
  },
};
