import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/db/client';
import { getConference } from '../../src/modules/conferences';
import { runAxe, startE2E, violationLines, WCAG_22_AA, type E2E } from './harness';

/** Every conference page in Chromium with axe-core (WCAG 2.2 AA), both languages, served by the real app. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

async function demo() {
  const [row] = await rows<{ slug: string }>(
    e2e.deps.db,
    // The seeded School of Data LA; the test reads its own module's table, and events only for the slug.
    sql`SELECT e.slug FROM conferences c JOIN events e ON e.id = c.event_id WHERE c.acronym = 'sodla_demo'`,
  );
  const v = await getConference(e2e.deps.db, row.slug);
  const [ws] = await rows<{ code: string }>(
    e2e.deps.db,
    sql`SELECT code FROM conference_sessions WHERE event_id = ${v.event.id} AND capacity IS NOT NULL ORDER BY starts_at LIMIT 1`,
  );
  const [room] = await rows<{ id: string }>(
    e2e.deps.db,
    sql`SELECT room_id AS id FROM conference_sessions WHERE event_id = ${v.event.id} AND room_id IS NOT NULL LIMIT 1`,
  );
  const [track] = await rows<{ id: string }>(
    e2e.deps.db,
    sql`SELECT id FROM conference_tracks WHERE event_id = ${v.event.id} ORDER BY created_at LIMIT 1`,
  );
  return { slug: row.slug, workshop: ws.code, room: room.id, track: track.id };
}

describe('conference pages are accessible (axe, WCAG 2.2 AA)', () => {
  it('public pages in both languages, on a laptop and on a phone', async () => {
    const { slug, workshop } = await demo();
    const urls = [
      '/conferences',
      `/conferences/${slug}/schedule`,
      `/conferences/${slug}/schedule?type=workshop&language=en`,
      `/conferences/${slug}/sessions/${workshop}`,
      `/conferences/${slug}/sessions/${workshop}?tz=America/New_York`,
      `/conferences/${slug}/now`,
    ];
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 375, height: 740 },
    ]) {
      const page = await (await e2e.browser.newContext({ viewport })).newPage();
      for (const url of urls.flatMap((u) => [u, `/es${u}`]))
        expect(await e2e.violations(page, url), `${url} ${viewport.width}`).toEqual([]);
    }
  });

  it('the grid shows rooms as columns on a laptop and stacks into labelled cards on a phone, with no script', async () => {
    const { slug } = await demo();
    const layout = async (width: number) => {
      const page = await (await e2e.browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false })).newPage();
      await page.goto(`${e2e.baseUrl}/conferences/${slug}/schedule`);
      const grid = page.locator('.pw-schedule-grid').first();
      return {
        headers: await grid.locator('thead th').allTextContents(),
        headerWidth: (await grid.locator('thead').boundingBox())?.width ?? 0,
        cellDisplay: await grid
          .locator('td[data-label]')
          .first()
          .evaluate((el) => getComputedStyle(el).display),
        emptyShown: await grid.locator('td.pw-empty').first().isVisible(),
      };
    };
    const laptop = await layout(1280);
    expect(laptop.headers).toEqual(expect.arrayContaining(['Main hall', 'Lab 2', 'Garden room']));
    expect(laptop.headerWidth).toBeGreaterThan(500);
    expect(laptop.cellDisplay).toBe('table-cell');
    const phone = await layout(375);
    expect(phone.headerWidth).toBeLessThanOrEqual(1);
    expect(phone.cellDisplay).toBe('block');
    expect(phone.emptyShown).toBe(false);
  });

  it('signed-in and organizer pages', async () => {
    const { slug, workshop, room, track } = await demo();
    const page = await (await e2e.signedIn('organizer@pathways.localhost')).newPage();
    for (const url of [
      `/conferences/${slug}/manage`,
      `/es/conferences/${slug}/manage`,
      `/es/conferences/${slug}/manage/sessions/${workshop}`,
      ...[
        `/conferences/${slug}/manage/rooms/${room}`,
        `/conferences/${slug}/manage/tracks/${track}`,
        `/conferences/${slug}/manage/sessions/${workshop}/delete`,
        `/conferences/${slug}/manage/rooms/${room}/delete`,
        `/conferences/${slug}/manage/tracks/${track}/delete`,
      ].flatMap((u) => [u, `/es${u}`]),
      '/conferences/new',
      '/es/conferences/new',
      '/es/conferences',
      `/conferences/${slug}/agenda`,
      `/es/conferences/${slug}/agenda`,
    ]) {
      expect(await e2e.violations(page, url), url).toEqual([]);
    }
    // Deleting a room still in use: asked first, then refused in one error alert (a plain form post; axe needs the page's script engine).
    await page.goto(`${e2e.baseUrl}/es/conferences/${slug}/manage/rooms/${room}/delete`);
    await page.click('main form button');
    expect(await page.locator('main').innerText()).toContain('Esta sala todavía tiene');
    expect(await page.locator('.usa-alert--error').count()).toBe(1);
    expect(violationLines(await runAxe(page, WCAG_22_AA))).toEqual([]);
    // The sign-up form works without JavaScript: a registered attendee who already has a seat is told so, in Spanish.
    const visitor = await (await e2e.browser.newContext({ javaScriptEnabled: false })).newPage();
    await visitor.goto(`${e2e.baseUrl}/es/conferences/${slug}/sessions/${workshop}`);
    await visitor.fill('#name', 'María José Núñez');
    await visitor.fill('#email', 'maria.nunez@example.org');
    await visitor.click('form[action$="/signup"] button');
    expect(await visitor.locator('main').innerText()).toContain('Ya te habías inscrito en este taller');
  });
});
