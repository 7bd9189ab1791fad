// Offline and on return (issue 14): after one visit the app (kept by the service worker, public/sw.js) and
// the site's data (kept by the page against its manifest, src/kept.rs) open with the host switched off; a
// second visit asks the host for the manifest only; a rebuilt site is noticed and offered, never mixed in.
// These tests run their own static host (tools/host.mjs), which they can change and switch off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, cliSearch, complete, countIs, dataFile, launch, servedCorpus, shownCount, shownIds } from './helpers.mjs';
import { host, keptOnDevice } from '../host.mjs';

let browser;
let scratch;
before(async () => {
  browser = await launch();
  scratch = mkdtempSync(join(tmpdir(), 'paperscope-offline-'));
});
after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/// Opens `url` in a new tab of `context` and waits for the results.
async function visit(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  await page.getByTestId('result-count').waitFor({ timeout: 20000 });
  return { page, problems };
}

const dataRequests = (site, from) => site.requests.slice(from).filter((r) => r.path.startsWith('/data/')).map((r) => r.path);

test('after one visit the app and its data open and search with the host switched off', async () => {
  const site = await host(DIST);
  const context = await browser.newContext();
  const papers = servedCorpus().papers.length;
  const first = await visit(context, site.url);
  assert.equal(await shownCount(first.page), papers);
  await keptOnDevice(first.page);
  assert.deepEqual(first.problems, []);

  // A second visit with the host up: the app from this device, the data too; only the manifest is asked for.
  const asked = site.requests.length;
  const second = await visit(context, `${site.url}?q=regret`);
  assert.deepEqual(dataRequests(site, asked), ['/data/corpus.parts.json']);
  assert.equal(await shownCount(second.page), cliSearch('regret', ['--prefix']).total);
  assert.equal(await second.page.getByTestId('offline').count(), 0);

  // A host that does not answer (hotel Wi-Fi): after a few seconds the page opens from this device.
  const hanging = await context.newPage();
  await hanging.route(dataFile('corpus.parts.json'), () => new Promise(() => {}));
  const started = Date.now();
  await hanging.goto(site.url);
  await hanging.getByTestId('result-count').waitFor({ timeout: 20000 });
  assert.ok(Date.now() - started < 10000, `${Date.now() - started} ms`);
  assert.equal(await shownCount(hanging), papers);
  await hanging.getByTestId('offline').waitFor();
  await hanging.close();

  // The host switched off: the page, its WebAssembly and the papers come from this device, and it searches.
  await site.close();
  const off = await visit(context, site.url);
  assert.equal(await shownCount(off.page), papers);
  await off.page.getByTestId('offline').waitFor();
  for (const query of ['diffusion', 'bandit regret', 'year:2024']) {
    const expected = cliSearch(query, ['--prefix']);
    await off.page.getByTestId('search-input').fill(query);
    await countIs(off.page, expected.total);
    assert.deepEqual(await shownIds(off.page), expected.hits.map((h) => h.id), query);
  }
  // The map was kept too: meaning search works offline.
  await off.page.goto(`${site.url}?view=map`);
  await off.page.waitForFunction(() => Number(document.querySelector('[data-testid=map]')?.dataset.points) > 0, null, { timeout: 20000 });
  assert.equal(await off.page.getByTestId('map-absent').count(), 0);
  assert.deepEqual(off.problems, []);
  await context.close();
});

