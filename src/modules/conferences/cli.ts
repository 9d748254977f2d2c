import fs from 'node:fs';
import type { CliCommand } from '../../platform/module';
import { AppError } from '../../platform/http/errors';
import { conferencesMessages } from './messages';
import { importSchedule, IMPORT_MAX_BYTES } from './service/import';

const t = conferencesMessages.any('en');

/** `pathways conferences import-schedule FILE [--time-zone ZONE]` (the data folder lock is taken by the CLI itself). */
export const conferencesCli: Record<string, CliCommand> = {
  'import-schedule': async ({ deps, args, out, err }) => {
    const zi = args.indexOf('--time-zone');
    const timeZone = zi >= 0 ? args[zi + 1] : undefined;
    const [file] = args.filter((_, i) => zi < 0 || (i !== zi && i !== zi + 1));
    if (!file || (zi >= 0 && !timeZone)) {
      err(t('conferences.import.usage'));
      return 2;
    }
    if (!fs.existsSync(file)) {
      err(`No such file: ${file}`);
      return 2;
    }
    if (fs.statSync(file).size > IMPORT_MAX_BYTES) {
      err(t('conferences.error.tooBig'));
      return 1;
    }
    try {
      const r = await importSchedule(deps.db, fs.readFileSync(file, 'utf8'), { timeZone, actorId: null, canUpdate: () => true });
      out(t('conferences.import.done', { slug: r.slug, sessions: r.sessions, speakers: r.speakers, skipped: r.skipped.length }));
      for (const s of r.skipped) out(t('conferences.import.skipped', { title: s.title, reason: t(s.reason) }));
      return 0;
    } catch (e) {
      if (e instanceof AppError) {
        const field = Object.values(e.fields)[0];
        err(t(field ?? e.messageKey, { ...e.values }));
        return 1;
      }
      throw e;
    }
  },
};
