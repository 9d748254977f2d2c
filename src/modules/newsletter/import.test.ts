import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { zipSync, strToU8 } from 'fflate';
import iconv from 'iconv-lite';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { people } from '../people';
import { subscribersCli } from './cli';
import {
  decodeText,
  findSubscriber,
  importSubscribers,
  parseBounceMessage,
  processInboundMessage,
  suppressionFor,
  webhookToken,
} from './service';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const HEAD =
  '"Email Address","First Name","Last Name",LANGUAGE,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS';
const row = (email: string, first: string, last: string, lang: string, confirm: string, extra = '') =>
  `${email},"${first}","${last}",${lang},2,"2024-03-01 10:00:00",,"${confirm}",,,,,,,,,"2024-03-02 10:00:00",123,abc,,"""Volunteer"",""LA"""${extra}`;

describe('Mailchimp audience export', () => {
  it('imports the ZIP: subscribed rows confirmed with their consent date, unsubscribed and cleaned suppressed, merged by email', async () => {
    const u = uid();
    const existing = `existing-${u}@example.org`;
    await env.deps.db.insert(people).values({ email: existing, fullName: 'Ya Existe' });
    const subscribed = [
      HEAD,
      row(`ana-${u}@example.org`, 'Ana', 'Núñez', 'es', '2024-03-01 10:05:00'),
      row(existing, 'Other', 'Name', 'en', '2024-04-01 09:00:00'),
      row('not an email', 'X', 'Y', 'en', '2024-01-01 00:00:00'),
      row(`ana-${u}@example.org`, 'Ana', 'Again', 'es', '2024-03-01 10:05:00'),
    ].join('\n');
    const unsub = [
      HEAD + ',UNSUB_TIME,UNSUB_CAMPAIGN_TITLE',
      row(`left-${u}@example.org`, 'Left', 'Person', 'en', '2023-01-01 00:00:00', ',"2024-05-01 00:00:00",Spring'),
    ].join('\n');
    const cleaned = [
      HEAD + ',CLEAN_TIME,CLEAN_CAMPAIGN_TITLE',
      row(`dead-${u}@example.org`, 'Dead', 'Box', 'en', '2023-01-01 00:00:00', ',"2024-05-01 00:00:00",Spring'),
    ].join('\n');
    const zip = zipSync({
      [`subscribed_members_export_${u}.csv`]: strToU8(subscribed),
      [`unsubscribed_members_export_${u}.csv`]: strToU8(unsub),
      [`cleaned_members_export_${u}.csv`]: strToU8(cleaned),
    });
    const r = await importSubscribers(env.deps.db, 'audience.zip', zip);
    expect(r.created).toBe(2);
    expect(r.suppressed).toBe(2);
    expect(r.skipped.map((s) => s.reason).sort()).toEqual(['newsletter.skip.duplicate', 'newsletter.skip.invalidEmail']);
    const ana = (await findSubscriber(env.deps.db, `ana-${u}@example.org`))!;
    expect(ana).toMatchObject({ status: 'confirmed', name: 'Ana Núñez', language: 'es', source: 'mailchimp' });
    expect(ana.consentedAt!.toISOString()).toBe('2024-03-01T10:05:00.000Z');
    expect((ana.extra as { tags: string[] }).tags).toEqual(['Volunteer', 'LA']);
    const [p] = await env.deps.db.select().from(people).where(eq(people.email, existing));
    expect(p.fullName).toBe('Ya Existe');
    expect((await findSubscriber(env.deps.db, existing))!.personId).toBe(p.id);
    expect(await suppressionFor(env.deps.db, `left-${u}@example.org`)).toBe('unsubscribed');
    expect(await suppressionFor(env.deps.db, `dead-${u}@example.org`)).toBe('bounced');
    // A later import of the same people as subscribed never reactivates the suppressed ones.
    const again = await importSubscribers(
      env.deps.db,
      `subscribed_${u}.csv`,
      strToU8([HEAD, row(`left-${u}@example.org`, 'Left', 'Person', 'en', '2024-06-01 00:00:00')].join('\n')),
    );
    expect(again.skipped[0].reason).toBe('newsletter.skip.suppressed');
    expect(await findSubscriber(env.deps.db, `left-${u}@example.org`)).toBeUndefined();
  });
});

