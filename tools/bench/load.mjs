// Opening a hosted corpus over a real-world network (issue 14), as a person on hotel Wi-Fi would: Chromium
// with the DevTools protocol's network emulation (50 Mbit/s down, 40 ms added to every request), against a
// local static server that behaves like GitHub Pages: it compresses text types (HTML, CSS, JavaScript,
// JSON, SVG, WebAssembly) with gzip and sends unknown binary files (`.index`, `.map`) as they are, with
// `Cache-Control: max-age=600` and an ETag.
//
// For each site (PAPERSCOPE_LOAD_SITES="label=dir,..."; `cargo xtask bench` passes the 100,000-paper site
// whole and in parts): time from navigation to the first results shown, to the whole corpus being
// searchable, bytes transferred (compressed) and the largest file; then a second visit (a new tab, same
// browser: the HTTP cache) and a reload with the network off.
import http from 'node:http';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const sites = (process.env.PAPERSCOPE_LOAD_SITES || '').split(',').filter(Boolean).map((s) => s.split('='));
const DOWN_MBIT = Number(process.env.PAPERSCOPE_LOAD_MBIT || 50);
const LATENCY_MS = Number(process.env.PAPERSCOPE_LOAD_LATENCY || 40);
const TYPES = {
  '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json',
};
const compressed = new Map();

/// Serves `root` like a common static host.
function host(root) {
  return http.createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found'); return; }
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const type = TYPES[extname(file)];
    const headers = { 'Content-Type': type || 'application/octet-stream', 'Cache-Control': 'max-age=600', ETag: etag };
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers); res.end(); return; }
    if (type && /gzip/.test(req.headers['accept-encoding'] || '')) {
      if (!compressed.has(file)) compressed.set(file, gzipSync(readFileSync(file), { level: 6 }));
      const body = compressed.get(file);
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length, Vary: 'Accept-Encoding' });
      res.end(body);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': stat.size });
    createReadStream(file).pipe(res);
  });
}

/// Fills the compression cache for every file a host would compress.
function precompress(dir) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) precompress(file);
    else if (TYPES[extname(file)]) compressed.set(file, gzipSync(readFileSync(file), { level: 6 }));
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;
const s = (ms) => (ms == null ? '–' : `${(ms / 1000).toFixed(2)} s`);

console.log(`\n### Opening the site at ${DOWN_MBIT} Mbit/s, ${LATENCY_MS} ms per request (Chromium network emulation; host compresses text types)\n`);
console.log('| site | first results | complete | transferred | largest file | second visit ready | second visit transferred | offline reload |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const [label, dir] of sites) {
  // Compress once before timing, as a host serves from its own cache.
  precompress(dir);
  const server = host(dir);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
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
    cdp.on('Network.requestWillBeSent', (e) => pending.add(e.requestId));
    cdp.on('Network.loadingFailed', (e) => pending.delete(e.requestId));
    cdp.on('Network.loadingFinished', (e) => { pending.delete(e.requestId); sizes.set(e.requestId, e.encodedDataLength); });
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
      for (let quiet = 0; quiet < 5 && Date.now() - started < 600000;) {
        await page.waitForTimeout(100);
        quiet = pending.size === 0 ? quiet + 1 : 0;
      }
    } catch {
      // Not shown (offline without a service worker): reported as such.
    }
    const transferred = [...sizes.values()].reduce((a, b) => a + b, 0);
    const largest = Math.max(0, ...sizes.values());
    await page.close();
    return { first, complete, transferred, largest };
  };
  const one = await visit();
  const two = await visit();
  const off = await visit(true);
  console.log(`| ${label} | ${s(one.first)} | ${s(one.complete)} | ${mb(one.transferred)} | ${mb(one.largest)} | ${s(two.complete)} | ${mb(two.transferred)} | ${off.first == null ? 'fails (no service worker)' : `works, ${s(off.complete)}`} |`);
  await context.close();
  server.close();
}
await browser.close();
