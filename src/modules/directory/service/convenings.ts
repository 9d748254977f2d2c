import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import { notFound } from '../../../platform/http/errors';
import { createEvent, getEvent, type EventRow } from '../../events';
import { ensurePerson } from '../../people';
import { conveningParticipants, convenings, organizations, type Participant, type ParticipantRole } from '../schema';
import { patchText, type ParticipantInput } from './input';
import { isUuid } from '../../../platform/ids';

type EventInput = Parameters<typeof createEvent>[1];

export interface ConveningExtra {
  agenda?: string | null;
  notes?: string | null;
  outputs?: string | null;
}

/** A convening is an event (created by the events module) with a `convenings` row keyed by its id. */
export async function createConvening(db: Db, input: EventInput, extra: ConveningExtra, actorId: string | null): Promise<EventRow> {
  return db.transaction(async (tx) => {
    const e = await createEvent(tx, input, actorId);
    await tx.insert(convenings).values({
      eventId: e.id,
      agenda: extra.agenda ?? null,
      notes: extra.notes ?? null,
      outputs: extra.outputs ?? null,
      createdBy: actorId,
    });
    return e;
  });
}

export type Convening = typeof convenings.$inferSelect;

/** A convening's texts (markdown): each left out stays, blank or null clears it. */
export const conveningTextsInput = z.object({
  agenda: patchText(20_000),
  notes: patchText(20_000),
  outputs: patchText(20_000),
});
export type ConveningTextsInput = z.output<typeof conveningTextsInput>;

/** Changes a convening's agenda, notes and outputs; the event itself is the events module's to change. */
export async function updateConveningTexts(db: Db, eventId: string, input: ConveningTextsInput): Promise<Convening> {
  const set: Partial<Pick<Convening, 'agenda' | 'notes' | 'outputs'>> = {};
  for (const k of ['agenda', 'notes', 'outputs'] as const) if (input[k] !== undefined) set[k] = input[k];
  const [row] = Object.keys(set).length
    ? await db.update(convenings).set(set).where(eq(convenings.eventId, eventId)).returning()
    : await db.select().from(convenings).where(eq(convenings.eventId, eventId));
  if (!row) throw notFound();
  return row;
}

/** The event behind a slug, when it is a convening. */
export async function getConvening(db: Db, slug: string): Promise<{ event: EventRow; convening: Convening }> {
  const event = await getEvent(db, slug);
  const [convening] = await db.select().from(convenings).where(eq(convenings.eventId, event.id));
  if (!convening) throw notFound();
  return { event, convening };
}

/**
 * Adds someone to the roster: the person is found or made by email (never renamed), the name is kept
 * as given here. Adding the same person again updates their role, organization and consent.
 */
export async function addParticipant(db: Db, eventId: string, input: ParticipantInput): Promise<Participant> {
  return db.transaction(async (tx) => {
    const { person } = await ensurePerson(tx, { email: input.email, fullName: input.name });
    // An organization named by its directory slug links to it; any other text is kept as typed.
    const [org] = input.organization
      ? await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, input.organization))
      : [];
    const values = {
      name: input.name,
      role: input.role,
      publicConsent: input.publicConsent,
      organizationId: org?.id ?? null,
      organizationText: org ? null : input.organization,
    };
    const [row] = await tx
      .insert(conveningParticipants)
      .values({ eventId, personId: person.id, ...values })
      .onConflictDoUpdate({ target: [conveningParticipants.eventId, conveningParticipants.personId], set: values })
      .returning();
    return row;
  });
}

export interface RosterEntry {
  id: string;
  personId: string;
  name: string;
  email: string;
  organization: string | null;
  organizationSlug: string | null;
  role: ParticipantRole;
  publicConsent: boolean;
}

const ROLE_ORDER = sql`CASE p.role WHEN 'facilitator' THEN 0 WHEN 'speaker' THEN 1 WHEN 'participant' THEN 2 ELSE 3 END`;

/** The roster; `publicOnly` keeps people who agreed to be shown, which every public page and answer uses. */
export async function roster(db: Db, eventId: string, opts: { publicOnly: boolean }): Promise<RosterEntry[]> {
  return rows<RosterEntry>(
    db,
    sql`SELECT p.id, p.person_id AS "personId", p.name, pe.email::text AS email, coalesce(o.name, p.organization_text) AS organization,
               o.slug AS "organizationSlug", p.role, p.public_consent AS "publicConsent"
        FROM convening_participants p
        JOIN person_contacts pe ON pe.id = p.person_id
        LEFT JOIN organizations o ON o.id = p.organization_id
        WHERE p.event_id = ${eventId} ${opts.publicOnly ? sql`AND p.public_consent` : sql``}
        ORDER BY ${ROLE_ORDER}, p.name`,
  );
}

/**
 * Takes someone off the public roster: they stay on the organizers' list (they were there) but no
 * public page, API answer or export for the public shows them from this moment.
 */
export async function withdrawFromRoster(db: Db, eventId: string, participantId: string): Promise<Participant> {
  if (!isUuid(participantId)) throw notFound();
  const [row] = await db
    .update(conveningParticipants)
    .set({ publicConsent: false })
    .where(and(eq(conveningParticipants.eventId, eventId), eq(conveningParticipants.id, participantId)))
    .returning();
  if (!row) throw notFound();
  return row;
}

export async function getParticipant(db: Db, eventId: string, participantId: string): Promise<Participant> {
  if (!isUuid(participantId)) throw notFound();
  const [row] = await db
    .select()
    .from(conveningParticipants)
    .where(and(eq(conveningParticipants.eventId, eventId), eq(conveningParticipants.id, participantId)));
  if (!row) throw notFound();
  return row;
}

/** Convenings (published events), newest first, for the public list. */
export async function listConvenings(db: Db): Promise<EventRow[]> {
  // Read-only join on the events table, as the career fair's list does: the list needs each event.
  const list = await rows<{ slug: string }>(
    db,
    sql`SELECT e.slug FROM convenings c JOIN event_listing e ON e.id = c.event_id WHERE e.status <> 'draft' ORDER BY e.starts_at DESC LIMIT 200`,
  );
  return Promise.all(list.map((r) => getEvent(db, r.slug)));
}