describe('every kind of Mailchimp file, as Mailchimp and Excel write them', () => {
  it('only the subscribed file makes subscribers: non-subscribed rows are skipped with the reason even with an OPTIN_TIME', async () => {
    const u = uid();
    const zip = zipSync({
      [`subscribed_email_audience_export_${u}.csv`]: strToU8(
        [HEAD, row(`in-${u}@example.org`, 'In', 'Side', 'en', '2024-03-01 10:05:00')].join('\n'),
      ),
      [`nonsubscribed_email_audience_export_${u}.csv`]: strToU8(
        [HEAD, row(`never-${u}@example.org`, 'Never', 'Asked', 'en', '2024-03-01 10:05:00')].join('\n'),
      ),
    });
    const r = await importSubscribers(env.deps.db, 'audience.zip', zip);
    expect(r.created).toBe(1);
    expect(r.skipped).toEqual([expect.objectContaining({ email: `never-${u}@example.org`, reason: 'newsletter.skip.nonsubscribed' })]);
    expect(await findSubscriber(env.deps.db, `never-${u}@example.org`)).toBeUndefined();
  });

  it('keeps a tag with a comma as one tag, and reads semicolon-separated files from a Spanish Excel', async () => {
    const u = uid();
    const withTags = `${HEAD}\ntag-${u}@example.org,"Tag","Person",en,2,"2024-03-01 10:00:00",,"2024-03-01 10:05:00",,,,,,,,,"2024-03-02 10:00:00",1,a,,"""Volunteer"",""LA, South"""`;
    await importSubscribers(env.deps.db, `subscribed_${u}.csv`, strToU8(withTags));
    expect(((await findSubscriber(env.deps.db, `tag-${u}@example.org`))!.extra as { tags: string[] }).tags).toEqual([
      'Volunteer',
      'LA, South',
    ]);
    const semi = iconv.encode(`email;name;language;consent date\r\nsemi-${u}@example.org;Núñez, Ana;es;2024-02-03\r\n`, 'windows-1252');
    const r = await importSubscribers(env.deps.db, 'lista.csv', semi, 'csv');
    expect(r.created).toBe(1);
    expect(await findSubscriber(env.deps.db, `semi-${u}@example.org`)).toMatchObject({ name: 'Núñez, Ana', language: 'es' });
  });

  it("a file the CSV reader cannot read gets a translated sentence, never the reader's own words", async () => {
    const b = new Browser(env);
    await b.signInAs(`org-${uid()}@example.org`, { role: 'organizer', language: 'es' });
    await b.get('/es/organize/newsletter/import');
    const fd = new FormData();
    fd.set('_csrf', b.cookies.get('pw_csrf')!);
    fd.set('file', new File(['email,name\n"a@example.org"y,Ana\n'], 'roto.csv', { type: 'text/csv' }));
    const res = await env.app.request('/es/organize/newsletter/import', {
      method: 'POST',
      body: fd,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(422);
    const text = visibleText(await res.text());
    expect(text).toContain('No pudimos leer roto.csv: en la línea 2');
    expect(text).not.toMatch(/Invalid Closing Quote|got "y"/);
  });
});

describe('generic CSV in other encodings', () => {
  it('reads Windows-1252 and UTF-16 files from Excel, and skips rows without a consent date', async () => {
    const u = uid();
    const text = `email,name,language,consent date\r\njose-${u}@example.org,José Peña,es,2024-02-03\r\nnoconsent-${u}@example.org,Zoë,en,\r\nbaddate-${u}@example.org,Renée,en,someday\r\n`;
    const cp1252 = iconv.encode(text, 'windows-1252');
    expect(decodeText(cp1252).encoding).toMatch(/windows-1252/i);
    const r = await importSubscribers(env.deps.db, 'people.csv', cp1252, 'csv');
    expect(r.created).toBe(1);
    expect(r.skipped.map((s) => s.reason)).toEqual(['newsletter.skip.missingConsent', 'newsletter.skip.badDate']);
    expect((await findSubscriber(env.deps.db, `jose-${u}@example.org`))!.name).toBe('José Peña');
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode(
        `email\tname\tlanguage\tconsent date\r\nmaría-${u}@example.org\tMaría Ibáñez\tEspañol\t2024-01-05T10:00:00Z\r\n`.replace(
          'maría',
          'maria',
        ),
        'utf16le',
      ),
    ]);
    const r2 = await importSubscribers(env.deps.db, 'excel.txt', utf16, 'csv');
    expect(r2.encodings).toEqual(['UTF-16LE']);
    expect(await findSubscriber(env.deps.db, `maria-${u}@example.org`)).toMatchObject({
      name: 'María Ibáñez',
      language: 'es',
      status: 'confirmed',
    });
  });

  it('the import page reports skipped rows with reasons, in Spanish too', async () => {
    const b = new Browser(env);
    await b.signInAs(`org-${uid()}@example.org`, { role: 'organizer' });
    await b.get('/es/organize/newsletter/import');
    const fd = new FormData();
    fd.set('_csrf', b.cookies.get('pw_csrf')!);
    fd.set('file', new File([`email,name,language,consent date\nbad-email,X,en,2024-01-01\n`], 'list.csv', { type: 'text/csv' }));
    const res = await env.app.request('/es/organize/newsletter/import', {
      method: 'POST',
      body: fd,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain('El correo electrónico no es válido');
    const none = new FormData();
    none.set('_csrf', b.cookies.get('pw_csrf')!);
    const res2 = await env.app.request('/organize/newsletter/import', {
      method: 'POST',
      body: none,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res2.status).toBe(422);
  });
});

const DSN = (rcpt: string, action: string, status: string) => `From: MAILER-DAEMON@mx.example.org
To: hello@pathways.localhost
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain

The mail could not be delivered.
--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
Arrival-Date: Mon, 3 Nov 2026 10:00:00 +0000

Final-Recipient: rfc822; ${rcpt}
Original-Recipient: rfc822;${rcpt}
Action: ${action}
Status: ${status}
Diagnostic-Code: smtp; 550 5.1.1 <${rcpt}>: Recipient address rejected:
  User unknown in virtual mailbox table

--B1
Content-Type: message/rfc822

Subject: Civic tech night
--B1--
`;

describe('bounces', () => {
  it('parses a standard DSN and suppresses hard bounces only', async () => {
    const hard = `hard-${uid()}@example.org`;
    const soft = `soft-${uid()}@example.org`;
    expect(parseBounceMessage(DSN(hard, 'failed', '5.1.1'))).toEqual({
      type: 'bounce',
      recipients: [
        { email: hard, kind: 'hard', status: '5.1.1', diagnostic: expect.stringContaining('User unknown in virtual mailbox table') },
      ],
    });
    expect((await processInboundMessage(env.deps.db, DSN(hard, 'failed', '5.1.1'))).suppressed).toEqual([hard]);
    expect(await suppressionFor(env.deps.db, hard)).toBe('bounced');
    expect((await processInboundMessage(env.deps.db, DSN(soft, 'delayed', '4.2.2'))).noted).toEqual([soft]);
    expect(await suppressionFor(env.deps.db, soft)).toBeNull();
  });

  it('takes a raw bounce message through the API (organizers only)', async () => {
    const { apiToken } = await import('../../../test/helpers');
    const rcpt = `api-hard-${uid()}@example.org`;
    const org = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
    const send = (token: string) =>
      env.app.request('/api/v1/newsletter/bounces/dsn', {
        method: 'POST',
        body: DSN(rcpt, 'failed', '5.1.1'),
        headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}` },
      });
    expect((await send(await apiToken(env, `m-${uid()}@example.org`))).status).toBe(403);
    const ok = await send(org);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ suppressed: [rcpt], noted: [], complained: [], unsubscribed: [] });
  });

  it('takes provider notifications only with the secret token', async () => {
    const a = `c-${uid()}@example.org`;
    const body = JSON.stringify({
      events: [
        { email: a, type: 'complaint' },
        { email: `s-${uid()}@example.org`, type: 'bounce', bounceType: 'soft' },
      ],
    });
    const headers = { 'content-type': 'application/json' };
    expect((await env.app.request('/api/v1/newsletter/webhooks/bounces?token=wrong', { method: 'POST', body, headers })).status).toBe(401);
    const ok = await env.app.request(`/api/v1/newsletter/webhooks/bounces?token=${await webhookToken(env.deps)}`, {
      method: 'POST',
      body,
      headers,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ suppressed: 1, noted: 1 });
    expect(await suppressionFor(env.deps.db, a)).toBe('complained');
    const bad = await env.app.request(`/api/v1/newsletter/webhooks/bounces?token=${await webhookToken(env.deps)}`, {
      method: 'POST',
      body: '{"email":"x"}',
      headers,
    });
    expect(bad.status).toBe(422);
  });
});

describe('ZIP bombs', () => {
  // 200 MB of zeros in one entry deflate to about 200 KB; a real export is compressed maybe 10:1.
  const bomb = zipSync({ 'subscribed_members_export.csv': new Uint8Array(200 * 1_048_576) }, { level: 9 });
  // Many entries of 2 MB each: no single one is large, together they are.
  const wide = zipSync(
    Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`subscribed_${i}.csv`, new Uint8Array(2 * 1_048_576).fill(65 + (i % 26))])),
  );

  it('refuses a ZIP that expands too far, quickly and without holding it in memory', async () => {
    expect(bomb.length).toBeLessThan(1_048_576);
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const err = await importSubscribers(env.deps.db, 'audience.zip', bomb).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, messageKey: 'newsletter.errors.zipTooLarge' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1_048_576);
    expect(await importSubscribers(env.deps.db, 'audience.zip', wide).catch((e: unknown) => e)).toMatchObject({
      status: 422,
      messageKey: 'newsletter.errors.zipTooLarge',
    });
  });

  it('says so on the import page, in both languages, and from the command line', async () => {
    const b = new Browser(env);
    await b.signInAs(`org-bomb-${uid()}@example.org`, { role: 'organizer' });
    for (const [path, text] of [
      ['/organize/newsletter/import', 'This ZIP expands to more than 50 MB'],
      ['/es/organize/newsletter/import', 'Este ZIP se expande a más de 50 MB'],
    ]) {
      await b.get(path);
      const fd = new FormData();
      fd.set('_csrf', b.cookies.get('pw_csrf')!);
      fd.set('file', new File([bomb], 'audience.zip', { type: 'application/zip' }));
      const res = await env.app.request(path, {
        method: 'POST',
        body: fd,
        headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      expect(res.status).toBe(422);
      expect(visibleText(await res.text())).toContain(text);
    }
    const file = path.join(os.tmpdir(), `bomb-${uid()}.zip`);
    fs.writeFileSync(file, bomb);
    const lines: string[] = [];
    try {
      const code = await subscribersCli.import({ deps: env.deps, args: [file], out: (s) => lines.push(s), err: (s) => lines.push(s) });
      expect(code).toBe(1);
      expect(lines.join('\n')).toContain('This ZIP expands to more than 50 MB');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('refuses a ZIP cut off in the middle of an entry clearly, not with a crash', async () => {
    const real = zipSync({ 'subscribed_members_export.csv': strToU8(`${HEAD}\n`) });
    const cut = real.slice(0, 80);
    expect(await importSubscribers(env.deps.db, 'audience.zip', cut).catch((e: unknown) => e)).toMatchObject({ status: 422 });
  });
});
