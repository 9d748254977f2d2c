import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prepared } from '../../../db/prepared';
import type { Locale } from '../../../platform/i18n';
import { surveys } from '../schema';
import { pickText } from '../../events';

/**
 * For the events module's event page (handed over at composition): the event's surveys a visitor may
 * answer now. A "before" survey until the event starts; an after-event one, or the "after" half of a
 * before/after pair, from its start on. Follow-ups are never linked: they go by email to those who agreed.
 */
export async function eventSurveyLinks(
  db: Db,
  q: { eventId: string; startsAt: Date; locale: Locale },
  now = new Date(),
): Promise<{ label: string; url: string }[]> {
  const kinds = now < q.startsAt ? (['pre'] as const) : (['postEvent', 'post'] as const);
  const list = await prepared(db, `surveys.eventLinks.${kinds.join('.')}`, (db) =>
    db
      .select({ id: surveys.id, title: surveys.title })
      .from(surveys)
      .where(and(eq(surveys.eventId, sql.placeholder('eventId')), inArray(surveys.kind, [...kinds])))
      .orderBy(asc(surveys.createdAt)),
  ).execute({ eventId: q.eventId });
  const prefix = q.locale === 'es' ? '/es' : '';
  return list.map((s) => ({
    label: pickText(s.title, q.locale),
    url: `${prefix}/surveys/${s.id}`,
  }));
}
