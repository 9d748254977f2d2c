import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { chromium, type Browser as PwBrowser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { createApp } from '../../src/app';
import { createHttpServer } from '../../src/server';
import { loadConfig } from '../../src/config';
import { closeServices, openServices } from '../../src/services';
import { runSeed } from '../../src/seed';
import type { Deps } from '../../src/platform/http/context';
import { createSession } from '../../src/platform/auth/service';
import { ensurePerson, grantRole, type Role } from '../../src/modules/people';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The real app with the demo chapter, on a loopback port, and Debian's Chromium to drive it. */
export interface E2E {
  baseUrl: string;
  deps: Deps;
  browser: PwBrowser;
  /** A browser context signed in as the person with this email (created if new), granted the role if given. */
  signedIn(email: string, role?: Role, scope?: string, options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Opens the app's page at `path` (expecting 200) and returns its WCAG 2.2 AA violations, one line each. */
  violations(page: Page, path: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  if (!fs.existsSync(CHROMIUM)) {
    // Browser tests must never pass by not running: CI installs chromium first (.ci/run).
    throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's chromium package (apt-get install chromium).`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-e2e-'));
  const config = loadConfig({
    ...process.env,
    BASE_URL: undefined,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    LOG_LEVEL: 'warn',
    RATE_LIMITS: 'off',
    SEED: 'demo',
  });
  const deps = await openServices(config);
  await runSeed(deps);
  const app = createApp(deps);
  // The server as `npm start` runs it, cached pages sent before the framework included.
  const server: Server = await new Promise((resolve) => {
    const s = createHttpServer(app, deps).listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  deps.config.baseUrl = baseUrl;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    baseUrl,
    deps,
    browser,
    async signedIn(email, role, scope, options) {
      const { person } = await ensurePerson(deps.db, { email, fullName: email.split('@')[0], verified: true });
      if (role) await grantRole(deps.db, person.id, role, scope ?? null);
      const token = await createSession(deps.db, person.id, 'e2e');
      const context = await browser.newContext(options);
      await context.addCookies([{ name: 'pw_session', value: token, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      return context;
    },
    async violations(page, path) {
      const res = await page.goto(baseUrl + path);
      if (res?.status() !== 200) throw new Error(`${path} answered ${res?.status()}, not 200`);
      const result = await runAxe(page, WCAG_22_AA);
      // A page always passes some rules (lang, title, landmarks): fewer means axe did not really run.
      return result.passes < 10 ? ['axe did not run'] : violationLines(result);
    },
    async close() {
      await browser.close();
      server.close();
      await closeServices(deps);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The axe-core rule tags of WCAG 2.2 level AA. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeResult {
  passes: number;
  violations: { id: string; impact: string | null; help: string; targets: string[] }[];
}

/** Runs axe-core on the page as it is now: only the rules with these tags, or axe's defaults without. */
export async function runAxe(page: Page, tags?: string[]): Promise<AxeResult> {
  // Evaluated through the browser's debugging protocol, which the page's Content-Security-Policy does
  // not govern: axe checks the page exactly as visitors get it, policy included.
  await page.evaluate(`${axeSource}\n;void 0`);
  return page.evaluate(async (values) => {
    type Run = { passes: unknown[]; violations: { id: string; impact?: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Run> } }).axe;
    const r = await axe.run(document, values ? { runOnly: { type: 'tag', values } } : {});
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      })),
    };
  }, tags ?? null);
}

/** One line per violation, the rule and where: readable in a failed `toEqual([])`. */
export function violationLines(result: AxeResult): string[] {
  return result.violations.map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

/**
 * Stands in for the phone camera on pages with the QR scanner: BarcodeDetector reads `code` from a
 * canvas stream, or, with `refuse`, the camera permission is denied. Call it before opening the page.
 */
export async function fakeCamera(page: Page, camera: { code: string } | { refuse: true }): Promise<void> {
  await page.addInitScript((c) => {
    const w = window as unknown as { BarcodeDetector: unknown };
    w.BarcodeDetector = class {
      async detect() {
        return 'code' in c ? [{ rawValue: c.code }] : [];
      }
    };
    navigator.mediaDevices.getUserMedia = async () => {
      if ('refuse' in c) throw new DOMException('Permission denied', 'NotAllowedError');
      // A canvas stream only starts (and the video plays) once something is drawn on it.
      const canvas = document.createElement('canvas');
      const draw = () => {
        canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
        requestAnimationFrame(draw);
      };
      draw();
      return canvas.captureStream(10);
    };
  }, camera);
}
