import type { EventsKey } from '../messages';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError } from '../../../platform/http/errors';
import { ensurePerson } from '../../people';
import { isEmailAddress } from '../../../platform/http/validation';
import { rsvps, type EventRow, type RsvpStatus } from '../schema';
import { ticketCode } from './rsvp';

export const IMPORT_FORMATS = ['luma', 'eventbrite', 'meetup'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

interface SkippedRow {
  /** Line number in the spreadsheet, counting the header as line 1. */
  row: number;
  /** Catalog key of the reason. */
  reason: EventsKey;
  detail?: string;
}

export interface ImportReport {
  format: ImportFormat;
  rows: number;
  added: number;
  unchanged: number;
  checkedIn: number;
  /** Check-ins the file gave no time for (Eventbrite): the event's start was recorded instead. */
  checkInFromStart: number;
  skipped: SkippedRow[];
}

const norm = (h: string) => h.trim().toLowerCase();

/** Which tool made this export, from its column names (never their positions). */
function detectFormat(headers: string[]): ImportFormat | null {
  const h = new Set(headers.map(norm));
  if ((h.has('api_id') || h.has('guest_id')) && h.has('approval_status') && h.has('email')) return 'luma';
  if (h.has('order #') && h.has('attendee status') && h.has('email')) return 'eventbrite';
  if (h.has('user id') && h.has('rsvp') && h.has('name')) return 'meetup';
  return null;
}

interface Parsed {
  line: number;
  name: string;
  email: string | null;
  status: RsvpStatus | null;
  checkedInAt: Date | null;
  /** The check-in time is the event's start, not a time from the file. */
  checkInFromStart?: boolean;
  skipReason?: EventsKey;
  detail?: string;
}

function parseCsv(content: Buffer | string): { headers: string[]; records: { line: number; cells: Record<string, string> }[] } {
  let text = typeof content === 'string' ? content : content.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let matrix: string[][];
  try {
    matrix = parse(text, { relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch {
    throw new AppError('malformed_csv', 422, 'events.import.malformed', { file: 'events.import.malformed' });
  }
  if (matrix.length === 0) throw new AppError('empty_csv', 422, 'events.import.empty', { file: 'events.import.empty' });
  const headers = matrix[0].map((h) => h.trim());
  const records = matrix.slice(1).map((cells, i) => ({
    line: i + 2,
    cells: Object.fromEntries(headers.map((h, j) => [norm(h), cells[j] ?? ''])),
  }));
  return { headers, records };
}

const LUMA: Record<string, RsvpStatus | null> = {
  approved: 'going',
  pending_approval: 'pending',
  waitlist: 'waitlist',
  declined: 'declined',
  invited: null,
};

function mapRows(
  format: ImportFormat,
  headers: string[],
  records: { line: number; cells: Record<string, string> }[],
  e: EventRow,
): Parsed[] {
  if (format === 'luma') {
    return records.map(({ line, cells }) => {
      const status = cells['approval_status']?.trim().toLowerCase();
      const mapped = status in LUMA ? LUMA[status] : undefined;
      const at = cells['checked_in_at']?.trim();
      const checkedInAt = at ? new Date(at) : null;
      const name =
        cells['name']?.trim() ||
        [cells['first_name'], cells['last_name']]
          .map((s) => s?.trim())
          .filter(Boolean)
          .join(' ');
      return {
        line,
        name,
        email: cells['email']?.trim() || null,
        status: mapped ?? null,
        checkedInAt: checkedInAt && !Number.isNaN(checkedInAt.getTime()) ? checkedInAt : null,
        skipReason: mapped === null ? 'events.import.skip.invited' : mapped === undefined ? 'events.import.skip.status' : undefined,
        detail: status,
      };
    });
  }
  if (format === 'eventbrite') {
    return records.map(({ line, cells }) => {
      const st = cells['attendee status']?.trim().toLowerCase();
      const status: RsvpStatus | undefined =
        st === 'attending' || st === 'checked in' ? 'going' : st === 'not attending' ? 'declined' : undefined;
      return {
        line,
        name: [cells['first name'], cells['last name']]
          .map((s) => s?.trim())
          .filter(Boolean)
          .join(' '),
        email: cells['email']?.trim() || null,
        status: status ?? null,
        // Eventbrite exports no check-in time; the event's start stands in for it.
        checkedInAt: st === 'checked in' ? e.startsAt : null,
        checkInFromStart: st === 'checked in',
        skipReason: status ? undefined : 'events.import.skip.status',
        detail: st,
      };
    });
  }
  const emailColumn = headers.find((h) => !['name', 'user id', 'rsvp', 'rsvped on'].includes(norm(h)) && /e-?mail|correo/i.test(h));
  if (!emailColumn) throw new AppError('no_email_column', 422, 'events.import.noEmailColumn', { file: 'events.import.noEmailColumn' });
  return records.map(({ line, cells }) => {
    const rsvp = cells['rsvp']?.trim().toLowerCase();
    const status: RsvpStatus | undefined =
      rsvp === 'yes' ? 'going' : rsvp === 'no' ? 'declined' : rsvp === 'waitlist' ? 'waitlist' : undefined;
    const answer = cells[norm(emailColumn)]?.trim() ?? '';
    return {
      line,
      name: cells['name']?.trim() ?? '',
      email: answer || null,
      status: status ?? null,
      checkedInAt: null,
      skipReason: status ? undefined : 'events.import.skip.status',
      detail: rsvp,
    };
  });
}

/**
 * Imports a Luma, Eventbrite or Meetup attendee export into an event. The whole file is one
 * transaction; people are merged by email; re-importing the same file adds nothing (one RSVP per
 * person and event). A file that is none of the three, or from another tool than asked, is rejected
 * before anything is written.
 */
export async function importAttendees(db: Db, e: EventRow, content: Buffer | string, wanted?: ImportFormat | null): Promise<ImportReport> {
  const { headers, records } = parseCsv(content);
  const detected = detectFormat(headers);
  if (!detected) {
    const hasEmail = headers.some((h) => /e-?mail|correo/i.test(h));
    throw new AppError('unknown_format', 422, hasEmail ? 'events.import.unknownFormat' : 'events.import.noEmailColumn', {
      file: hasEmail ? 'events.import.unknownFormat' : 'events.import.noEmailColumn',
    });
  }
  if (wanted && wanted !== detected) {
    throw new AppError('wrong_format', 422, `events.import.wrongFormat.${detected}`, { file: `events.import.wrongFormat.${detected}` });
  }
  const parsed = mapRows(detected, headers, records, e);
  const report: ImportReport = {
    format: detected,
    rows: records.length,
    added: 0,
    unchanged: 0,
    checkedIn: 0,
    checkInFromStart: 0,
    skipped: [],
  };
  const seen = new Set<string>();
  await db.transaction(async (tx) => {
    for (const r of parsed) {
      const name = r.name.normalize('NFC').trim();
      const email = r.email?.normalize('NFC').trim() ?? '';
      if (r.skipReason) report.skipped.push({ row: r.line, reason: r.skipReason, detail: r.detail });
      else if (!email) report.skipped.push({ row: r.line, reason: 'events.import.skip.noEmail' });
      else if (!isEmailAddress(email))
        report.skipped.push({ row: r.line, reason: 'events.import.skip.badEmail', detail: email.slice(0, 100) });
      else if (!name || name.length > 200) report.skipped.push({ row: r.line, reason: 'events.import.skip.noName', detail: email });
      else if (seen.has(email.toLowerCase())) report.skipped.push({ row: r.line, reason: 'events.import.skip.duplicate', detail: email });
      else {
        seen.add(email.toLowerCase());
        // An existing person keeps their name and language: the file only links them to the event.
        const { person } = await ensurePerson(tx, { email, fullName: name });
        const status = r.status as RsvpStatus;
        const [added] = await tx
          .insert(rsvps)
          .values({
            eventId: e.id,
            personId: person.id,
            name,
            email,
            language: person.language,
            status,
            ticketCode: ticketCode(),
            source: `import:${detected}`,
            checkedInAt: r.checkedInAt,
          })
          .onConflictDoNothing({ target: [rsvps.eventId, rsvps.personId] })
          .returning({ id: rsvps.id });
        if (!added) {
          report.unchanged++;
          continue;
        }
        report.added++;
        if (r.checkedInAt) report.checkedIn++;
        if (r.checkInFromStart) report.checkInFromStart++;
        // Past attendance is a record, not a new booking: the seat count follows it (capacity too).
        if (status === 'going') {
          await tx.execute(sql`UPDATE events SET going_count = going_count + 1,
              capacity = CASE WHEN capacity IS NOT NULL AND going_count + 1 > capacity THEN going_count + 1 ELSE capacity END
              WHERE id = ${e.id}`);
        } else if (status === 'waitlist') {
          await tx.execute(sql`WITH s AS (UPDATE events SET waitlist_seq = waitlist_seq + 1 WHERE id = ${e.id} RETURNING waitlist_seq)
              UPDATE rsvps SET waitlist_seq = (SELECT waitlist_seq FROM s) WHERE id = ${added.id}`);
        }
      }
    }
  });
  return report;
}
