/**
 * Page weight, measured by loading each page in Chromium: bytes transferred (everything, compressed,
 * headers included), number of requests, JavaScript bytes, and what blocks rendering, for the home
 * page, an event page, the events list, the jobs search and a job page, in English and Spanish.
 * Budgets: under 50 KB transferred, under 10 KB of JavaScript, nothing render-blocking but one CSS
 * file. Then Lighthouse (same Chromium) scores the same pages. Pages are found by crawling the seeded
 * demo site from its home page; those whose module does not exist yet are skipped and said so.
 */
import { chromium } from 'playwright-core';
import { figure, isMain, round, runAlone, type BenchOptions, type BenchResult, type Figure } from '../lib';
import { candidatePages, startApp } from '../server';

/** The page weight does not depend on the database: run once. */
export const usesDatabase = false;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const BUDGET = { transferredKb: 50, jsKb: 10, blocking: 1 };

interface Weight {
  transferred: number;
  requests: number;
  js: number;
  blocking: string[];
}

async function weigh(url: string, browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<Weight> {
  // A fresh context: an empty cache, as a first visit.
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.goto(url, { waitUntil: 'load' });
  if (!res || res.status() !== 200) throw new Error(`${url} answered ${res?.status()}`);
  await page.waitForLoadState('networkidle');
  const w = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as (PerformanceResourceTiming & { renderBlockingStatus?: string })[];
    return {
      transferred: nav.transferSize + resources.reduce((a, r) => a + r.transferSize, 0),
      requests: 1 + resources.length,
      js: resources.filter((r) => r.initiatorType === 'script' || /\.m?js(\?|$)/.test(r.name)).reduce((a, r) => a + r.transferSize, 0),
      blocking: resources.filter((r) => r.renderBlockingStatus === 'blocking').map((r) => new URL(r.name).pathname),
    };
  });
  await context.close();
  return w;
}

async function lighthouseScores(url: string, port: number) {
  const { default: lighthouse } = await import('lighthouse');
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
  });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const cats = result.lhr.categories;
  const score = (k: string) => Math.round((cats[k]?.score ?? 0) * 100);
  const failing = (cat: string) =>
    Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && cats[cat]?.auditRefs.some((r) => r.id === a.id && r.weight > 0))
      .map((a) => a.id);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    failedA11y: failing('accessibility'),
    failedBestPractices: failing('best-practices'),
  };
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const app = await startApp({ databaseUrl: opts.databaseUrl });
  const figures: Figure[] = [];
  const notes: string[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const found = await candidatePages(app.url);
    const pages: [string, string | null][] = [
      ['home', found.home],
      ['event page', found.eventPage],
      ['events list', found.eventsList],
      ['jobs search', found.jobsSearch],
      ['job page', found.jobPage],
    ];
    const measured: { label: string; url: string }[] = [];
    for (const [label, path] of pages) {
      if (!path) {
        notes.push(`${label}: skipped, no such page is linked from the home page yet`);
        console.log(`page-weight: ${label} skipped (no such page yet)`);
        continue;
      }
      for (const lang of ['en', 'es'] as const) {
        const p = lang === 'en' ? path : `/es${path === '/' ? '/' : path}`;
        const w = await weigh(app.url + p, browser);
        const name = `${label} (${lang}, ${p})`;
        const kb = (n: number) => round(n / 1024, 1);
        figures.push(figure(`${name} transferred`, kb(w.transferred), 'KB', { name: 'budget', value: BUDGET.transferredKb }));
        figures.push(figure(`${name} requests`, w.requests, 'requests'));
        figures.push(figure(`${name} JavaScript`, kb(w.js), 'KB', { name: 'budget', value: BUDGET.jsKb }));
        const blockingOk = w.blocking.length <= BUDGET.blocking && w.blocking.every((b) => /\.css$/.test(b));
        const pass = w.transferred < BUDGET.transferredKb * 1024 && w.js < BUDGET.jsKb * 1024 && blockingOk;
        figures.push(
          figure(`${name} render-blocking`, w.blocking.length, 'files', { name: 'budget (one CSS file)', value: BUDGET.blocking }),
        );
        notes.push(
          `${name}: ${pass ? 'PASS' : 'FAIL'} — ${kb(w.transferred)} KB in ${w.requests} requests, ${kb(w.js)} KB JS, render-blocking: ${w.blocking.join(', ') || 'none'}`,
        );
        measured.push({ label: name, url: app.url + p });
      }
    }

    // Lighthouse drives its own Chromium (same binary, same flags) through the debugging port.
    const { launch } = await import('chrome-launcher');
    const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
    try {
      const scored = opts.quick ? measured.slice(0, 1) : measured;
      if (opts.quick) notes.push('quick run: Lighthouse on the English home page only');
      for (const m of scored) {
        const s = await lighthouseScores(m.url, chrome.port);
        figures.push(figure(`${m.label} Lighthouse performance`, s.performance, 'score'));
        figures.push(figure(`${m.label} Lighthouse accessibility`, s.accessibility, 'score', { name: 'required', value: 100 }));
        figures.push(figure(`${m.label} Lighthouse best practices`, s.bestPractices, 'score'));
        figures.push(figure(`${m.label} Lighthouse SEO`, s.seo, 'score'));
        if (s.bestPractices < 100)
          notes.push(`${m.label}: best practices ${s.bestPractices} (failing audits: ${s.failedBestPractices.join(', ')})`);
        if (s.accessibility < 100)
          notes.push(`${m.label}: accessibility ${s.accessibility} < 100 (failing audits: ${s.failedA11y.join(', ')})`);
      }
    } finally {
      await chrome.kill();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  const failures = notes.filter((n) => / FAIL |accessibility \d+ < 100/.test(n));
  if (failures.length) notes.push(`${failures.length} page(s) over budget or below accessibility 100`);
  return { name: 'page-weight', figures, notes };
}

if (isMain(import.meta.url)) await runAlone(run);
