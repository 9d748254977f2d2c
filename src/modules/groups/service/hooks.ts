import type { Db } from '../../../db/client';
import type { Locale } from '../../../platform/i18n';
import { groupsMessages } from '../messages';
import { tableLinks } from './groupings';

/**
 * For the events module's ticket page (handed over at composition): "Your table" links for the
 * groupings of that event the ticket's owner is in, each a signed link to their own page.
 */
export async function yourTableLinks(
  db: Db,
  q: { eventId: string; email: string; locale: Locale; baseUrl: string; secret: Uint8Array },
): Promise<{ label: string; url: string }[]> {
  const t = groupsMessages.for(q.locale);
  const prefix = q.locale === 'es' ? '/es' : '';
  return (await tableLinks(db, q.secret, q)).map((l) => ({
    label: t('groups.mine.link', { title: l.title }),
    url: `${q.baseUrl}${prefix}/groupings/table/${l.token}`,
  }));
}
