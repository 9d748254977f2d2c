/**
 * Newsletter sending throughput: N recipients through the durable queue (claim, commit mark, SMTP,
 * mark sent) to a local SMTP server, against a bare nodemailer loop sending the same rendered
 * message to the same server in the same run, with the same number of connections.
 *   npx tsx bench/newsletter-send/index.ts [--quick]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config';
import { openPglite, openPostgres, type Database } from '../../src/db/client';
import { openServices } from '../../src/services';
import { rows } from '../../src/db/client';
import { beginSending, createIssue, messageFor, prepare, saveSettings, sendSlice, listHeaders } from '../../src/modules/newsletter';
import { startSmtp } from '../../src/modules/newsletter/testing/smtp';
import { scoreBounceCorpus } from '../../src/modules/newsletter/testing/bounce-corpus';

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  ratio?: number;
}
export interface BenchResult {
  name: string;
  figures: Figure[];
}

const LANES = 8;

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

export async function run(opts: { quick: boolean; databaseUrl?: string }): Promise<BenchResult> {
  const n = opts.quick ? 2000 : 30_000;
  const smtp = await startSmtp({ keep: false });
  let database: Database;
  if (opts.databaseUrl) {
    database = await openPostgres(opts.databaseUrl, 10);
  } else {
    database = await openPglite(undefined);
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SMTP_URL: smtp.url,
    SECRET_KEY: 'bench-secret-bench-secret-bench-secret-0123',
    BASE_URL: 'https://pathways.example.org',
  });
  const deps = await openServices(config, { database });
  const tag = `bench${Date.now()}`;
  await deps.db.execute(sql`INSERT INTO newsletter_subscribers (email, name, language, status, consented_at, chapter_slug)
    SELECT ${tag} || '-' || g || '@example.org', 'Reader ' || g, CASE WHEN g % 3 = 0 THEN 'es' ELSE 'en' END, 'confirmed', now(), ${tag}
    FROM generate_series(1, ${n}) AS g`);
  await saveSettings(deps.db, { ratePerSecond: 1_000_000, leaseSeconds: 60 });
  const issue = await createIssue(deps.db, {
    subject: { en: 'Civic tech night and new county jobs', es: 'Noche de tecnología cívica y nuevos empleos' },
    body: {
      en: '## Hello\n\nThis month we met at the library. Read [the notes](https://example.org/notes) and [the agenda](https://example.org/agenda).\n\n- One\n- Two',
      es: '## Hola\n\nEste mes nos reunimos en la biblioteca. Lee [las notas](https://example.org/notes) y [la agenda](https://example.org/agenda).\n\n- Uno\n- Dos',
    },
    segment: { chapter: tag },
  });

  // Baseline: the same rendered message, nodemailer's own pool, same connections, no database.
  // Run first, so its memory figure is not inflated by ours. The message is rendered by our code.
  const one = { id: crypto.randomUUID(), subscriber_id: crypto.randomUUID(), email: 'reader@example.org', language: 'en' as const };
  const msg = await messageFor(deps, await prepare(deps, issue), one);
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: LANES,
    maxMessages: Infinity,
  });
  const before = smtp.total();
  const peakBase = rssSampler();
  const t1 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      while (next < n) {
        const i = next++;
        await transport.sendMail({
          from: config.MAIL_FROM,
          to: `base-${i}@example.org`,
          subject: msg.subject,
          html: msg.html,
          text: msg.text,
          headers: listHeaders(msg),
        });
      }
    }),
  );
  const baseMs = performance.now() - t1;
  const basePeak = peakBase();
  transport.close();
  if (smtp.total() - before !== n) throw new Error('baseline lost messages');
  // Ours: the durable queue, as the worker runs it.
  const seenBefore = smtp.total();
  const peakOurs = rssSampler();
  const t0 = performance.now();
  // The issue has no events or jobs blocks, so it needs nothing from other modules.
  await beginSending(deps, {}, issue.id);
  while ((await sendSlice(deps, { maxMs: 600_000 })) > 0);
  const oursMs = performance.now() - t0;
  const oursPeak = peakOurs();
  const [{ sent }] = await rows<{ sent: number }>(
    deps.db,
    sql`SELECT count(*)::int AS sent FROM newsletter_deliveries WHERE issue_id = ${issue.id} AND status = 'sent'`,
  );
  if (Number(sent) !== n || smtp.total() - seenBefore !== n)
    throw new Error(`expected ${n} sent, got ${sent} (server saw ${smtp.total() - seenBefore})`);

  await smtp.close();
  deps.mailer.close();
  await database.close();

  const ours = n / (oursMs / 1000);
  const base = n / (baseMs / 1000);
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  // Bounce reading is judged against a reference classifier on a corpus of real bounces, not timed.
  const bounces = scoreBounceCorpus();
  const result: BenchResult = {
    name: 'newsletter-send',
    figures: [
      {
        name: `messages per second (${n} recipients, ${database.kind})`,
        value: Math.round(ours),
        unit: 'msg/s',
        baseline: { name: 'bare nodemailer pool loop, same message and server', value: Math.round(base), unit: 'msg/s' },
        ratio: Math.round((ours / base) * 100) / 100,
      },
      {
        name: 'peak resident memory while sending',
        value: mb(oursPeak),
        unit: 'MB',
        baseline: { name: 'bare nodemailer pool loop', value: mb(basePeak), unit: 'MB' },
        ratio: Math.round((oursPeak / basePeak) * 100) / 100,
      },
      {
        name: `bounce verdicts agreeing with the reference classifier (Sisimai) on ${bounces.messages} real bounce and complaint messages`,
        value: Math.round((bounces.agreed / bounces.verdicts) * 1000) / 10,
        unit: '%',
      },
      {
        name: 'failed recipients found in those messages',
        value: Math.round((bounces.found / bounces.verdicts) * 1000) / 10,
        unit: '%',
      },
    ],
  };
  return result;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('newsletter-send/index.ts')) {
  const quick = process.argv.includes('--quick');
  const result = await run({ quick, databaseUrl: process.env.BENCH_DATABASE_URL });
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join('bench', 'results', 'newsletter-send.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}
