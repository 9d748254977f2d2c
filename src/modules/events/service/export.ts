import type { Db } from '../../../db/client';
import type { Locale } from '../../../platform/i18n';
import { toCsv } from '../../../platform/csv';
import { eventsMessages } from '../messages';
import type { EventRow } from '../schema';
import { searchAttendees } from './checkin';
import { pickText } from '../lib/text';

/**
 * Attendee list as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents),
 * CRLF line ends, headers in the organizer's language, one column per RSVP question.
 */
export async function attendeesCsv(db: Db, e: EventRow, locale: Locale): Promise<string> {
  const t = eventsMessages.for(locale);
  const { attendees } = await searchAttendees(db, e.id, { limit: 100_000, offset: 0, status: null, locale });
  const header = [
    t('events.csv.name'),
    t('events.csv.email'),
    t('events.csv.status'),
    t('events.csv.waitlistPosition'),
    t('events.csv.rsvpAt'),
    t('events.csv.checkedInAt'),
    t('events.csv.organization'),
    t('events.csv.accessibility'),
    ...e.questions.map((q) => pickText(q.label, locale)),
  ];
  const body = attendees.map((a) => [
    a.name,
    a.email ?? '',
    t(`events.status.${a.status}` as 'events.status.going'),
    a.waitlistPosition ?? '',
    a.createdAt.toISOString(),
    a.checkedInAt ? a.checkedInAt.toISOString() : '',
    a.organization ?? '',
    a.accessibilityNeeds ?? '',
    ...e.questions.map((q) => a.answers[q.id] ?? ''),
  ]);
  return toCsv(header, body);
}
