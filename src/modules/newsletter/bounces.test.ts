import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import { isEmailAddress } from '../../platform/http/validation';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { scoreBounceCorpus } from './testing/bounce-corpus';
import { findSubscriber, parseBounceMessage, processInboundMessage, suppressionFor } from './service';

const corpus = (file: string) => fs.readFileSync(path.join(import.meta.dirname, 'testing', 'bounce-corpus', file), 'utf8');

describe('real bounce messages against the reference classifier', () => {
  it('agrees on at least 95% of the verdicts and names no address the reference does not', () => {
    const score = scoreBounceCorpus();
    expect(score.messages).toBeGreaterThanOrEqual(35);
    expect(score.extra).toEqual([]);
    expect(score.agreed / score.verdicts).toBeGreaterThanOrEqual(0.95);
    expect(score.found / score.verdicts).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    ['qmail-01.eml', 'kijitora@example.ne.jp', 'hard'],
    ['exim-02.eml', 'sabatora@example.jp', 'hard'],
    ['gmail-16.eml', 'mailboxfull@bouncehammer.jp', 'soft'],
    ['yahoo-04.eml', 'kijitora@example.co.jp', 'soft'],
    ['domino-01.eml', 'kijitora@example.jp', 'hard'],
    ['exchange2003-03.eml', 'kijitora@example.jp', 'hard'],
    ['office365-09.eml', 'azumakuniyuki@example.ne.jp', 'hard'],
    ['postfix-70.eml', 'kijitora@google.example.com', 'soft'],
    ['rfc3464-06.eml', 'kijitora@example.net', 'hard'],
    ['exim-50.eml', 'kijitora@neko.example.com', 'soft'],
    ['googleworkspace-01.eml', 'neko-nyaan-cat-meeting@google-groups.example.com', 'soft'],
  ])('%s: %s is %s', (file, email, kind) => {
    const parsed = parseBounceMessage(corpus(file));
    expect(parsed.type).toBe('bounce');
    expect(parsed.type === 'bounce' && parsed.recipients).toContainEqual(expect.objectContaining({ email, kind }));
  });

  it('takes the address from the text when the report names none (`@mx.example.org`, a pipe, a path)', () => {
    const parsed = parseBounceMessage(corpus('sendmail-15.eml'));
    expect(parsed).toMatchObject({ type: 'bounce', recipients: [{ email: 'kijitora@example.org', kind: 'hard', status: '5.1.2' }] });
    const piped = `From: MAILER-DAEMON@mx.example.org\nSubject: Returned mail\nContent-Type: multipart/report; boundary="b"\n\n--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; |/usr/local/bin/x\nAction: failed\nStatus: 5.1.1\n\n--b--\n`;
    expect(parseBounceMessage(piped)).toEqual({ type: 'unknown' });
    for (const file of fs.readdirSync(path.join(import.meta.dirname, 'testing', 'bounce-corpus')).filter((f) => f.endsWith('.eml'))) {
      const p = parseBounceMessage(corpus(file));
      const addresses = p.type === 'bounce' ? p.recipients.map((r) => r.email) : p.type === 'complaint' ? p.recipients : [];
      for (const a of addresses) expect(isEmailAddress(a), `${file}: ${a}`).toBe(true);
    }
  });

  it('reads complaint reports (ARF and Microsoft’s), and a plain message is none of these', () => {
    expect(parseBounceMessage(corpus('arf-11.eml'))).toEqual({ type: 'complaint', feedbackType: 'abuse', recipients: [] });
    expect(parseBounceMessage(corpus('arf-22.eml'))).toEqual({
      type: 'complaint',
      feedbackType: 'abuse',
      recipients: ['kijitora@example.com'],
    });
    expect(parseBounceMessage('From: ana@example.org\nSubject: Hello\n\nSee you at the meetup, bob@example.org.\n')).toEqual({
      type: 'unknown',
    });
  });
});

