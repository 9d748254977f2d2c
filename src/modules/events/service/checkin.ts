import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { collator, type Locale } from '../../../platform/i18n';
import { emailAddress, personName } from '../../../platform/http/validation';
import {
  addPersonWithoutEmail,
  attendeeDomains,
  ensurePerson,
  governmentAttendance,
  updateProfile,
  GOVERNMENT_SECTORS,
  SECTORS,
} from '../../people';
import { rsvps, type EventRow, type RsvpRow, type RsvpStatus } from '../schema';
import { ticketCode } from './rsvp';
import { isUuid } from '../../../platform/ids';

export interface AttendeeRow {
  id: string;
  name: string;
  email: string | null;
  status: RsvpStatus;
  waitlistPosition: number | null;
  checkedInAt: Date | null;
  ticketCode: string;
  answers: Record<string, string>;
  accessibilityNeeds: string | null;
  organization: string | null;
  sector: string | null;
  createdAt: Date;
}

/**
 * The attendee list: one query, searched by name or email without regard to case, accents or
 * apostrophes (trigram index on f_search_key), waitlist positions computed in the same query.
 */
export async function searchAttendees(
  db: Db,
  eventId: string,
  opts: { q?: string; status?: RsvpStatus | null; limit: number; offset: number; locale?: Locale },
): Promise<{ attendees: AttendeeRow[]; total: number }> {
  const q = (opts.q ?? '').normalize('NFC').trim().slice(0, 200);
  const match = q
    ? sql`AND (f_search_key(r.name) LIKE '%' || f_search_key(${q}) || '%'
           OR f_search_key(r.email) LIKE '%' || f_search_key(${q}) || '%'
           OR upper(r.ticket_code) = upper(${q})
           OR f_search_key(${q}) <% f_search_key(r.name))`
    : sql``;
  const status = opts.status ? sql`AND r.status = ${opts.status}` : sql`AND r.status <> 'cancelled'`;
  const list = await rows<AttendeeRow & { total: number }>(
    db,
    sql`SELECT r.id, r.name, r.email, r.status, r.checked_in_at AS "checkedInAt", r.ticket_code AS "ticketCode",
               r.answers, r.accessibility_needs AS "accessibilityNeeds", p.organization, p.sector, r.created_at AS "createdAt",
               CASE WHEN r.status = 'waitlist' THEN (SELECT count(*) FROM rsvps w WHERE w.event_id = r.event_id AND w.status = 'waitlist' AND w.waitlist_seq <= r.waitlist_seq) END::int AS "waitlistPosition",
               count(*) OVER () AS total
        FROM rsvps r JOIN person_contacts p ON p.id = r.person_id
        WHERE r.event_id = ${eventId} ${status} ${match}
        ORDER BY ${q ? sql`word_similarity(f_search_key(${q}), f_search_key(r.name)) DESC,` : sql``}
                 CASE r.status WHEN 'going' THEN 0 WHEN 'walkin' THEN 1 WHEN 'pending' THEN 2 WHEN 'waitlist' THEN 3 ELSE 4 END,
                 r.waitlist_seq NULLS FIRST, r.name
        LIMIT ${opts.limit} OFFSET ${opts.offset}`,
  );
  const attendees = list.map(({ total: _t, ...a }) => ({
    ...a,
    checkedInAt: a.checkedInAt ? new Date(a.checkedInAt) : null,
    createdAt: new Date(a.createdAt),
  }));
  // Names in the reader's language's order, not the database's collation ("ana" beside "Ángela", not
  // after "Zach"). The groups stay as the query ordered them; a search keeps its best matches first.
  if (!q) {
    const byName = collator(opts.locale ?? 'en');
    attendees.sort(
      (a, b) =>
        statusRank(a.status) - statusRank(b.status) ||
        (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) ||
        byName.compare(a.name, b.name),
    );
  }
  return { attendees, total: list[0]?.total ?? 0 };
}

/** The status order of the attendee list's query, for sorting its rows again by name. */
function statusRank(status: RsvpStatus): number {
  return ({ going: 0, walkin: 1, pending: 2, waitlist: 3 } as Partial<Record<RsvpStatus, number>>)[status] ?? 4;
}

/**
 * Checks someone in. The update only applies when they are not yet checked in, so two volunteers
 * scanning the same ticket count one person; the second learns it was already done.
 */
export async function checkIn(
  db: Db,
  e: EventRow,
  by: { rsvpId?: string; code?: string },
  volunteerId: string | null,
): Promise<{ rsvp: RsvpRow; already: boolean }> {
  let where;
  if (isUuid(by.rsvpId)) where = eq(rsvps.id, by.rsvpId);
  else if (by.code) where = sql`upper(${rsvps.ticketCode}) = upper(${codeFrom(by.code)})`;
  else throw new AppError('not_found', 404, 'events.checkin.noTicket');
  const [r] = await db
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, e.id), where));
  if (!r) throw new AppError('not_found', 404, 'events.checkin.noTicket');
  if (!['going', 'walkin'].includes(r.status)) throw new AppError('not_going', 409, 'events.checkin.notGoing', {}, { name: r.name });
  const [done] = await db
    .update(rsvps)
    .set({ checkedInAt: new Date(), checkedInBy: volunteerId })
    .where(and(eq(rsvps.id, r.id), sql`${rsvps.checkedInAt} IS NULL`))
    .returning();
  if (done) return { rsvp: done, already: false };
  const [now] = await db.select().from(rsvps).where(eq(rsvps.id, r.id));
  if (!now.checkedInAt) return checkIn(db, e, by, volunteerId);
  return { rsvp: now, already: true };
}

