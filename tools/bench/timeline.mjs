// Where a first visit's time goes (issue 14): one visit to a built site over the same emulated network as
// load.mjs (50 Mbit/s down, 40 ms a request; PAPERSCOPE_LOAD_MBIT / PAPERSCOPE_LOAD_LATENCY), printing, in
// milliseconds from navigation, when each of the site's data files was asked for and fully arrived (its
// bytes on the wire), what the page says on its console (the engine's "ready" line), and when the first
// results and the complete corpus were shown. The gap between the last file arriving and "complete" is the
// work the page had left once the network was done.
//
//   node tools/bench/timeline.mjs target/bench/sites-parts/NAME   (a site as `cargo xtask bench load` makes it)
import { chromium } from 'playwright-core';
import { host } from '../host.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/bench/timeline.mjs SITE_DIR');
  process.exit(2);
}
const DOWN_MBIT = Number(process.env.PAPERSCOPE_LOAD_MBIT || 50);
const LATENCY_MS = Number(process.env.PAPERSCOPE_LOAD_LATENCY || 40);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const server = await host(dir);
server.precompress();
const page = await (await browser.newContext()).newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', {
  offline: false, latency: LATENCY_MS, downloadThroughput: (DOWN_MBIT * 1e6) / 8, uploadThroughput: (10 * 1e6) / 8,
});
const started = Date.now();
const events = [];
const at = (what) => events.push([Date.now() - started, what]);
const names = new Map();
const data = (url) => url.includes('/data/');
cdp.on('Network.requestWillBeSent', (e) => {
  if (!data(e.request.url)) return;
  names.set(e.requestId, e.request.url.replace(/.*\/data\//, '').replace(/\?.*/, ''));
  at(`asked   ${names.get(e.requestId)}`);
});
cdp.on('Network.loadingFinished', (e) => {
  if (names.has(e.requestId)) at(`arrived ${names.get(e.requestId)} (${(e.encodedDataLength / 1048576).toFixed(1)} MiB)`);
});
page.on('console', (m) => at(`console ${m.text().slice(0, 200)}`));
await page.goto(server.url);
await page.getByTestId('result-count').waitFor({ timeout: 300000 });
at('FIRST RESULTS shown');
await page.waitForFunction(() => !document.querySelector('[data-testid=loading-partial]'), null, { timeout: 300000 });
at('COMPLETE (no partial marker)');
const arrivals = events.filter(([, what]) => what.startsWith('arrived')).map(([t]) => t);
const complete = events.find(([, what]) => what.startsWith('COMPLETE'))[0];
events.sort((a, b) => a[0] - b[0]).forEach(([t, what]) => console.log(`${String(t).padStart(7)} ms  ${what}`));
console.log(`\nlast data file arrived at ${Math.max(...arrivals)} ms; complete ${complete - Math.max(...arrivals)} ms later`);
await browser.close();
await server.close();
