// The large-import benchmark (run by `cargo xtask bench` after the search benchmark): about 20 MB of real
// daily-arXiv JSON Lines from ../shared/data/realpapers, added through the explorer's "Add papers" panel on
// the built site in Chromium, as a user would. Prints how long until the papers are searchable, how busy the
// page's own thread was meanwhile (long tasks over 50 ms as Chromium reports them, and the longest gap
// between animation frames), and how long a reload takes to bring the import back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const site = process.env.PAPERSCOPE_URL; // the built site (dist/)
const realpapers = process.env.PAPERSCOPE_REALPAPERS || new URL('../../../shared/data/realpapers', import.meta.url).pathname;
const TARGET_BYTES = 20e6;

const dir = join(realpapers, 'daily-arXiv-ai-enhanced', 'data');
let files;
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
} catch {
  console.log(`\nimport benchmark skipped: ${dir} is missing`);
  process.exit(0);
}
const parts = [];
let bytes = 0;
for (const f of files) {
  if (bytes >= TARGET_BYTES) break;
  const text = readFileSync(join(dir, f));
  parts.push(text);
  bytes += text.length;
}
const jsonl = Buffer.concat(parts);
const lines = jsonl.toString('utf8').split('\n').filter((l) => l.trim()).length;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage();
page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
await page.goto(site);
await page.getByTestId('result-count').waitFor({ timeout: 60000 });
const count = async () => Number((await page.getByTestId('result-count').textContent()).match(/^(\d+)/)[1]);
const before = await count();

await page.getByTestId('import-open').click();
await page.getByTestId('import-file').setInputFiles({ name: 'daily-20mb.jsonl', mimeType: 'application/json', buffer: jsonl });
// Watch the page's thread from here on (handing Playwright's file to the page is not the page's work):
// Chromium's long tasks, and the gaps between animation frames.
await page.evaluate(() => {
  window.__busy = { long: [], gaps: [], gap: 0, running: true, t0: performance.now() };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__busy.long.push([Math.round(e.startTime - window.__busy.t0), e.duration]);
  }).observe({ type: 'longtask' });
  let last = performance.now();
  const frame = (t) => {
    if (t - last > 100) window.__busy.gaps.push([Math.round(last - window.__busy.t0), Math.round(t - last)]);
    window.__busy.gap = Math.max(window.__busy.gap, t - last);
    last = t;
    if (window.__busy.running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
});
const started = Date.now();
await page.getByTestId('import-submit').click();
const progress = new Set();
const poll = setInterval(async () => {
  const w = await page.getByTestId('import-working').textContent({ timeout: 50 }).catch(() => null);
  if (w) progress.add(w.replace(/\d+/g, 'N'));
}, 100);
await page.waitForFunction((n) => Number(document.querySelector('[data-testid=result-count]').textContent.match(/^(\d+)/)[1]) > n, before, { timeout: 300000 });
const importMs = Date.now() - started;
clearInterval(poll);
const busy = await page.evaluate(() => { window.__busy.running = false; return window.__busy; });
const after = await count();
await page.getByTestId('import-stored').waitFor({ timeout: 60000 });

// A reload brings the import back from the browser's storage.
const reloadStarted = Date.now();
await page.reload();
await page.waitForFunction((n) => document.querySelector('[data-testid=result-count]')?.textContent.startsWith(`${n} `), after, { timeout: 300000 });
const restoreMs = Date.now() - reloadStarted;
// Leave no import behind in this browser profile.
await page.getByTestId('import-open').click();
await page.getByTestId('import-remove').click();
await browser.close();

const f = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`\n### Importing ${(jsonl.length / 1e6).toFixed(1)} MB of JSON Lines (${lines} records from ${parts.length} daily-arXiv files) into ${before} papers\n`);
console.log('| until searchable | papers after | long tasks (> 50 ms) | longest task | longest frame gap | reload until restored |');
console.log('|---:|---:|---:|---:|---:|---:|');
const durations = busy.long.map(([, d]) => d);
const longest = durations.length ? Math.max(...durations) : 0;
console.log(`| ${f(importMs)} | ${after} | ${durations.length} (${f(durations.reduce((a, b) => a + b, 0))} in all) | ${longest.toFixed(0)} ms | ${busy.gap.toFixed(0)} ms | ${f(restoreMs)} |`);
const at = (xs) => xs.map(([t, d]) => `${d.toFixed(0)} ms at ${(t / 1000).toFixed(2)} s`).join(', ') || 'none';
console.log(`\nlong tasks: ${at(busy.long)}\nframe gaps over 100 ms: ${at(busy.gaps)}`);
console.log(`\nprogress shown: ${[...progress].join(' / ') || '(none seen)'}`);
