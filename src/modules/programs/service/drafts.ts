import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { signLink, verifyLink } from '../../../platform/auth/tokens';
import { AppError, notFound } from '../../../platform/http/errors';
import { enqueue } from '../../../platform/queue/queue';
import { programApplicationDrafts, programs, type Application, type ApplicationDraft, type Program } from '../schema';
import { apply } from './applications';
import type { ApplicationInput } from './input';
import { deadlinePassed } from './programs';

const DRAFT_LINK = 'program-draft';
const MAX_DRAFT_FIELDS = 200;
const MAX_DRAFT_TEXT = 10_000;

/** What a draft keeps of the form: text fields only, each as long as the form allows, a bounded number. */
function kept(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([k, v]) => typeof v === 'string' && k.length <= 80 && k !== '_csrf' && k !== 'intent' && k !== 'draft')
      .slice(0, MAX_DRAFT_FIELDS)
      .map(([k, v]) => [k, v.slice(0, MAX_DRAFT_TEXT)]),
  );
}

/** Where a draft's link opens it: the application form, filled in. */
export const draftPath = (locale: 'en' | 'es', p: Pick<Program, 'slug'>, token: string) =>
  `${locale === 'es' ? '/es' : ''}/programs/${p.slug}/draft/${token}`;

/** The signed link back to a draft (decision 3's signed links, bound to this purpose); no expiry: the deadline ends it. */
export const draftToken = (secret: Uint8Array, d: Pick<ApplicationDraft, 'id'>) => signLink(secret, DRAFT_LINK, { d: d.id });

/** The draft a link names, of this program; anything else (forged, another program) is not found. */
export async function draftFromToken(db: Db, secret: Uint8Array, p: Program, token: string): Promise<ApplicationDraft> {
  const claims = await verifyLink<{ d: string }>(secret, DRAFT_LINK, token);
  if (!claims || typeof claims.d !== 'string' || !/^[0-9a-f-]{36}$/i.test(claims.d)) throw notFound();
  const [d] = await db
    .select()
    .from(programApplicationDrafts)
    .where(and(eq(programApplicationDrafts.id, claims.d), eq(programApplicationDrafts.programId, p.id)));
  if (!d) throw notFound();
  return d;
}

/**
 * Keeps what the applicant typed so far, before the deadline: a new draft (its link is emailed to the
 * contact, in their language) or the same draft again. A sent draft no longer changes.
 */
export async function saveDraft(
  db: Db,
  p: Program,
  input: { contactEmail: string; language: 'en' | 'es'; values: Record<string, string> },
  existing?: ApplicationDraft,
  now = new Date(),
): Promise<ApplicationDraft> {
  if (deadlinePassed(p, now)) throw new AppError('deadline_passed', 409, 'programs.error.deadlinePassed');
  const values = kept(input.values);
  if (existing) {
    const [d] = await db
      .update(programApplicationDrafts)
      .set({ values, language: input.language, contactEmail: input.contactEmail, updatedAt: sql`now()` })
      .where(and(eq(programApplicationDrafts.id, existing.id), isNull(programApplicationDrafts.sentAt)))
      .returning();
    if (!d) throw new AppError('draft_sent', 409, 'programs.error.draftSent');
    return d;
  }
  return db.transaction(async (tx) => {
    const [d] = await tx
      .insert(programApplicationDrafts)
      .values({ programId: p.id, contactEmail: input.contactEmail, language: input.language, values })
      .returning();
    await enqueue(tx, 'programs.draft', { draftId: d.id });
    return d;
  });
}

/**
 * Sends a draft as an application: refused after the deadline (the draft stays readable) and once sent
 * already; marking it sent and storing the application are one transaction, so a double click sends one.
 */
export async function sendDraft(db: Db, p: Program, d: ApplicationDraft, input: ApplicationInput, now = new Date()): Promise<Application> {
  if (deadlinePassed(p, now)) throw new AppError('deadline_passed', 409, 'programs.error.deadlinePassed');
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(programApplicationDrafts)
      .set({ sentAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(programApplicationDrafts.id, d.id), isNull(programApplicationDrafts.sentAt)))
      .returning();
    if (!claimed) throw new AppError('draft_sent', 409, 'programs.error.draftSent');
    const a = await apply(tx, p, input, now);
    await tx.update(programApplicationDrafts).set({ applicationId: a.id }).where(eq(programApplicationDrafts.id, d.id));
    return a;
  });
}

/**
 * The drafts saved with this email address (a signed-in person's own: signing in proved the address),
 * with their programs, the latest saved first. The same address is where each draft's link was sent.
 */
export async function draftsOf(db: Db, email: string): Promise<{ draft: ApplicationDraft; program: Program }[]> {
  return db
    .select({ draft: programApplicationDrafts, program: programs })
    .from(programApplicationDrafts)
    .innerJoin(programs, eq(programs.id, programApplicationDrafts.programId))
    .where(eq(programApplicationDrafts.contactEmail, email))
    .orderBy(desc(programApplicationDrafts.updatedAt), programApplicationDrafts.id)
    .limit(200);
}
