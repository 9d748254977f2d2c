import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { eq, sql } from 'drizzle-orm';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { getEvent, sweepPendingImages } from './service';
import { eventImageFiles, eventImages, events } from './schema';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
});
afterAll(() => env.close());

const day = 86_400_000;
const local = (days: number, hh: string) => new Date(Date.now() + days * day).toISOString().slice(0, 10) + `T${hh}`;
const jpeg = async (w: number, h: number) => ({
  name: 'photo.jpg',
  type: 'image/jpeg',
  body: await sharp({ create: { width: w, height: h, channels: 3, background: '#aa3355' } })
    .jpeg()
    .toBuffer(),
});

const fields = (title: string) => ({
  'title.en': title,
  timeZone: 'America/Los_Angeles',
  startsAt: local(12, '18:00'),
  endsAt: local(12, '20:00'),
  format: 'in_person',
  status: 'published',
  reminders: '48, 2',
  'speakers.0.name': 'Ana Ruiz',
});

async function organizer() {
  const b = new Browser(env);
  await b.signInAs(`img-${uid()}@example.org`, { role: 'organizer', scope: 'los-angeles' });
  return b;
}
const keyIn = (html: string, name: string) => new RegExp(`name="${name.replace(/\./g, '\\.')}" value="([a-f0-9]{48})"`).exec(html)?.[1];

