/**
 * How long `npm start` takes until the home page answers, as a newcomer and an operator meet it:
 * - a restart: sources already built, the data folder already made (target ≤ 3 s);
 * - a first start: sources built, an empty data folder (migrations and the demo chapter; target ≤ 10 s
 *   together with a full build, which is measured on its own with `npm run build -- --force`).
 * The baseline is a bare node:http server started the same way (a node process that listens), measured
 * in the same run: what any Node server costs before it does anything of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { figure, isMain, round, runAlone, type BenchOptions, type BenchResult, type Figure } from '../lib';

/** The embedded database is what a newcomer starts on: run once, on PGlite. */
export const usesDatabase = false;

const TARGET = { restartSeconds: 3, firstStartSeconds: 10 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', headers: { accept: 'text/html' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.setTimeout(5000, () => req.destroy());
  });
}

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', () => resolve());
    // npm runs the server as its child: signal the whole group.
    process.kill(-proc.pid!, 'SIGTERM');
  });
}

/** Seconds from spawning the command until GET / answers 200. */
async function timeToFirstAnswer(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(command, args, { env: { ...process.env, ...env, PORT: String(port) }, detached: true, stdio: 'ignore' });
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${proc.exitCode} before answering`);
      if (await answers(port)) return (performance.now() - started) / 1000;
      if (performance.now() - started > 120_000) throw new Error(`${command} ${args.join(' ')} did not answer within 120 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    await stop(proc);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const rounds = opts.quick ? 1 : 3;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-start-'));
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    const buildStarted = performance.now();
    await new Promise<void>((resolve, reject) =>
      spawn('npm', ['run', 'build', '--', '--force'], { stdio: 'ignore' }).once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`npm run build exited with ${code}`)),
      ),
    );
    const buildSeconds = (performance.now() - buildStarted) / 1000;
    const bare = ['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')"];
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const bareTimes: number[] = [];
    const firstStart = await timeToFirstAnswer('npm', ['start'], env);
    const restarts: number[] = [];
    for (let i = 0; i < rounds; i++) {
      bareTimes.push(await timeToFirstAnswer(process.execPath, bare, {}));
      restarts.push(await timeToFirstAnswer('npm', ['start'], env));
    }
    const baseline = { name: 'bare node:http process until it answers', value: median(bareTimes) };
    figures.push(figure('restart: npm start until the home page answers (built, data folder made)', median(restarts), 's', baseline));
    figures.push(figure('first start: npm start on an empty data folder (migrations, demo data)', firstStart, 's', baseline));
    figures.push(figure('full build: npm run build -- --force (CSS, scripts, server)', buildSeconds, 's'));
    const afterInstall = firstStart + buildSeconds;
    if (median(restarts) > TARGET.restartSeconds)
      notes.push(`restart ${round(median(restarts))} s is over the ${TARGET.restartSeconds} s target`);
    if (afterInstall > TARGET.firstStartSeconds)
      notes.push(
        `first start after install (build + first start) ${round(afterInstall)} s is over the ${TARGET.firstStartSeconds} s target`,
      );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { name: 'start', figures, notes };
}

if (isMain(import.meta.url)) await runAlone(run);
