import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../../config';
import { closeServices, openServices } from '../../services';
import { rows } from '../../db/client';
import type { Deps } from '../../platform/http/context';
import { beginSending, createIssue, saveSettings } from './service';
import { subscribers } from './schema';
import { startSmtp } from './testing/smtp';
import { entryCommand } from '../../../test/entry';
import { withMigratedDatabase } from '../../../test/helpers';

/**
 * The real worker (`pathways worker`) in a child process, killed with SIGKILL in the middle of a
 * send and started again: every recipient must get exactly one message.
 */
const N = 150;
const SECRET = 'crash-test-secret-crash-test-secret-0123456789';

interface Backend {
  name: string;
  env: Record<string, string>;
}

async function backends(): Promise<Backend[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-crash-'));
  const list: Backend[] = [{ name: 'embedded', env: { DATA_DIR: withMigratedDatabase(dir) } }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    // Its own database, so the worker only sees this test's issue.
    const u = new URL(url);
    const name = `${u.pathname.slice(1)}_crash`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    u.pathname = `/${name}`;
    list.push({ name: 'postgres', env: { DATA_DIR: dir + '-pg', DATABASE_URL: u.toString() } });
  }
  return list;
}

async function open(b: Backend): Promise<Deps> {
  return openServices(
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SECRET_KEY: SECRET, BASE_URL: 'http://pathways.test', ...b.env }),
  );
}

function worker(b: Backend, smtpUrl: string): ChildProcess {
  return spawn(...entryCommand('cli', ['worker']), {
    cwd: process.cwd(),
    env: {
      ...process.env,
      ...b.env,
      SMTP_URL: smtpUrl,
      SECRET_KEY: SECRET,
      BASE_URL: 'http://pathways.test',
      SEED: 'none',
      LOG_LEVEL: 'error',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const exited = (p: ChildProcess) =>
  new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));
const until = async (what: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
};

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('a sender killed mid-send', async () => {
  for (const b of await backends()) {
    it(`resumes after a restart and every recipient gets exactly one copy (${b.name})`, async () => {
      const deps = await open(b);
      const emails: string[] = [];
      for (let i = 0; i < N; i++) emails.push(`crash${i}@example.org`);
      await deps.db.insert(subscribers).values(
        emails.map((email, i) => ({
          email,
          language: i % 2 ? ('es' as const) : ('en' as const),
          status: 'confirmed' as const,
          consentedAt: new Date('2025-01-01'),
        })),
      );
      // Slow enough to kill in the middle; short leases so the restarted worker takes rows back quickly.
      await saveSettings(deps.db, { ratePerSecond: 40, leaseSeconds: 2 });
      const issue = await createIssue(deps.db, {
        subject: { en: 'Hello', es: 'Hola' },
        body: { en: 'Hi **there**', es: 'Hola **a todos**' },
      });
      await beginSending(deps, {}, issue.id);
      await closeServices(deps);

      let first: ChildProcess | null = null;
      const smtp = await startSmtp({
        keep: false,
        onMessage: (_m, total) => {
          if (total === 45 && first) first.kill('SIGKILL');
        },
      });
      try {
        first = worker(b, smtp.url);
        children.push(first);
        await exited(first);
        expect(first.signalCode).toBe('SIGKILL');
        const atKill = smtp.total();
        expect(atKill).toBeGreaterThanOrEqual(45);
        expect(atKill).toBeLessThan(N);

        const second = worker(b, smtp.url);
        children.push(second);
        await until(() => smtp.counts.size >= N, 120_000);
        // Give a duplicate, if there were one, time to arrive.
        await new Promise((r) => setTimeout(r, 2500));
        second.kill('SIGTERM');
        await exited(second);

        const missing = emails.filter((e) => !smtp.counts.has(e));
        const twice = [...smtp.counts].filter(([, n]) => n > 1);
        expect(missing).toEqual([]);
        expect(twice).toEqual([]);
        expect(smtp.total()).toBe(N);

        const after = await open(b);
        const [state] = await rows<{ status: string }>(after.db, sql`SELECT status FROM newsletter_issues WHERE id = ${issue.id}`);
        const byStatus = await rows<{ status: string; n: number }>(
          after.db,
          sql`SELECT status, count(*)::int AS n FROM newsletter_deliveries WHERE issue_id = ${issue.id} GROUP BY status`,
        );
        await closeServices(after);
        expect(state.status).toBe('sent');
        const counts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
        // Rows that were mid-handover at the kill are "uncertain" (not resent); the rest are "sent".
        expect((counts.sent ?? 0) + (counts.uncertain ?? 0)).toBe(N);
      } finally {
        await smtp.close();
      }
    }, 240_000);
  }
});
