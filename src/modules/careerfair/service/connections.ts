import { and, eq, sql } from 'drizzle-orm';
import { toCsv } from '../../../platform/csv';
import { rows, type Db } from '../../../db/client';
import { signLink, verifyLink } from '../../../platform/auth/tokens';
import { AppError } from '../../../platform/http/errors';
import type { Locale } from '../../../platform/i18n';
import { doorCounts } from '../../events';
import { agenciesForEmails } from '../../jobs';
import { careerfairMessages } from '../messages';
import { fairAttendees, fairBooths, fairConnections, type Booth, type FairAttendee } from '../schema';
import { hasConsent } from './attendees';
import { markPresent } from './fair';

const PASS = 'fairpass';

/** The signed token in the attendee's QR code and pass link. */
export function passToken(secret: Uint8Array, attendeeId: string): Promise<string> {
  return signLink(secret, PASS, { a: attendeeId });
}

export async function attendeeFromToken(secret: Uint8Array, token: string): Promise<string | null> {
  const claims = await verifyLink<{ a: string }>(secret, PASS, token);
  return claims && typeof claims.a === 'string' ? claims.a : null;
}

/**
 * What staff scanned or typed: a pass link, the signed token alone, or the short pass code. Returns
 * the attendee of THIS fair, or null for anything unknown, forged or from another fair.
 */
async function resolveCode(db: Db, secret: Uint8Array, eventId: string, text: string): Promise<FairAttendee | null> {
  const raw = String(text ?? '')
    .trim()
    .slice(0, 2000);
  if (!raw) return null;
  const fromLink = /\/fair-pass\/([A-Za-z0-9_.-]+)/.exec(raw)?.[1];
  const token = fromLink ?? (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(raw) ? raw : null);
  let where;
  if (token) {
    const id = await attendeeFromToken(secret, token);
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    where = eq(fairAttendees.id, id);
  } else {
    const code = raw.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
    if (code.length !== 8) return null;
    where = eq(fairAttendees.passCode, code);
  }
  const [a] = await db
    .select()
    .from(fairAttendees)
    .where(and(eq(fairAttendees.eventId, eventId), where));
  return a ?? null;
}

export type ScanResult = { outcome: 'connected' | 'already'; name: string } | { outcome: 'noConsent' };

/**
 * Connects a booth with the attendee whose code was scanned. A second scan finds the existing
 * connection (unique index); without consent nothing about the person is recorded or returned.
 */
export async function connect(db: Db, secret: Uint8Array, booth: Booth, code: string, scannedBy: string | null): Promise<ScanResult> {
  const a = await resolveCode(db, secret, booth.eventId, code);
  if (!a) throw new AppError('unknown_code', 404, 'careerfair.scan.unknown', { code: 'careerfair.scan.unknown' });
  await markPresent(db, booth.id);
  if (!hasConsent(a)) return { outcome: 'noConsent' };
  const [made] = await db
    .insert(fairConnections)
    .values({ boothId: booth.id, attendeeId: a.id, scannedBy })
    .onConflictDoNothing()
    .returning({ id: fairConnections.id });
  return { outcome: made ? 'connected' : 'already', name: a.name };
}

export interface ConnectionRow {
  name: string;
  email: string;
  language: 'en' | 'es';
  interests: string | null;
  resumeUrl: string | null;
  connectedAt: Date;
}

/** A booth's connections with people who still consent. Withdrawn consent hides the person. */
export async function boothConnections(db: Db, boothId: string): Promise<ConnectionRow[]> {
  const list = await db
    .select({
      name: fairAttendees.name,
      email: fairAttendees.email,
      language: fairAttendees.language,
      interests: fairAttendees.interests,
      resumeUrl: fairAttendees.resumeUrl,
      connectedAt: fairConnections.createdAt,
    })
    .from(fairConnections)
    .innerJoin(fairAttendees, eq(fairAttendees.id, fairConnections.attendeeId))
    .where(
      and(eq(fairConnections.boothId, boothId), sql`${fairAttendees.consentedAt} IS NOT NULL`, sql`${fairAttendees.withdrawnAt} IS NULL`),
    )
    .orderBy(fairConnections.createdAt);
  return list;
}