/** A scanned QR code holds the ticket code, or a link ending in `?code=…`. */
function codeFrom(text: string): string {
  const t = text.trim();
  const m = /[?&]code=([A-Za-z0-9]+)/.exec(t);
  return (m ? m[1] : t).replace(/[^A-Za-z0-9]/g, '').slice(0, 20);
}

export async function undoCheckIn(db: Db, e: EventRow, rsvpId: string): Promise<void> {
  if (!isUuid(rsvpId)) throw notFound();
  await db
    .update(rsvps)
    .set({ checkedInAt: null, checkedInBy: null })
    .where(and(eq(rsvps.id, rsvpId), eq(rsvps.eventId, e.id)));
}

export const walkInInput = z.object({
  name: personName,
  /** Optional: a guest may give only a name. */
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), emailAddress.optional()),
  sector: z
    .union([z.enum(SECTORS), z.literal('')])
    .optional()
    .transform((v) => v || null),
});

/**
 * Someone at the door without an RSVP: a name, and if they like an email and a sector, checked in at
 * once. Walk-ins are counted as present but take no seat from people who RSVPed. A guest without an
 * email becomes a new person of their own (nothing to match them by) and is never mailed.
 */
export async function walkIn(db: Db, e: EventRow, input: z.output<typeof walkInInput>, volunteerId: string | null, language: 'en' | 'es') {
  if (!input.email) {
    const guest = await addPersonWithoutEmail(db, { fullName: input.name, language, sector: input.sector });
    const [row] = await db
      .insert(rsvps)
      .values({ ...walkInRow(e, guest.id, input.name, language, volunteerId), email: null })
      .returning();
    return { rsvp: row, already: false };
  }
  const { person, created } = await ensurePerson(db, { email: input.email, fullName: input.name, language });
  if (created && input.sector) {
    await updateProfile(db, person.id, {
      fullName: person.fullName,
      preferredName: null,
      language,
      pronouns: null,
      organization: null,
      sector: input.sector,
      accessibilityNeeds: null,
      consents: {},
    });
  }
  const [row] = await db
    .insert(rsvps)
    .values({ ...walkInRow(e, person.id, input.name, language, volunteerId), email: input.email })
    .onConflictDoNothing({ target: [rsvps.eventId, rsvps.personId] })
    .returning();
  if (row) return { rsvp: row, already: false };
  const [existing] = await db
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, e.id), eq(rsvps.personId, person.id)));
  if (['going', 'walkin'].includes(existing.status)) return checkIn(db, e, { rsvpId: existing.id }, volunteerId);
  const [moved] = await db
    .update(rsvps)
    .set({ status: 'walkin', waitlistSeq: null, checkedInAt: new Date(), checkedInBy: volunteerId })
    .where(and(eq(rsvps.id, existing.id), sql`${rsvps.status} IN ('waitlist', 'pending', 'cancelled', 'declined')`))
    .returning();
  return { rsvp: moved ?? existing, already: !moved };
}

function walkInRow(e: EventRow, personId: string, name: string, language: 'en' | 'es', volunteerId: string | null) {
  return {
    eventId: e.id,
    personId,
    name,
    language,
    status: 'walkin' as const,
    ticketCode: ticketCode(),
    source: 'walkin',
    checkedInAt: new Date(),
    checkedInBy: volunteerId,
  };
}

export interface DoorCounts {
  checkedIn: number;
  expected: number;
  government: number;
  nonGovernment: number;
  agencies: string[];
}

/** Which directory agency owns each email address (the jobs directory's `agenciesForEmails`). */
export type AgencyLookup = (db: Db, emails: readonly string[]) => Promise<Map<string, { slug: string; name: string }>>;

/**
 * Live numbers at the door. Government attendees and their agencies are told apart as the impact
 * figures do (people's `governmentAttendance`): by profile sector, or by the email's domain when an
 * agency in the directory owns it (`agencies`, when the directory is there) or it ends in .gov/.mil.
 */
export async function doorCounts(db: Db, eventId: string, agencies?: AgencyLookup): Promise<DoorCounts> {
  const gov = sql.join(
    GOVERNMENT_SECTORS.map((s) => sql`${s}`),
    sql`, `,
  );
  const [r] = await rows<{ checked_in: number; expected: number }>(
    db,
    sql`SELECT count(r.checked_in_at)::int AS checked_in, count(*) FILTER (WHERE r.status = 'going')::int AS expected
        FROM rsvps r WHERE r.event_id = ${eventId} AND r.status IN ('going', 'walkin')`,
  );
  const groups = await rows<{ domain: string | null; government_sector: boolean; people: number }>(
    db,
    sql`SELECT lower(split_part(p.email::text, '@', 2)) AS domain, coalesce(p.sector IN (${gov}), false) AS government_sector, count(*)::int AS people
        FROM rsvps r JOIN person_contacts p ON p.id = r.person_id
        WHERE r.event_id = ${eventId} AND r.status IN ('going', 'walkin') AND r.checked_in_at IS NOT NULL GROUP BY 1, 2`,
  );
  const attendees = groups.map((g) => ({ domain: g.domain || null, governmentSector: g.government_sector, people: Number(g.people) }));
  const owners = agencies
    ? await agencies(
        db,
        attendeeDomains(attendees).map((d) => `x@${d}`),
      )
    : new Map<string, { slug: string; name: string }>();
  const a = governmentAttendance(attendees, (d) => owners.get(`x@${d}`));
  return {
    checkedIn: r.checked_in,
    expected: r.expected,
    government: a.government,
    nonGovernment: a.other,
    agencies: [...a.agencies.values()].sort(),
  };
}
