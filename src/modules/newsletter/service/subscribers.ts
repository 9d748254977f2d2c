import { and, asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client';
import { AppError, notFound } from '../../../platform/http/errors';
import { emailAddress } from '../../../platform/http/validation';
import { ensurePerson, findChapter, updateConsents } from '../../people';
import { subscribers, suppressions, TOPICS, type Subscriber, type SuppressionReason, type Topic } from '../schema';
import { emailHash } from './common';

export const subscribeInput = z.object({
  email: emailAddress,
  name: z
    .string()
    .max(200)
    .optional()
    .transform((s) => (s ? s.normalize('NFC').trim() || undefined : undefined)),
  language: z.enum(['en', 'es']).default('en'),
  topics: z.array(z.enum(TOPICS)).default([...TOPICS]),
  chapterSlug: z.string().max(100).optional(),
});
export type SubscribeInput = z.input<typeof subscribeInput>;

const SEVERITY: Record<SuppressionReason, number> = { unsubscribed: 1, bounced: 2, complained: 3 };

export async function suppressionFor(db: Db, email: string): Promise<SuppressionReason | null> {
  const [row] = await db
    .select({ reason: suppressions.reason })
    .from(suppressions)
    .where(eq(suppressions.emailHash, emailHash(email)));
  return row?.reason ?? null;
}

/** Adds an address to the suppression list (the worst reason wins) and stops its subscription. */
export async function suppress(db: Db, email: string, reason: SuppressionReason, detail?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(suppressions)
      .values({ emailHash: emailHash(email), email, reason, detail: detail?.slice(0, 500) ?? null })
      .onConflictDoUpdate({
        target: suppressions.emailHash,
        set: {
          reason: sql`CASE WHEN ${SEVERITY[reason]} >= (CASE newsletter_suppressions.reason WHEN 'complained' THEN 3 WHEN 'bounced' THEN 2 ELSE 1 END)
                      THEN ${reason} ELSE newsletter_suppressions.reason END`,
          detail: detail?.slice(0, 500) ?? null,
        },
      });
    const [s] = await tx
      .update(subscribers)
      .set({ status: reason, statusChangedAt: new Date() })
      .where(and(eq(subscribers.email, email), sql`${subscribers.status} <> ${reason}`))
      .returning();
    if (s?.personId) await setPersonConsent(tx, s.personId, false);
  });
}

export async function setPersonConsent(db: Db, personId: string, value: boolean) {
  await updateConsents(db, personId, { newsletter: value });
}

export async function getSubscriber(db: Db, id: string): Promise<Subscriber> {
  const [s] = await db.select().from(subscribers).where(eq(subscribers.id, id));
  if (!s) throw notFound();
  return s;
}

export async function findSubscriber(db: Db, email: string): Promise<Subscriber | undefined> {
  const [s] = await db.select().from(subscribers).where(eq(subscribers.email, email.trim()));
  return s;
}

/**
 * The public sign-up. Returns what to email: `confirm` (double opt-in), `manage` (already subscribed:
 * a link to preferences, so a stranger who knows the address cannot change them) or `none`
 * (bounced or complained addresses get nothing).
 */
export async function subscribe(
  db: Db,
  raw: SubscribeInput,
  source = 'form',
): Promise<{ subscriber: Subscriber | null; action: 'confirm' | 'manage' | 'none' }> {
  const input = subscribeInput.parse(raw);
  const suppressed = await suppressionFor(db, input.email);
  if (suppressed === 'bounced' || suppressed === 'complained') return { subscriber: null, action: 'none' };
  const existing = await findSubscriber(db, input.email);
  if (existing?.status === 'confirmed') return { subscriber: existing, action: 'manage' };
  const { person } = await ensurePerson(db, {
    email: input.email,
    fullName: input.name ?? input.email.split('@')[0],
    language: input.language,
  });
  const [s] = await db
    .insert(subscribers)
    .values({
      email: input.email,
      personId: person.id,
      name: input.name ?? null,
      language: input.language,
      topics: input.topics,
      chapterSlug: input.chapterSlug || null,
      status: 'pending',
      source,
    })
    .onConflictDoUpdate({
      target: subscribers.email,
      set: {
        name: input.name ?? null,
        language: input.language,
        topics: input.topics,
        status: 'pending',
        statusChangedAt: new Date(),
        personId: person.id,
      },
    })
    .returning();
  return { subscriber: s, action: 'confirm' };
}

