import type { AddressInfo } from 'node:net';
import { loadConfig } from './config';
import { createApp } from './app';
import { createHttpServer } from './server';
import { closeServices, openServices } from './services';
import { DataDirBusyError, lockDataDir } from './db/lock';
import { protectDataDir } from './db/data-dir';
import { seedIfEmpty } from './seed';
import { startWorker } from './platform/queue/worker';
import { modules } from './modules';
import { shareCacheClears } from './platform/http/cache-sync';

const config = loadConfig();
protectDataDir(config.DATA_DIR);
const release = config.DATABASE_URL ? () => {} : lockOrExplain(config.DATA_DIR);
const deps = await openServices(config);
if (config.SEED === 'demo' && (await seedIfEmpty(deps))) deps.logger.info('loaded the Los Angeles demo chapter');
const stopSharing = await shareCacheClears(deps.database, deps.logger);
const app = createApp(deps);
const worker = config.WORKER ? startWorker(deps, modules) : null;

/** A second `npm start` on the same folder is a common slip: say what to do, not a stack trace. */
function lockOrExplain(dataDir: string): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (err) {
    if (!(err instanceof DataDirBusyError)) throw err;
    process.stderr.write(err.message + '\n');
    process.exit(3);
  }
}

const server = createHttpServer(app, deps);
server.listen(config.PORT, config.HOST, () => {
  const { port } = server.address() as AddressInfo;
  deps.logger.info({ port, database: deps.database.kind, mail: deps.mailer.kind }, `Pathways is running on ${config.baseUrl}`);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EADDRINUSE') throw err;
  process.stderr.write(
    `Port ${config.PORT} is already in use, probably by another Pathways server. Stop it, or start this one with PORT=<another port>.\n`,
  );
  release();
  process.exit(3);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  deps.logger.info({ signal }, 'stopping');
  server.close();
  await worker?.stop();
  await stopSharing();
  await closeServices(deps);
  release();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