describe('what bounces and complaints do to subscribers', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
  });
  afterAll(() => env.close());

  async function confirmed(email: string) {
    await env.deps.db.execute(sql`INSERT INTO newsletter_subscribers (email, status) VALUES (${email}, 'confirmed')`);
  }
  /** One sent issue to this address, `daysAgo` days ago. */
  async function sent(email: string, daysAgo: number) {
    const [{ id }] = await rows<{ id: string }>(
      env.deps.db,
      sql`INSERT INTO newsletter_issues (subject, body, status) VALUES ('{"en":"Hi","es":"Hola"}', '{"en":"x","es":"x"}', 'sent') RETURNING id`,
    );
    await env.deps.db.execute(sql`INSERT INTO newsletter_deliveries (issue_id, subscriber_id, email, language, status, sent_at)
      SELECT ${id}, s.id, s.email, 'en', 'sent', now() - make_interval(days => ${daysAgo}) FROM newsletter_subscribers s WHERE s.email = ${email}`);
  }
  const fullMailbox = (email: string) =>
    corpus('outlook-01.eml').replaceAll('kijitora@example.jp', email).replace('Final-Recipient: rfc822;', 'Final-Recipient: rfc822;');

  it('a full mailbox is counted, not suppressed; three from separate sends within 30 days suppress it, with the reason kept', async () => {
    const email = `full-${uid()}@example.org`;
    await confirmed(email);
    await sent(email, 3);
    expect(await processInboundMessage(env.deps.db, fullMailbox(email))).toMatchObject({ noted: [email], suppressed: [] });
    // The same report read again is the same send: still one.
    expect(await processInboundMessage(env.deps.db, fullMailbox(email))).toMatchObject({ noted: [email] });
    expect(await suppressionFor(env.deps.db, email)).toBeNull();
    await sent(email, 2);
    expect(await processInboundMessage(env.deps.db, fullMailbox(email))).toMatchObject({ noted: [email] });
    await sent(email, 1);
    expect(await processInboundMessage(env.deps.db, fullMailbox(email))).toMatchObject({ suppressed: [email] });
    expect(await suppressionFor(env.deps.db, email)).toBe('bounced');
    const [s] = await rows<{ detail: string }>(env.deps.db, sql`SELECT detail FROM newsletter_suppressions WHERE email = ${email}`);
    expect(s.detail).toContain('5.2.2');
    expect(s.detail).toContain('Mailbox Full');
    // Organizers see why the newsletter stopped, in their language.
    const b = new Browser(env);
    await b.signInAs(`org-${uid()}@example.org`, { role: 'organizer', language: 'es' });
    const page = visibleText(await (await b.get('/es/organize/newsletter/subscribers?offset=0')).text());
    expect(page).toContain('Rebotes');
    expect(page).toContain('Mailbox Full');
  });

  it('soft bounces older than 30 days do not add up', async () => {
    const email = `old-${uid()}@example.org`;
    await confirmed(email);
    for (const days of [50, 45, 40])
      await env.deps.db.execute(sql`INSERT INTO newsletter_soft_bounces (email_hash, send_key, reason, created_at)
        VALUES (encode(sha256(convert_to(lower(${email}), 'UTF8')), 'hex'), ${`old-${days}`}, 'mailbox full', now() - make_interval(days => ${days}))`);
    await sent(email, 1);
    expect(await processInboundMessage(env.deps.db, fullMailbox(email))).toMatchObject({ noted: [email] });
    expect(await suppressionFor(env.deps.db, email)).toBeNull();
  });

  it('a real "user unknown" suppresses at once; a complaint report marks the subscriber complained', async () => {
    const gone = `gone-${uid()}@example.org`;
    await confirmed(gone);
    const gmail = corpus('gmail-18.eml').replaceAll('kijitora@example.or.jp', gone);
    expect(await processInboundMessage(env.deps.db, gmail)).toMatchObject({ suppressed: [gone] });
    expect((await findSubscriber(env.deps.db, gone))!.status).toBe('bounced');

    const angry = `angry-${uid()}@example.com`;
    await confirmed(angry);
    const arf = corpus('arf-22.eml').replaceAll('kijitora@example.com', angry);
    expect(await processInboundMessage(env.deps.db, arf)).toMatchObject({ complained: [angry] });
    expect(await suppressionFor(env.deps.db, angry)).toBe('complained');
    expect((await findSubscriber(env.deps.db, angry))!.status).toBe('complained');
  });
});