/** Double opt-in: the link in the confirmation email. A re-confirmation lifts an earlier opt-out. */
export async function confirmSubscriber(db: Db, id: string): Promise<Subscriber> {
  return db.transaction(async (tx) => {
    const s = await getSubscriber(tx, id);
    if (s.status === 'complained') throw new AppError('suppressed', 409, 'newsletter.errors.suppressed');
    if (s.status === 'confirmed') return s;
    await tx.delete(suppressions).where(and(eq(suppressions.emailHash, emailHash(s.email)), sql`${suppressions.reason} <> 'complained'`));
    const [updated] = await tx
      .update(subscribers)
      .set({ status: 'confirmed', consentedAt: new Date(), statusChangedAt: new Date() })
      .where(eq(subscribers.id, id))
      .returning();
    if (updated.personId) await setPersonConsent(tx, updated.personId, true);
    return updated;
  });
}

export const preferencesInput = z.object({
  language: z.enum(['en', 'es']),
  topics: z.array(z.enum(TOPICS)).default([]),
});

export async function updatePreferences(db: Db, id: string, input: { language: 'en' | 'es'; topics: Topic[] }): Promise<Subscriber> {
  const [s] = await db
    .update(subscribers)
    .set({ language: input.language, topics: input.topics })
    .where(eq(subscribers.id, id))
    .returning();
  if (!s) throw notFound();
  return s;
}

export async function unsubscribe(db: Db, id: string): Promise<Subscriber> {
  const s = await getSubscriber(db, id);
  await suppress(db, s.email, 'unsubscribed', 'unsubscribe link');
  return getSubscriber(db, id);
}

export const createSubscriberInput = z
  .object({
    email: emailAddress,
    name: z.string().max(200).optional(),
    language: z.enum(['en', 'es']),
    topics: z.array(z.enum(TOPICS)).optional(),
    confirmed: z.boolean().optional(),
    consentedAt: z.coerce.date().optional(),
    /** The chapter the subscriber is counted under (impact figures); the newsletter stays organization-wide. */
    chapter: z.string().max(100).optional(),
  })
  .refine((v) => !v.confirmed || v.consentedAt, { message: 'newsletter.errors.consentRequired', path: ['consentedAt'] })
  .refine((v) => !v.consentedAt || v.consentedAt.getTime() <= Date.now() + 60_000, {
    message: 'newsletter.errors.consentFuture',
    path: ['consentedAt'],
  });

/**
 * Organizer (API) creation, merging by email. `confirmed` needs the date consent was given; a
 * suppressed address is refused, whatever the caller says.
 */
export async function createSubscriber(
  db: Db,
  input: z.infer<typeof createSubscriberInput>,
  source = 'api',
): Promise<{ subscriber: Subscriber; needsConfirmation: boolean }> {
  const suppressed = await suppressionFor(db, input.email);
  if (suppressed) throw new AppError('suppressed', 409, 'newsletter.errors.suppressed', { email: 'newsletter.errors.suppressed' });
  if (input.chapter && !(await findChapter(db, input.chapter))) {
    throw new AppError('validation_failed', 422, 'errors.validation', { chapter: 'newsletter.errors.unknownChapter' });
  }
  const name = input.name?.normalize('NFC').trim() || null;
  const { person } = await ensurePerson(db, { email: input.email, fullName: name ?? input.email.split('@')[0], language: input.language });
  const status = input.confirmed ? 'confirmed' : 'pending';
  const [s] = await db
    .insert(subscribers)
    .values({
      email: input.email,
      personId: person.id,
      name,
      language: input.language,
      topics: input.topics ?? [...TOPICS],
      status,
      source,
      consentedAt: input.confirmed ? input.consentedAt! : null,
      chapterSlug: input.chapter ?? null,
    })
    .onConflictDoUpdate({
      target: subscribers.email,
      set: {
        name: sql`coalesce(${name}, newsletter_subscribers.name)`,
        language: input.language,
        ...(input.topics ? { topics: input.topics } : {}),
        ...(input.chapter ? { chapterSlug: input.chapter } : {}),
        ...(input.confirmed ? { status: 'confirmed', consentedAt: input.consentedAt!, statusChangedAt: new Date() } : {}),
      },
    })
    .returning();
  if (s.status === 'confirmed' && s.personId) await setPersonConsent(db, s.personId, true);
  return { subscriber: s, needsConfirmation: s.status === 'pending' };
}

