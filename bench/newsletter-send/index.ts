/**
 * Newsletter sending throughput: N recipients through the durable queue (claim, commit mark, SMTP,
 * mark sent) to a local SMTP server in another process, against a bare nodemailer loop sending the
 * same rendered message to the same server in the same run, with the same number of connections.
 * Memory: how much the sending process's resident memory grows over what it held just before sending
 * (target: at most 50 MB, flat in the list size), at 30,000 recipients and, in full runs, 300,000.
 *   npx tsx bench/newsletter-send/index.ts [--quick]
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
  notes?: string[];
}

const LANES = 8;
const GROWTH_TARGET_MB = 50;

/** The SMTP sink in its own process (sink.ts), asked over IPC how many messages it has received. */
async function startSink(): Promise<{ port: number; url: string; total: () => Promise<number>; close: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'sink.ts')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: Record<string, T>) => {
        if (!(key in m)) return;
        child.off('message', onMessage);
        resolve(m[key]);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the SMTP sink exited with ${code}`)));
    });
  const port = await next<number>('port');
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    total: () => {
      const answer = next<number>('total');
      child.send('total');
      return answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss());
  };
}

export async function run(opts: { quick: boolean; databaseUrl?: string }): Promise<BenchResult> {
  const n = opts.quick ? 2000 : 30_000;
  const smtp = await startSink();
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
  const before = await smtp.total();
  const idleBase = process.memoryUsage().rss;
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
  if ((await smtp.total()) - before !== n) throw new Error('baseline lost messages');
  // Ours: the durable queue, as the worker runs it.
  const ours30 = await sendThroughQueue(deps, issue.id, n, smtp.total);
  // The same at ten times the list (full runs): memory must not grow with the list.
  const large = opts.quick ? null : 300_000;
  let oursLarge: Awaited<ReturnType<typeof sendThroughQueue>> | null = null;
  if (large) {
    const tagLarge = `${tag}x`;
    await deps.db.execute(sql`INSERT INTO newsletter_subscribers (email, name, language, status, consented_at, chapter_slug)
      SELECT ${tagLarge} || '-' || g || '@example.org', 'Reader ' || g, 'en', 'confirmed', now(), ${tagLarge}
      FROM generate_series(1, ${large}) AS g`);
    const big = await createIssue(deps.db, {
      subject: { en: 'The same letter to a larger list', es: 'La misma carta a una lista mayor' },
      body: { en: 'Hello.', es: 'Hola.' },
      segment: { chapter: tagLarge },
    });
    oursLarge = await sendThroughQueue(deps, big.id, large, smtp.total);
  }
  const oursMs = ours30.ms;

  await smtp.close();
  deps.mailer.close();
  await database.close();

  const ours = n / (oursMs / 1000);
  const base = n / (baseMs / 1000);
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  const growth = (peak: number, idle: number) => mb(Math.max(0, peak - idle));
  // Bounce reading is judged against a reference classifier on a corpus of real bounces, not timed.
  const bounces = scoreBounceCorpus();
  const result: BenchResult = {
    name: 'newsletter-send',
    notes:
      database.kind === 'pglite'
        ? [
            'On PGlite the sending process also holds the embedded database, whose WebAssembly memory grows with its tables and is not given back: the sender alone is measured on PostgreSQL.',
          ]
        : [],
    figures: [
      {
        name: `messages per second (${n} recipients, ${database.kind})`,
        value: Math.round(ours),
        unit: 'msg/s',
        baseline: { name: 'bare nodemailer pool loop, same message and server', value: Math.round(base), unit: 'msg/s' },
        ratio: Math.round((ours / base) * 100) / 100,
      },
      {
        name: `growth of the sender's resident memory over its idle size (${n} recipients; target ≤ ${GROWTH_TARGET_MB} MB)`,
        value: growth(ours30.peak, ours30.idle),
        unit: 'MB',
        baseline: { name: 'bare nodemailer pool loop, same measure', value: growth(basePeak, idleBase), unit: 'MB' },
      },
      ...(oursLarge && large
        ? [
            {
              name: `growth of the sender's resident memory over its idle size (${large} recipients; target ≤ ${GROWTH_TARGET_MB} MB)`,
              value: growth(oursLarge.peak, oursLarge.idle),
              unit: 'MB',
            },
            {
              name: `messages per second (${large} recipients, ${database.kind})`,
              value: Math.round(large / (oursLarge.ms / 1000)),
              unit: 'msg/s',
            },
          ]
        : []),
      { name: 'peak resident memory of the sending process', value: mb(ours30.peak), unit: 'MB' },
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

/** One issue through the durable queue as the worker runs it; its time, and memory before and at peak. */
async function sendThroughQueue(deps: Awaited<ReturnType<typeof openServices>>, issueId: string, n: number, total: () => Promise<number>) {
  const seenBefore = await total();
  global.gc?.();
  const idle = process.memoryUsage().rss;
  const peak = rssSampler();
  const t0 = performance.now();
  // The issue has no events or jobs blocks, so it needs nothing from other modules.
  await beginSending(deps, {}, issueId);
  while ((await sendSlice(deps, { maxMs: 600_000 })) > 0);
  const ms = performance.now() - t0;
  const peakRss = peak();
  const [{ sent }] = await rows<{ sent: number }>(
    deps.db,
    sql`SELECT count(*)::int AS sent FROM newsletter_deliveries WHERE issue_id = ${issueId} AND status = 'sent'`,
  );
  const seen = (await total()) - seenBefore;
  if (Number(sent) !== n || seen !== n) throw new Error(`expected ${n} sent, got ${sent} (server saw ${seen})`);
  return { ms, idle, peak: peakRss };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('newsletter-send/index.ts')) {
  const quick = process.argv.includes('--quick');
  const result = await run({ quick, databaseUrl: process.env.BENCH_DATABASE_URL });
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join('bench', 'results', 'newsletter-send.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}