test('a rebuilt site is noticed and offered as a reload, and only its changed files are fetched', async () => {
  // The site as first published: the served corpus less its three newest papers, built by the CLI.
  const corpus = servedCorpus();
  const root = join(scratch, 'site');
  cpSync(DIST, root, { recursive: true });
  rmSync(join(root, 'data'), { recursive: true });
  mkdirSync(join(root, 'data'));
  const older = join(scratch, 'older');
  mkdirSync(older);
  writeFileSync(join(older, 'corpus.json'), JSON.stringify({ ...corpus, papers: corpus.papers.slice(0, -3) }));
  const cli = (...args) => execFileSync(process.env.PAPERSCOPE_CLI, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  cli('split', join(older, 'corpus.json'), '-o', join(root, 'data', 'corpus.json'), '--part-size', '64KiB');
  const site = await host(root);
  const context = await browser.newContext();
  const { page, problems } = await visit(context, site.url);
  await complete(page);
  assert.equal(await shownCount(page), corpus.papers.length - 3);
  await keptOnDevice(page);

  // Nothing changed: looking again offers nothing.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('corpus-update').count(), 0);

  // The site is rebuilt with every paper; the open page notices when it comes back into view.
  // (What the page downloads: the packed copies of the corpus documents, the index and map.)
  const listed = (m) => [...(m.packed?.parts ?? m.corpus), ...(m.index?.parts ?? []), ...(m.map?.parts ?? [])].map((p) => `/data/${p.file}?v=${p.xxh3}`);
  const before = listed(JSON.parse(readFileSync(join(root, 'data', 'corpus.parts.json'), 'utf8')));
  cli('split', join(DIST, 'data', 'corpus.json'), '-o', join(root, 'data', 'corpus.json'), '--part-size', '64KiB');
  await page.waitForTimeout(10500); // the page reads the host's manifest at most every 10 s
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  const update = page.getByTestId('corpus-update');
  await update.waitFor({ timeout: 10000 });
  assert.equal(await update.getAttribute('data-papers'), String(corpus.papers.length));
  assert.match(await update.textContent(), /3 papers new on the site\./);
  // Offered, not mixed in: the page still shows the papers it loaded, and a paper added meanwhile joins
  // those (the import worker reads the data the page read, kept on this device: the host has dropped it).
  assert.equal(await shownCount(page), corpus.papers.length - 3);
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-text').fill(JSON.stringify({ id: '2605.00012', title: 'Tapirs Swim', summary: 'Yes.' }));
  await page.getByTestId('import-submit').click();
  await countIs(page, corpus.papers.length - 3 + 1);

  const asked = site.requests.length;
  const now = listed(JSON.parse(readFileSync(join(root, 'data', 'corpus.parts.json'), 'utf8')));
  const unchanged = now.filter((f) => before.includes(f));
  assert.ok(unchanged.length >= 2, `the rebuild kept ${unchanged.length} files as they were`);
  await page.getByTestId('corpus-reload').click();
  // The rebuilt site's papers, with the paper added (kept by the page, added again to the new papers).
  await countIs(page, corpus.papers.length + 1);
  await page.getByTestId('search-input').fill('regret');
  await countIs(page, cliSearch('regret', ['--prefix']).total);
  assert.deepEqual(await shownIds(page), cliSearch('regret', ['--prefix']).hits.map((h) => h.id));
  // What was fetched: the manifest and the files the rebuild changed, each once; never one it left as it was.
  const fetched = dataRequests(site, asked);
  assert.equal(fetched.length, new Set(fetched).size, fetched.join(' '));
  const changed = new Set(['/data/corpus.parts.json', ...now.filter((f) => !before.includes(f))]);
  assert.ok(fetched.every((p) => changed.has(p)), `fetched ${fetched.join(' ')}; unchanged ${unchanged.join(' ')}`);
  assert.deepEqual(problems, []);
  await context.close();
  await site.close();
});

test('a file kept on this device that was damaged or cut short is fetched again, never misread', async () => {
  const site = await host(DIST);
  const context = await browser.newContext();
  const warnings = [];
  context.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const first = await visit(context, site.url);
  await keptOnDevice(first.page);
  const kept = '/data/corpus.json';
  for (const what of ['damaged', 'cut short']) {
    await first.page.evaluate(async ({ kept, what }) => {
      const cache = await caches.open('paperscope-data');
      const key = (await cache.keys()).find((r) => new URL(r.url).pathname.endsWith(kept));
      let bytes = new Uint8Array(await (await cache.match(key)).arrayBuffer());
      if (what === 'damaged') bytes[Math.floor(bytes.length / 2)] ^= 0x20;
      else bytes = bytes.slice(0, bytes.length - 100);
      await cache.put(key, new Response(bytes));
    }, { kept, what });
    const again = await visit(context, `${site.url}?q=regret`);
    const expected = cliSearch('regret', ['--prefix']);
    await countIs(again.page, expected.total);
    assert.deepEqual(await shownIds(again.page), expected.hits.map((h) => h.id), what);
    assert.ok(warnings.some((w) => w.includes('corpus.json') && w.includes('fetching it again')), `${what}: ${warnings.join('\n')}`);
    assert.deepEqual(again.problems, []);
    // Kept again whole: the next visit reads it from the device as it should be.
    await keptOnDevice(again.page);
    const keptBytes = await again.page.evaluate(async (kept) => {
      const cache = await caches.open('paperscope-data');
      const key = (await cache.keys()).find((r) => new URL(r.url).pathname.endsWith(kept));
      return (await (await cache.match(key)).arrayBuffer()).byteLength;
    }, kept);
    assert.equal(keptBytes, readFileSync(join(DIST, 'data', 'corpus.json')).length, what);
    await again.page.close();
    warnings.length = 0;
  }
  await context.close();
  await site.close();
});

test('a browser whose blobs cannot stream into the page\'s buffer still reads what it kept, from the device', async () => {
  // Kept files are read through a reader that fills the page's own buffer; where the browser has none, or
  // has one that cannot read a blob, the file is read whole instead (never fetched again, never misread).
  const site = await host(DIST);
  const context = await browser.newContext();
  const first = await visit(context, site.url);
  await keptOnDevice(first.page);
  await first.page.close();
  const expected = cliSearch('regret', ['--prefix']);
  for (const [what, broken] of [
    ['no such reader', () => { window.ReadableStreamBYOBReader = function () { throw new TypeError('not a byte stream'); }; }],
    ['a reader that cannot read', () => { ReadableStreamBYOBReader.prototype.read = () => Promise.reject(new TypeError('no')); }],
  ]) {
    const page = await context.newPage();
    await page.addInitScript(broken);
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const asked = site.requests.length;
    await page.goto(`${site.url}?q=regret`);
    await countIs(page, expected.total);
    assert.deepEqual(await shownIds(page), expected.hits.map((h) => h.id), what);
    assert.deepEqual(dataRequests(site, asked), ['/data/corpus.parts.json'], what);
    assert.deepEqual(warnings.filter((w) => /kept on this device/.test(w)), [], what);
    assert.deepEqual(problems, [], what);
    await page.close();
  }
  await context.close();
  await site.close();
});

test('a part kept on this device that is not what the manifest says is named again on return, not shown as whole', async () => {
  // A split site whose manifest says its second part holds one paper more than it does: the part is whole
  // (its size and checksum are the manifest's), so it is kept, and refused once read, on every visit.
  const root = join(scratch, 'miscounted');
  cpSync(DIST, root, { recursive: true });
  rmSync(join(root, 'data'), { recursive: true });
  mkdirSync(join(root, 'data'));
  execFileSync(process.env.PAPERSCOPE_CLI, ['split', join(DIST, 'data', 'corpus.json'), '-o', join(root, 'data', 'corpus.json'), '--part-size', '64KiB']);
  const manifestFile = join(root, 'data', 'corpus.parts.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const second = manifest.corpus[1];
  second.papers += 1;
  manifest.papers += 1;
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const expected = `Could not load data/${second.file}: holds ${second.papers - 1} papers, the site's manifest says ${second.papers}`;
  // (The page downloads the packed copy of a part when there is one.)
  const names = [second.file, manifest.packed?.parts[1].file].filter(Boolean).map((f) => `/data/${f}?`);
  const site = await host(root);
  const context = await browser.newContext();
  for (const what of ['first visit', 'return visit']) {
    const asked = site.requests.length;
    const { page, problems } = await visit(context, site.url);
    const error = page.getByTestId('load-error');
    await error.waitFor({ timeout: 20000 });
    assert.ok((await error.textContent()).includes(expected), `${what}: ${await error.textContent()}`);
    assert.equal(await page.getByTestId('result-count').getAttribute('data-partial'), 'true', what);
    const fetched = site.requests.slice(asked).map((r) => r.path).filter((p) => names.some((n) => p.startsWith(n)));
    // The return visit reads the part from this device (streamed as it is split), not from the host.
    if (what === 'return visit') assert.deepEqual(fetched, [], what);
    else assert.ok(fetched.length > 0, what);
    assert.deepEqual(problems, [], what);
    await page.close();
  }
  await context.close();
  await site.close();
});

test('a packed file is kept unpacked, read so on return, and read packed again when that copy is damaged', async () => {
  const site = await host(DIST);
  const context = await browser.newContext();
  const warnings = [];
  context.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  // Every address the page looks up among the kept files.
  await context.addInitScript(() => {
    const match = Cache.prototype.match;
    Cache.prototype.match = function (request, ...rest) {
      (self.__looked ||= []).push(typeof request === 'string' ? request : request.url);
      return match.call(this, request, ...rest);
    };
  });
  const first = await visit(context, site.url);
  await keptOnDevice(first.page);
  const manifest = JSON.parse(readFileSync(join(DIST, 'data', 'corpus.parts.json'), 'utf8'));
  const packed = `data/${manifest.index.parts[0].file}?v=${manifest.index.parts[0].xxh3}`;
  const unpacked = `${packed}.unpacked`;
  const keptSize = (page) => page.evaluate(async (unpacked) => {
    const cache = await caches.open('paperscope-data');
    const key = (await cache.keys()).find((r) => r.url.endsWith(unpacked));
    return key ? (await (await cache.match(key)).arrayBuffer()).byteLength : 0;
  }, unpacked);
  assert.equal(await keptSize(first.page), manifest.index.unpacked);
  const expected = cliSearch('regret', ['--prefix']);
  for (const damaged of [false, true]) {
    if (damaged) {
      await first.page.evaluate(async (unpacked) => {
        const cache = await caches.open('paperscope-data');
        const key = (await cache.keys()).find((r) => r.url.endsWith(unpacked));
        const response = await cache.match(key);
        const bytes = new Uint8Array(await response.arrayBuffer());
        bytes[Math.floor(bytes.length / 2)] ^= 0x20;
        await cache.put(key, new Response(bytes, { headers: response.headers }));
      }, unpacked);
    }
    const again = await visit(context, `${site.url}?q=regret`);
    await complete(again.page);
    await countIs(again.page, expected.total);
    assert.deepEqual(await shownIds(again.page), expected.hits.map((h) => h.id));
    const looked = await again.page.evaluate(() => self.__looked);
    assert.ok(looked.some((u) => u.endsWith(unpacked)), looked.join('\n'));
    // The packed index is read only when its unpacked copy cannot be used.
    assert.equal(looked.some((u) => u.endsWith(packed)), damaged, looked.join('\n'));
    assert.equal(warnings.some((w) => w.includes('reading the packed file')), damaged, warnings.join('\n'));
    assert.deepEqual(again.problems, []);
    await keptOnDevice(again.page);
    assert.equal(await keptSize(again.page), manifest.index.unpacked, 'kept whole again');
    await again.page.close();
  }
  await context.close();
  await site.close();
});
