import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryCommand } from '../test/entry';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}, entry: 'cli' | 'main' = 'cli') {
  const r = spawnSync(...entryCommand(entry, args), {
    encoding: 'utf8',
    env: {
      ...process.env,
      BASE_URL: 'http://localhost:3000',
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      SEED: 'none',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('pathways command line', () => {
  it('prints help listing every command', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['migrate', 'seed', 'admin add EMAIL', 'token create EMAIL', 'backup FILE', 'restore FILE', 'worker'])
      expect(r.out).toContain(c);
  });

  it('migrates, makes an admin, prints a working token, backs up and restores on the embedded database', () => {
    const migrated = cli(['migrate']);
    expect(migrated.err).toBe('');
    expect(migrated.code).toBe(0);
    const admin = cli(['admin', 'add', 'Ana.Núñez@Example.org', 'Ana', 'Núñez']);
    expect(admin.code).toBe(0);
    expect(admin.out).toContain('is an admin');
    const token = cli(['token', 'create', 'ana.núñez@example.org']);
    expect(token.code).toBe(0);
    expect(token.out.trim()).toMatch(/^pw_[A-Za-z0-9_-]{40,}$/);
    const unknown = cli(['token', 'create', 'nobody@example.org']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No person with the email');
    const file = path.join(dataDir, 'b.backup');
    expect(cli(['backup', file]).code).toBe(0);
    const restored = cli(['restore', file]);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/Restored \d+ rows/);
    const search = cli(['people', 'search', 'nunez']);
    expect(search.out).toContain('Ana Núñez');
    // Seven command-line starts: allow for a busy machine.
  }, 300_000);

  it('refuses to touch an embedded database another live process holds, saying so', () => {
    // This test process stands in for the running server.
    fs.writeFileSync(path.join(dataDir, 'pathways.pid'), String(process.pid));
    try {
      const r = cli(['backup', path.join(dataDir, 'x.backup')]);
      expect(r.code).toBe(3);
      expect(r.err).toContain('in use by another Pathways process');
      expect(fs.existsSync(path.join(dataDir, 'x.backup'))).toBe(false);
    } finally {
      fs.rmSync(path.join(dataDir, 'pathways.pid'), { force: true });
    }
  });

  it('a second server on the same data folder explains itself in one message, without a stack trace', () => {
    fs.writeFileSync(path.join(dataDir, 'pathways.pid'), String(process.pid));
    try {
      const r = cli([], { PORT: '0' }, 'main');
      expect(r.code).toBe(3);
      expect(r.err).toContain('in use by another Pathways process');
      expect(r.err).not.toMatch(/^\s+at /m);
    } finally {
      fs.rmSync(path.join(dataDir, 'pathways.pid'), { force: true });
    }
  });

  it('takes over a stale lock left by a process that died', () => {
    fs.writeFileSync(path.join(dataDir, 'pathways.pid'), '999999');
    expect(cli(['migrate']).code).toBe(0);
  });

  it('explains unknown commands and missing arguments', () => {
    expect(cli(['frobnicate']).code).toBe(2);
    const r = cli(['admin', 'add']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: pathways admin add EMAIL');
  });
});
