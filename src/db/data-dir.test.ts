import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { burst, runCli, startServer, type Server } from '../../test/sweeps/server';

const temp: string[] = [];
const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.kill('SIGKILL');
  for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
});

function tempParent(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-perms-'));
  temp.push(d);
  return d;
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Every file and folder under `dir` whose rights let another user read or write it. */
function openToOthers(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = path.join(entry.parentPath, entry.name);
    if (!entry.isSymbolicLink() && mode(p) & 0o077) out.push(`${p} ${mode(p).toString(8)}`);
  }
  return out;
}

async function waitFor<T>(f: () => T | undefined, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('data folder permissions', () => {
  it('the server makes the data folder, the database files, the lock and the outbox private', async () => {
    // An existing folder with loose rights (made by hand or by an older version) is tightened too.
    const dataDir = path.join(tempParent(), 'data');
    fs.mkdirSync(dataDir, { mode: 0o777 });
    fs.chmodSync(dataDir, 0o777);
    const server = await startServer({ DATA_DIR: dataDir });
    servers.push(server);
    const sent = await burst(server, [`perms-${Date.now()}@example.org`], { concurrency: 1 });
    expect(sent.acknowledged).toHaveLength(1);
    const outboxDir = path.join(dataDir, 'outbox');
    const eml = await waitFor(() => (fs.existsSync(outboxDir) ? fs.readdirSync(outboxDir).find((f) => f.endsWith('.eml')) : undefined));

    expect(mode(dataDir).toString(8)).toBe('700');
    expect(mode(path.join(dataDir, 'pathways.pid')).toString(8)).toBe('600');
    expect(mode(outboxDir).toString(8)).toBe('700');
    expect(mode(path.join(outboxDir, eml)).toString(8)).toBe('600');
    const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(10);
    expect(openToOthers(dataDir)).toEqual([]);
    await server.stop();
  }, 120_000);

  it('the command line does the same', async () => {
    const dataDir = path.join(tempParent(), 'data');
    const { code } = await runCli(['migrate'], { DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(code).toBe(0);
    expect(mode(dataDir).toString(8)).toBe('700');
    expect(openToOthers(dataDir)).toEqual([]);
  }, 120_000);
});
