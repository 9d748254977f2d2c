import type { Ctx } from '../../../platform/http/context';
import { AppError, forbidden } from '../../../platform/http/errors';
import { errorMessages } from '../../../platform/http/validation';
import { hasRole } from '../../../platform/auth/roles';
import { findChapter } from '../../people';
import { FIELD_KEYS, type TemplateContent } from '../lib/kinds';
import { playbookMessages } from '../messages';

/** The content fields of a posted form (`content.<field>.<lang>`), whatever else it carries. */
export const contentFrom = (values: Record<string, string>): TemplateContent =>
  Object.fromEntries(
    FIELD_KEYS.filter((f) => values[`content.${f}.en`] !== undefined || values[`content.${f}.es`] !== undefined).map((f) => [
      f,
      { en: values[`content.${f}.en`] ?? '', es: values[`content.${f}.es`] ?? '' },
    ]),
  );

/** A refusal's field keys, translated, for the page to show beside each field. */
export const translatedFields = (c: Ctx, err: AppError) => errorMessages(c, err.fields, playbookMessages);

/** The chapter from the address, for an organizer of it (or an admin); 404 for one that does not exist. */
export async function managedChapter(c: Ctx) {
  const ch = await findChapter(c.var.db, c.req.param('chapter') ?? '');
  if (!ch) throw new AppError('not_found', 404, 'errors.notFound');
  if (!hasRole(c.var.viewer, 'organizer', ch.slug)) throw forbidden();
  return ch;
}

export const chapterName = (c: Ctx, ch: { name: string; nameEs: string | null }) => (c.var.locale === 'es' && ch.nameEs) || ch.name;