/** The agency's export: UTF-8 with BOM, headers in the reader's language, names exactly as stored. */
export function connectionsCsv(list: ConnectionRow[], locale: Locale, timeZone: string): string {
  const t = careerfairMessages.for(locale);
  const header = [
    t('careerfair.csv.name'),
    t('careerfair.csv.email'),
    t('careerfair.csv.language'),
    t('careerfair.csv.interests'),
    t('careerfair.csv.resume'),
    t('careerfair.csv.connectedAt'),
  ];
  const when = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const body = list.map((r) => [
    r.name,
    r.email,
    r.language,
    r.interests ?? '',
    r.resumeUrl ?? '',
    `${when.format(r.connectedAt)} ${timeZone}`,
  ]);
  return toCsv(header, body);
}

export interface FairReport {
  registered: number;
  /** Registered with an address at a government agency's email domain. */
  government: number;
  consented: number;
  checkedIn: number;
  booths: { id: string; agencyName: string; tableNumber: string | null; connections: number; present: boolean }[];
  agenciesPresent: string[];
}

/** What organizers see: registrations, consents, check-ins, connections per booth, agencies present. */
export async function fairReport(db: Db, eventId: string): Promise<FairReport> {
  const [a] = await rows<{ registered: number; consented: number }>(
    db,
    sql`SELECT count(*)::int AS registered, count(*) FILTER (WHERE consented_at IS NOT NULL AND withdrawn_at IS NULL)::int AS consented
        FROM fair_attendees WHERE event_id = ${eventId}`,
  );
  const booths = await rows<{ id: string; agency_name: string; table_number: string | null; connections: number; present: boolean }>(
    db,
    sql`SELECT b.id, ag.name AS agency_name, b.table_number, count(c.id)::int AS connections,
               (b.present_at IS NOT NULL OR count(c.id) > 0) AS present
        FROM ${fairBooths} b JOIN agency_names ag ON ag.id = b.agency_id LEFT JOIN ${fairConnections} c ON c.booth_id = b.id
        WHERE b.event_id = ${eventId} GROUP BY b.id, ag.name ORDER BY ag.name`,
  );
  const door = await doorCounts(db, eventId);
  // Government attendees are told apart by the agencies' email domains (the jobs directory).
  const emails = await rows<{ email: string }>(db, sql`SELECT email FROM fair_attendees WHERE event_id = ${eventId}`);
  const government = await agenciesForEmails(
    db,
    emails.map((x) => x.email),
  );
  return {
    registered: a.registered,
    government: emails.filter((x) => government.has(x.email)).length,
    consented: a.consented,
    checkedIn: door.checkedIn,
    booths: booths.map((b) => ({
      id: b.id,
      agencyName: b.agency_name,
      tableNumber: b.table_number,
      connections: b.connections,
      present: b.present,
    })),
    agenciesPresent: booths.filter((b) => b.present).map((b) => b.agency_name),
  };
}

/** Registered attendees, for the public and agency pages (shown through `shownCount`). */
export async function registeredCount(db: Db, eventId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM fair_attendees WHERE event_id = ${eventId}`);
  return r.n;
}

/** "Download my data": registrations with consent state, and which booths they connected with. */
export async function exportFairData(db: Db, personId: string): Promise<unknown> {
  return rows(
    db,
    sql`SELECT e.slug AS event, a.name, a.email, a.language, a.resume_url AS "resumeUrl", a.interests, a.pass_code AS "passCode",
               a.consented_at AS "consentedAt", a.withdrawn_at AS "withdrawnAt", a.created_at AS "registeredAt",
               coalesce((SELECT json_agg(json_build_object('agency', ag.name, 'connectedAt', c.created_at) ORDER BY c.created_at)
                         FROM fair_connections c JOIN fair_booths b ON b.id = c.booth_id JOIN agency_names ag ON ag.id = b.agency_id
                         WHERE c.attendee_id = a.id), '[]'::json) AS connections
        FROM fair_attendees a JOIN event_listing e ON e.id = a.event_id WHERE a.person_id = ${personId} ORDER BY a.created_at`,
  );
}

/** "Delete my account": registrations go, and their connections with them (cascade); staff entries naming the email are removed. */
export async function eraseFairData(db: Db, personId: string, email: string | null): Promise<void> {
  await db.delete(fairAttendees).where(eq(fairAttendees.personId, personId));
  await db.update(fairConnections).set({ scannedBy: null }).where(eq(fairConnections.scannedBy, personId));
  if (email) {
    await db.execute(sql`UPDATE fair_booths SET staff = coalesce((SELECT jsonb_agg(s) FROM jsonb_array_elements(staff) s WHERE lower(coalesce(s->>'email', '')) <> lower(${email})), '[]'::jsonb)
                         WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(staff) s WHERE lower(s->>'email') = lower(${email}))`);
  }
}
