import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser as PwBrowser, type BrowserContext } from 'playwright-core';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { closeServices, openServices } from '../../src/services';
import { runSeed } from '../../src/seed';
import type { Deps } from '../../src/platform/http/context';
import { createSession } from '../../src/platform/auth/service';
import { ensurePerson, grantRole } from '../../src/modules/people/service';
import type { Role } from '../../src/modules/people/schema';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The real app with the demo chapter, on a loopback port, and Debian's Chromium to drive it. */
export interface E2E {
  baseUrl: string;
  deps: Deps;
  browser: PwBrowser;
  /** A browser context signed in as a (new) person with the given role. */
  signedIn(email: string, role?: Role, scope?: string): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  if (!fs.existsSync(CHROMIUM)) {
    // Browser tests must never pass by not running: CI installs chromium first (.ci/run).
    throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's chromium package (apt-get install chromium).`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-e2e-'));
  const config = loadConfig({ ...process.env, BASE_URL: undefined, NODE_ENV: 'development', DATA_DIR: dataDir, DATABASE_URL: undefined, LOG_LEVEL: 'warn', RATE_LIMITS: 'off', SEED: 'demo' });
  const deps = await openServices(config);
  await runSeed(deps);
  const app = createApp(deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  deps.config.baseUrl = baseUrl;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    baseUrl,
    deps,
    browser,
    async signedIn(email, role, scope) {
      const { person } = await ensurePerson(deps.db, { email, fullName: email.split('@')[0], verified: true });
      if (role) await grantRole(deps.db, person.id, role, scope ?? null);
      const token = await createSession(deps.db, person.id, 'e2e');
      // Only the accessibility audit uses this context; it injects axe-core inline, which the CSP refuses.
      const context = await browser.newContext({ bypassCSP: true });
      await context.addCookies([{ name: 'pw_session', value: token, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      return context;
    },
    async close() {
      await browser.close();
      server.close();
      await closeServices(deps);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