export async function listSubscribers(db: Db, opts: { limit: number; offset: number; status?: string }) {
  const where = opts.status ? eq(subscribers.status, opts.status as Subscriber['status']) : undefined;
  const list = await db
    .select()
    .from(subscribers)
    .where(where)
    .orderBy(asc(subscribers.createdAt), asc(subscribers.id))
    .limit(opts.limit)
    .offset(opts.offset);
  const [{ n }] = await db.select({ n: count() }).from(subscribers).where(where);
  // Why an address gets no mail, or is close to it: the suppression's reason and recent soft bounces.
  const hashes = list.map((s) => emailHash(s.email));
  const notes = hashes.length
    ? await rows<{ hash: string; detail: string | null; soft: number; last: string | null }>(
        db,
        sql`SELECT h.hash, x.detail,
              (SELECT count(*)::int FROM newsletter_soft_bounces b WHERE b.email_hash = h.hash AND b.created_at > now() - interval '30 days') AS soft,
              (SELECT b.reason FROM newsletter_soft_bounces b WHERE b.email_hash = h.hash ORDER BY b.created_at DESC LIMIT 1) AS last
            FROM unnest(${`{${hashes.join(',')}}`}::text[]) AS h(hash)
            LEFT JOIN newsletter_suppressions x ON x.email_hash = h.hash`,
      )
    : [];
  const byHash = new Map(notes.map((r) => [r.hash, r]));
  return {
    subscribers: list.map((s) => {
      const note = byHash.get(emailHash(s.email));
      return { ...s, suppressionDetail: note?.detail ?? null, softBounces: Number(note?.soft ?? 0), lastSoftBounce: note?.last ?? null };
    }),
    total: Number(n),
  };
}

export async function statusCounts(db: Db): Promise<Record<string, number>> {
  const r = await rows<{ status: string; n: number }>(
    db,
    sql`SELECT status, count(*)::int AS n FROM newsletter_subscribers GROUP BY status`,
  );
  return Object.fromEntries(r.map((x) => [x.status, Number(x.n)]));
}

/**
 * Keeps the account's "send me the newsletter" box and the subscription in step. Ticking it at
 * sign-up (a verified address) makes a confirmed subscriber; unticking it later unsubscribes; the
 * newer of the two changes wins. Suppressed addresses stay suppressed unless re-ticked later.
 */
export async function syncAccountConsents(db: Db): Promise<number> {
  const created = await rows<{ id: string }>(
    db,
    sql`INSERT INTO newsletter_subscribers (person_id, email, name, language, status, source, consented_at)
        SELECT p.id, p.email, p.full_name, p.language, 'confirmed', 'account', coalesce(p.email_verified_at, p.updated_at)
        FROM person_contacts p
        WHERE p.deleted_at IS NULL AND p.email IS NOT NULL AND p.email_verified_at IS NOT NULL
          AND p.newsletter_consent = 'true'
          AND NOT EXISTS (SELECT 1 FROM newsletter_suppressions x WHERE x.email_hash = encode(sha256(convert_to(lower(p.email::text), 'UTF8')), 'hex'))
        ON CONFLICT (email) DO NOTHING
        RETURNING id`,
  );
  const resubscribed = await rows<{ email: string }>(
    db,
    sql`UPDATE newsletter_subscribers s SET status = 'confirmed', consented_at = p.updated_at, status_changed_at = now(), person_id = p.id
        FROM person_contacts p
        WHERE p.email = s.email AND p.newsletter_consent = 'true' AND p.email_verified_at IS NOT NULL
          AND s.status IN ('pending', 'unsubscribed') AND p.updated_at > s.status_changed_at
        RETURNING s.email`,
  );
  if (resubscribed.length) {
    await db.execute(sql`DELETE FROM newsletter_suppressions WHERE reason = 'unsubscribed'
      AND email_hash IN (${sql.join(
        resubscribed.map((r) => sql`${emailHash(r.email)}`),
        sql`, `,
      )})`);
  }
  const dropped = await rows<{ email: string }>(
    db,
    sql`SELECT s.email FROM newsletter_subscribers s JOIN person_contacts p ON p.email = s.email
        WHERE p.newsletter_consent = 'false' AND s.status IN ('pending', 'confirmed') AND p.updated_at > s.status_changed_at`,
  );
  for (const d of dropped) await suppress(db, d.email, 'unsubscribed', 'account settings');
  return created.length + resubscribed.length + dropped.length;
}
