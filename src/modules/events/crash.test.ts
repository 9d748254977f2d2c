import { afterAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { entryCommand } from '../../../test/entry';
import { withMigratedDatabase } from '../../../test/helpers';

/**
 * A real server process (PGlite in a temp DATA_DIR) is killed with SIGKILL in the middle of an RSVP
 * burst over HTTP, then started again: every RSVP that was answered 2xx must still be there.
 */
const dir = withMigratedDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-crash-')));
// A port the system says is free (a random one sometimes collided with another test's server).
const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const p = (probe.address() as net.AddressInfo).port;
    probe.close(() => resolve(p));
  });
});
const env = {
  ...process.env,
  DATA_DIR: dir,
  PORT: String(port),
  SEED: 'none',
  LOG_LEVEL: 'warn',
  RATE_LIMITS: 'off',
  SECRET_KEY: 'crash-test-secret-crash-test-secret-0000',
  TEST_DATABASE_URL: '',
  DATABASE_URL: '',
  BASE_URL: `http://127.0.0.1:${port}`,
  NODE_ENV: 'development',
};
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess | null = null;
let output = '';

function start(): ChildProcess {
  // Its own process group, which kill() signals: nothing the server started outlives it.
  const p = spawn(...entryCommand('main'), { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  p.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  p.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return p;
}
function kill(p: ChildProcess) {
  try {
    process.kill(-p.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
}
async function ready() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start:\n${output.slice(-3000)}`);
}

afterAll(() => {
  if (server) kill(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it('loses no RSVP answered 2xx when the server is SIGKILLed mid-burst', async () => {
    const cli = (...args: string[]) => {
      try {
        return execFileSync(...entryCommand('cli', args), { env, encoding: 'utf8', stdio: 'pipe' }).trim();
      } catch (e) {
        throw new Error(String((e as { stderr?: string }).stderr), { cause: e });
      }
    };
    cli('admin', 'add', 'crash-admin@example.org', 'Crash Admin');
    const token = cli('token', 'create', 'crash-admin@example.org').split('\n').pop()!;
    server = start();
    await ready();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
    const created = await fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        title: 'Crash test',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 90_000_000).toISOString(),
        timeZone: 'America/Los_Angeles',
        capacity: 50,
        status: 'published',
      }),
    });
    expect(created.status).toBe(201);
    const { slug } = (await created.json()) as { slug: string };

    const acknowledged = new Map<string, string>();
    let sent = 0;
    const victim = server;
    const worker = async () => {
      for (;;) {
        const i = sent++;
        if (i >= 2000) return;
        try {
          const res = await fetch(`${base}/api/v1/events/${slug}/rsvps`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ name: `Crash ${i}`, email: `crash-${i}@example.org` }),
          });
          if (res.ok) acknowledged.set(`crash-${i}@example.org`, `crash-${i}@example.org`);
          if (acknowledged.size >= 80 && victim.exitCode === null) kill(victim);
        } catch {
          return; // the server is gone
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(acknowledged.size).toBeGreaterThanOrEqual(80);
    expect(sent).toBeLessThan(2000); // the burst was cut short by the kill, not finished
    await new Promise((r) => setTimeout(r, 500));
    expect(victim.signalCode).toBe('SIGKILL');

    server = start();
    await ready();
    const list = await fetch(`${base}/api/v1/events/${slug}/attendees?limit=500`, { headers: auth });
    const body = (await list.json()) as { attendees: { id: string; email: string }[]; total: number };
    const present = new Set(body.attendees.map((a) => a.email));
    const lost = [...acknowledged.keys()].filter((id) => !present.has(id));
    expect(lost).toEqual([]);
    const going = body.attendees.filter((a) => (a as unknown as { status: string }).status === 'going').length;
    expect(going).toBeLessThanOrEqual(50);
  }, 400_000);
});
