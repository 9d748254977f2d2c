import { loadConfig } from './config';
import { closeServices, openServices } from './services';
import { DataDirBusyError, lockDataDir } from './db/lock';
import { protectDataDir } from './db/data-dir';
import { backup, restore } from './db/backup';
import { runSeed } from './seed';
import { modules } from './modules';
import { createApiToken, listApiTokens, revokeApiToken } from './platform/auth/service';
import { ensurePerson, findPersonByEmail, grantRole } from './modules/people';
import { startWorker } from './platform/queue/worker';
import { shareCacheClears } from './platform/http/cache-sync';
import { invalidatePublicCache } from './platform/http/page-cache';
import type { CliContext } from './platform/module';

const HELP = `pathways — command-line tool

  migrate                     apply database migrations
  seed                        load the Los Angeles demo chapter
  admin add EMAIL [NAME]      make EMAIL an admin (creating the person if needed)
  token create EMAIL [LABEL] [--expires-days N]
                              print a new API bearer token for EMAIL (valid N days, or until revoked)
  token list EMAIL            list EMAIL's API tokens: id, label, created, last used, expiry, state
  token revoke ID             revoke an API token at once
  backup FILE                 write a portable backup (works across PGlite and PostgreSQL)
  restore FILE                replace all data with a backup
  worker                      run background work (sending, reminders, imports) without the web server
${modules
  .filter((m) => m.cli)
  .map((m) =>
    Object.keys(m.cli!)
      .map((c) => `  ${m.name} ${c}`)
      .join('\n'),
  )
  .join('\n')}
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  protectDataDir(config.DATA_DIR);
  let release = () => {};
  if (!config.DATABASE_URL) {
    try {
      release = lockDataDir(config.DATA_DIR);
    } catch (err) {
      if (err instanceof DataDirBusyError) {
        process.stderr.write(err.message + '\n');
        return 3;
      }
      throw err;
    }
  }
  const deps = await openServices({ ...config, LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
  const ctx: CliContext = {
    deps,
    args: rest,
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
  };
  // Servers on the same PostgreSQL forget their cached pages when a command (an import, the worker's
  // sends) changes what they show.
  const stopSharing = await shareCacheClears(deps.database, deps.logger);
  try {
    const code = await run(command, rest, ctx);
    if (code === 0) invalidatePublicCache();
    return code;
  } finally {
    await stopSharing();
    await closeServices(deps);
    release();
  }
}

async function run(command: string, rest: string[], ctx: CliContext): Promise<number> {
  const { deps, out, err } = ctx;
  switch (command) {
    case 'migrate':
      out('Migrations applied.');
      return 0;
    case 'seed':
      await runSeed(deps);
      out('Demo data loaded.');
      return 0;
    case 'admin': {
      const [sub, email, ...name] = rest;
      if (sub !== 'add' || !email) return usage(err, 'admin add EMAIL [NAME]');
      const { person } = await ensurePerson(deps.db, { email, fullName: name.join(' ') || email.split('@')[0], verified: true });
      await grantRole(deps.db, person.id, 'admin', null);
      out(`${person.email} is an admin.`);
      return 0;
    }
    case 'token':
      return tokenCommand(rest, ctx);
    case 'backup': {
      if (!rest[0]) return usage(err, 'backup FILE');
      const r = await backup(deps.database, rest[0]);
      out(`Backed up ${r.rows} rows from ${r.tables} tables to ${rest[0]}.`);
      return 0;
    }
    case 'restore': {
      if (!rest[0]) return usage(err, 'restore FILE');
      const r = await restore(deps.database, rest[0]);
      out(`Restored ${r.rows} rows into ${r.tables} tables from ${rest[0]}.`);
      return 0;
    }
    case 'worker': {
      const worker = startWorker(deps, modules);
      out('Worker running. Press Ctrl+C to stop.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await worker.stop();
      return 0;
    }
    default: {
      const m = modules.find((x) => x.name === command && x.cli);
      const sub = rest[0];
      if (m && sub && m.cli![sub]) return m.cli![sub]({ ...ctx, args: rest.slice(1) });
      err(`Unknown command: ${[command, ...rest.slice(0, 1)].join(' ')}\n`);
      process.stderr.write(HELP);
      return 2;
    }
  }
}

async function tokenCommand(rest: string[], { deps, out, err }: CliContext): Promise<number> {
  const [sub, ...args] = rest;
  if (sub === 'revoke') {
    if (!args[0]) return usage(err, 'token revoke ID');
    if (!(await revokeApiToken(deps.db, args[0]))) {
      err(`No API token with the id ${args[0]} (see: pathways token list EMAIL).`);
      return 1;
    }
    out(`Token ${args[0]} is revoked.`);
    return 0;
  }
  if (sub !== 'create' && sub !== 'list')
    return usage(err, 'token create EMAIL [LABEL] [--expires-days N] | token list EMAIL | token revoke ID');
  let expiresDays: number | undefined;
  const i = args.indexOf('--expires-days');
  if (i >= 0) {
    const n = Number(args[i + 1]);
    if (sub !== 'create' || !Number.isInteger(n) || n < 1 || n > 3650)
      return usage(err, 'token create EMAIL [LABEL] --expires-days N (N: 1 to 3650)');
    expiresDays = n;
    args.splice(i, 2);
  }
  const [email, label] = args;
  if (!email) return usage(err, sub === 'list' ? 'token list EMAIL' : 'token create EMAIL [LABEL] [--expires-days N]');
  const person = await findPersonByEmail(deps.db, email);
  if (!person) {
    err(`No person with the email ${email}. Create them first (for example: pathways admin add ${email}).`);
    return 1;
  }
  if (sub === 'create') {
    out(await createApiToken(deps.db, person.id, label ?? 'cli', { expiresDays }));
    return 0;
  }
  const tokens = await listApiTokens(deps.db, person.id);
  if (!tokens.length) out(`${person.email} has no API tokens.`);
  const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '-');
  const now = Date.now();
  for (const t of tokens) {
    const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt.getTime() <= now ? 'expired' : 'active';
    out(
      [t.id, t.label, `created ${when(t.createdAt)}`, `last used ${when(t.lastUsedAt)}`, `expires ${when(t.expiresAt)}`, state].join('\t'),
    );
  }
  return 0;
}

function usage(err: (l: string) => void, text: string) {
  err(`Usage: pathways ${text}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
