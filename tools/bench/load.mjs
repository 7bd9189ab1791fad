// Opening a hosted corpus over a real-world network (issue 14), as a person on hotel Wi-Fi would: Chromium
// with the DevTools protocol's network emulation (50 Mbit/s down, 40 ms added to every request), against a
// local static host that behaves like GitHub Pages (tools/host.mjs: text types gzipped, binary files as
// they are, `Cache-Control: max-age=600` and an ETag).
//
// For each site (PAPERSCOPE_LOAD_SITES="label=dir,..."; `cargo xtask bench` passes the 100,000-paper site
// whole and in parts): time from navigation to the first results shown, to the whole corpus being
// searchable, bytes transferred (compressed) and the largest file; then a second visit (a new tab, same
// browser: its HTTP cache, service worker and the data the page kept) and a reload with the host switched
// off. The emulation applies to the page's own requests, not to the service worker's (which on a second
// visit asks the host only for the page, about 2 KB). The first visit's engine heap is what the page's
// console says once the whole corpus is open: the bytes its papers and index hold (counted by the page's
// allocator), and that over the bytes of corpus JSON read.
import { chromium } from 'playwright-core';
import { host, keptOnDevice } from '../host.mjs';

const sites = (process.env.PAPERSCOPE_LOAD_SITES || '').split(',').filter(Boolean).map((s) => s.split('='));
const DOWN_MBIT = Number(process.env.PAPERSCOPE_LOAD_MBIT || 50);
const LATENCY_MS = Number(process.env.PAPERSCOPE_LOAD_LATENCY || 40);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;
const s = (ms) => (ms == null ? '–' : `${(ms / 1000).toFixed(2)} s`);

console.log(`\n### Opening the site at ${DOWN_MBIT} Mbit/s, ${LATENCY_MS} ms per request (Chromium network emulation; host compresses text types)\n`);
console.log('| site | first results | complete | transferred | largest file | second visit: first results / complete | second visit transferred | offline reload: first results / complete | engine heap (x the corpus JSON) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|---:|');
// What the page said once each visit had the whole corpus open (printed under the table).
const ready = [];
for (const [label, dir] of sites) {
  const server = await host(dir);
  server.precompress();
  const url = server.url;
  const context = await browser.newContext();
  const visit = async (offline = false) => {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline, latency: LATENCY_MS, downloadThroughput: (DOWN_MBIT * 1e6) / 8, uploadThroughput: (10 * 1e6) / 8,
    });
    const sizes = new Map();
    const pending = new Set();
    const urls = new Map();
    const workers = new Set();
    page.on('worker', (w) => workers.add(w.url()));
    cdp.on('Network.requestWillBeSent', (e) => { pending.add(e.requestId); urls.set(e.requestId, e.request.url); });
    cdp.on('Network.loadingFailed', (e) => pending.delete(e.requestId));
    cdp.on('Network.loadingFinished', (e) => { pending.delete(e.requestId); sizes.set(e.requestId, e.encodedDataLength); });
    let heap = '–';
    page.on('console', (m) => {
      const said = m.text().match(/engine heap ([\d.]+ MB) \(([\d.]+x)/);
      if (said) {
        heap = `${said[1]} (${said[2]})`;
        ready.push(m.text());
      }
    });
    const started = Date.now();
    let first = null;
    let complete = null;
    try {
      await page.goto(url, { timeout: 120000 });
      await page.getByTestId('result-count').waitFor({ timeout: 300000 });
      first = Date.now() - started;
      // Complete: nothing marks the results as partial (the page shows `loading-partial` while parts arrive).
      await page.waitForFunction(() => !document.querySelector('[data-testid=loading-partial]'), null, { timeout: 300000 });
      complete = Date.now() - started;
      // Then what the page fetches after (the map): counted in the bytes, not in the times.
      // (A worker's own script is asked for by the page but finishes in the worker: not waited for.)
      for (let quiet = 0; quiet < 5 && Date.now() - started < 600000;) {
        await page.waitForTimeout(100);
        quiet = [...pending].every((id) => workers.has(urls.get(id))) ? quiet + 1 : 0;
      }
      // As a person's next visit comes later: the app and the data are kept on this device by then.
      await keptOnDevice(page).catch(() => {});
    } catch {
      // Not shown (offline with nothing kept): reported as such.
    }
    const transferred = [...sizes.values()].reduce((a, b) => a + b, 0);
    const largest = Math.max(0, ...sizes.values());
    await page.close();
    return { first, complete, transferred, largest, heap };
  };
  const one = await visit();
  const two = await visit();
  // Offline: the host switched off (the page's own network emulation does not reach the service worker).
  await server.close();
  const off = await visit(true);
  console.log(`| ${label} | ${s(one.first)} | ${s(one.complete)} | ${mb(one.transferred)} | ${mb(one.largest)} | ${s(two.first)} / ${s(two.complete)} | ${mb(two.transferred)} | ${off.first == null ? 'fails' : `works, ${s(off.first)} / ${s(off.complete)}`} | ${one.heap} |`);
  await context.close();
}
console.log();
ready.forEach((line) => console.log(`    ${line}`));
await browser.close();