describe('cover images and speaker photos', () => {
  it('uploads with the event form, asks for the text alternative beside the field, keeps the file across the post-back, serves it cached for good', async () => {
    const b = await organizer();
    const title = `Open data night ${uid()}`;
    // No description: refused beside the field, in Spanish too, and the picture is kept (its key in the form).
    const bad = await b.postFiles('/es/events/new', fields(title), {
      'cover.file': await jpeg(1400, 900),
      'speakers.0.photoFile': await jpeg(400, 400),
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(visibleText(html)).toContain('Describe la imagen al menos en un idioma.');
    expect(visibleText(html)).toContain('Describe la foto.');
    const coverKey = keyIn(html, 'cover.image');
    const photoKey = keyIn(html, 'speakers.0.photo');
    expect(coverKey).toBeDefined();
    expect(photoKey).toBeDefined();
    expect(html).toContain(`/event-images/${coverKey}/320.webp 320w`);
    // "Add a speaker" posts back too: the picture stays without choosing the file again.
    const more = await b.postFiles(
      '/events/new',
      { ...fields(title), 'cover.image': coverKey!, 'speakers.0.photo': photoKey!, add: 'speakers' },
      {},
    );
    expect(more.status).toBe(200);
    expect(keyIn(await more.text(), 'cover.image')).toBe(coverKey);

    const ok = await b.postFiles(
      '/events/new',
      {
        ...fields(title),
        'cover.image': coverKey!,
        'cover.alt.en': 'People around a table with laptops',
        'speakers.0.photo': photoKey!,
        'speakers.0.photoAlt': 'Ana Ruiz smiling',
      },
      {},
    );
    expect(ok.status).toBe(303);
    const slug = ok.headers.get('location')!.split('?')[0].split('/').pop()!;
    const e = await getEvent(env.deps.db, slug);
    expect(e.cover).toMatchObject({ key: coverKey, width: 1280, height: 720, widths: [320, 640, 1280], fallback: 'jpeg' });
    expect(e.speakers[0].photo).toMatchObject({ key: photoKey, widths: [120, 240, 360] });

    const page = await (await b.get(`/events/${slug}`)).text();
    expect(page).toMatch(/<img [^>]*alt="People around a table with laptops"[^>]*loading="lazy"/);
    expect(page).toMatch(/<img [^>]*width="1280" height="720"/);
    expect(page).toContain(`<source type="image/webp" srcset="/event-images/${coverKey}/320.webp 320w`);
    expect(page).toMatch(/<img [^>]*alt="Ana Ruiz smiling"/);
    // On the list the cover is decorative (the title beside it links to the event).
    const list = await (await new Browser(env).get('/events')).text();
    expect(list).toMatch(new RegExp(`<img [^>]*src="/event-images/${coverKey}/320.jpg"[^>]*alt=""`));

    const file = await env.app.request(`/event-images/${coverKey}/640.webp`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/webp');
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).width).toBe(640);
    const etag = file.headers.get('etag')!;
    expect((await env.app.request(`/event-images/${coverKey}/640.webp`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await env.app.request(`/event-images/${coverKey}/640.jpg`)).headers.get('content-type')).toBe('image/jpeg');
    for (const path of [
      `/event-images/${coverKey}/640.svg`,
      `/event-images/${coverKey}/2000.webp`,
      `/event-images/${'0'.repeat(48)}/640.webp`,
      '/event-images/x/640.webp',
    ])
      expect((await env.app.request(path)).status).toBe(404);
  });

  it('refuses hostile files beside the field, replacing and removing deletes the old pictures, deleting the event deletes its pictures', async () => {
    const b = await organizer();
    const svg = {
      name: 'x.svg',
      type: 'image/svg+xml',
      body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"/>'),
    };
    const refused = await b.postFiles('/events/new', { ...fields(`Bad ${uid()}`), 'cover.alt.en': 'x' }, { 'cover.file': svg });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toMatch(/id="cover\.file-error"[^>]*>Choose a JPEG, PNG, WebP, GIF or AVIF image/);
    const small = await b.postFiles('/events/new', fields(`Small ${uid()}`), { 'speakers.0.photoFile': await jpeg(60, 60) });
    expect(visibleText(await small.text())).toContain('The image is too small.');

    const title = `Replace ${uid()}`;
    const created = await b.postFiles(
      '/events/new',
      { ...fields(title), 'cover.alt.es': 'Un mural' },
      { 'cover.file': await jpeg(800, 450) },
    );
    expect(created.status).toBe(303);
    const slug = created.headers.get('location')!.split('?')[0].split('/').pop()!;
    const first = (await getEvent(env.deps.db, slug)).cover!.key;
    const edit = await (await b.get(`/events/${slug}/edit`)).text();
    expect(keyIn(edit, 'cover.image')).toBe(first);
    expect(edit).toContain('enctype="multipart/form-data"');
    const values = { ...fields(title), 'cover.image': first, 'cover.alt.es': 'Un mural' };
    expect((await b.postFiles(`/events/${slug}/edit`, values, { 'cover.file': await jpeg(900, 600) })).status).toBe(303);
    const second = (await getEvent(env.deps.db, slug)).cover!.key;
    expect(second).not.toBe(first);
    const keys = async () =>
      (
        await env.deps.db
          .select({ key: eventImages.key })
          .from(eventImages)
          .where(sql`${eventImages.key} IN (${first}, ${second})`)
      ).map((r) => r.key);
    expect(await keys()).toEqual([second]);
    expect((await env.app.request(`/event-images/${first}/640.webp`)).status).toBe(404);
    // Another event cannot take this event's picture by naming its key.
    const thief = await b.postFiles('/events/new', { ...fields(`Thief ${uid()}`), 'cover.image': second, 'cover.alt.en': 'x' }, {});
    expect(thief.status).toBe(422);
    expect(visibleText(await thief.text())).toContain('The image is no longer available.');
    // "Remove this image".
    expect((await b.postFiles(`/events/${slug}/edit`, { ...values, 'cover.image': second, 'cover.fileRemove': 'on' }, {})).status).toBe(
      303,
    );
    expect((await getEvent(env.deps.db, slug)).cover).toBeNull();
    expect(await keys()).toEqual([]);
    // Deleting the event deletes its pictures and their files.
    expect((await b.postFiles(`/events/${slug}/edit`, values, { 'cover.file': await jpeg(900, 600) })).status).toBe(303);
    const third = (await getEvent(env.deps.db, slug)).cover!.key;
    await env.deps.db.delete(events).where(eq(events.slug, slug));
    expect(await env.deps.db.select().from(eventImageFiles).where(eq(eventImageFiles.key, third))).toEqual([]);
  });

  it('sweeps pictures whose form was never saved after a day', async () => {
    const b = await organizer();
    const res = await b.postFiles(
      '/events/new',
      { ...fields(`Never saved ${uid()}`), add: 'speakers' },
      { 'cover.file': await jpeg(640, 360) },
    );
    const key = keyIn(await res.text(), 'cover.image')!;
    await sweepPendingImages(env.deps.db);
    expect(await env.deps.db.select().from(eventImages).where(eq(eventImages.key, key))).toHaveLength(1);
    await env.deps.db
      .update(eventImages)
      .set({ createdAt: new Date(Date.now() - 2 * day) })
      .where(eq(eventImages.key, key));
    expect(await sweepPendingImages(env.deps.db)).toBeGreaterThanOrEqual(1);
    expect(await env.deps.db.select().from(eventImages).where(eq(eventImages.key, key))).toHaveLength(0);
  });
});
