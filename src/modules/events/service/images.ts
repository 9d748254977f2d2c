import crypto from 'node:crypto';
import { and, eq, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { AppError } from '../../../platform/http/errors';
import { ImageRejected, processImage, variantType, type ImageKind } from '../../../platform/images';
import { eventImageFiles, eventImages, type Cover, type ImageRef, type Speaker } from '../schema';
import type { EventInput } from './input';

/**
 * Cover images and speaker photos (decision 52). An upload is decoded, checked and re-encoded by the
 * platform's `processImage`, then kept here with no event until the form that carried it is saved
 * (so a form that comes back, for "Add a speaker" or an error, keeps it). Saving an event attaches the
 * pictures it names and deletes those of the event it no longer names; deleting the event deletes its
 * pictures (foreign key); a picture never saved is swept after a day.
 */

/** How long an upload waits for its form to be saved. */
const PENDING_HOURS = 24;

/** The message key of each reason an upload is refused (shown beside the file field). */
const PROBLEM_KEYS = {
  empty: 'events.error.image.empty',
  tooLarge: 'events.error.image.tooLarge',
  type: 'events.error.image.type',
  tooManyPixels: 'events.error.image.tooManyPixels',
  tooSmall: 'events.error.image.tooSmall',
  unreadable: 'events.error.image.unreadable',
} as const;

/**
 * Checks and stores one upload, not yet tied to an event. Throws a 422 naming `field` for anything
 * refused. The key is the content hash of what is stored plus a random part: the URL changes whenever
 * the bytes do (so it is cached for good), and two events with the same picture never share a row.
 */
export async function storeUpload(db: Db, bytes: Buffer, kind: ImageKind, field: string, uploadedBy: string | null): Promise<ImageRef> {
  let processed;
  try {
    processed = await processImage(bytes, kind);
  } catch (err) {
    if (err instanceof ImageRejected)
      throw new AppError('validation_failed', 422, 'errors.validation', { [field]: PROBLEM_KEYS[err.problem] });
    throw err;
  }
  const key = `${processed.hash.slice(0, 32)}${crypto.randomBytes(8).toString('hex')}`;
  const ref: ImageRef = { key, width: processed.width, height: processed.height, widths: processed.widths, fallback: processed.fallback };
  await db.transaction(async (tx) => {
    await tx.insert(eventImages).values({ key, kind, ref, uploadedBy });
    await tx
      .insert(eventImageFiles)
      .values(processed.variants.map((v) => ({ key, name: v.name, contentType: v.contentType, body: v.body })));
  });
  return ref;
}

const imageGone = (field: string) => new AppError('validation_failed', 422, 'errors.validation', { [field]: 'events.error.image.gone' });

/**
 * The event's pictures as stored on it: each key the input names must be a picture of this event or
 * one waiting for a form (of the same kind); its sizes come from the row, never from the caller.
 */
export async function resolveImages(
  db: Db,
  eventId: string | null,
  input: Pick<EventInput, 'cover' | 'speakers'>,
): Promise<{ cover: Cover | null; speakers: Speaker[] }> {
  const named = [input.cover?.image, ...input.speakers.map((s) => s.photo)].filter((k): k is string => !!k);
  const found = named.length
    ? await db
        .select({ key: eventImages.key, kind: eventImages.kind, ref: eventImages.ref })
        .from(eventImages)
        .where(
          and(
            inArray(eventImages.key, named),
            eventId ? or(isNull(eventImages.eventId), eq(eventImages.eventId, eventId)) : isNull(eventImages.eventId),
          ),
        )
    : [];
  const byKey = new Map(found.map((r) => [r.key, r]));
  const refOf = (key: string | null | undefined, kind: 'cover' | 'photo', field: string): ImageRef | null => {
    if (!key) return null;
    const row = byKey.get(key);
    if (!row || row.kind !== kind) throw imageGone(field);
    return row.ref;
  };
  const coverRef = refOf(input.cover?.image, 'cover', 'cover.file');
  const cover = coverRef && input.cover ? { ...coverRef, alt: input.cover.alt } : null;
  const speakers = input.speakers.map((s, i) => {
    const { photo, ...rest } = s;
    const ref = refOf(photo, 'photo', `speakers.${i}.photoFile`);
    return ref ? { ...rest, photo: ref } : rest;
  });
  return { cover, speakers };
}

/**
 * Inside the event's save: ties the pictures it names to it (a conditional update, so a picture two
 * forms name at once goes to one event only) and deletes the ones it stopped naming.
 */
export async function attachImages(tx: Db, eventId: string, saved: { cover: Cover | null; speakers: Speaker[] }): Promise<void> {
  const keys = [saved.cover?.key, ...saved.speakers.map((s) => s.photo?.key)].filter((k): k is string => !!k);
  const unique = [...new Set(keys)];
  if (unique.length) {
    const taken = await tx
      .update(eventImages)
      .set({ eventId })
      .where(and(inArray(eventImages.key, unique), or(isNull(eventImages.eventId), eq(eventImages.eventId, eventId))))
      .returning({ key: eventImages.key });
    if (taken.length !== unique.length) throw imageGone('cover.file');
  }
  await tx
    .delete(eventImages)
    .where(and(eq(eventImages.eventId, eventId), unique.length ? notInArray(eventImages.key, unique) : sql`true`));
}

/** One stored file of a picture, or null (unknown picture or a name this module never makes). */
export async function imageFile(db: Db, key: string, name: string): Promise<{ contentType: string; body: Buffer } | null> {
  if (!/^[a-f0-9]{48}$/.test(key) || !variantType(name)) return null;
  const [row] = await db
    .select({ contentType: eventImageFiles.contentType, body: eventImageFiles.body })
    .from(eventImageFiles)
    .where(and(eq(eventImageFiles.key, key), eq(eventImageFiles.name, name)));
  return row ?? null;
}

/** Deletes uploads whose form was never saved (a day on). Returns how many went. */
export async function sweepPendingImages(db: Db): Promise<number> {
  const gone = await db
    .delete(eventImages)
    .where(and(isNull(eventImages.eventId), lt(eventImages.createdAt, new Date(Date.now() - PENDING_HOURS * 3_600_000))))
    .returning({ key: eventImages.key });
  return gone.length;
}

/** The stored pictures of these keys (unknown keys left out), for a form that shows what it keeps. */
export async function imageRefs(db: Db, keys: string[]): Promise<Record<string, ImageRef>> {
  const wanted = keys.filter((k) => /^[a-f0-9]{48}$/.test(k));
  if (!wanted.length) return {};
  const found = await db.select({ key: eventImages.key, ref: eventImages.ref }).from(eventImages).where(inArray(eventImages.key, wanted));
  return Object.fromEntries(found.map((r) => [r.key, r.ref]));
}
