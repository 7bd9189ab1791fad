// The first page: it loads the corpus and shows how many papers it holds and the first page of them, from the
// root of a host and from a sub-path, and says clearly when the corpus cannot be loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DIST, ROOT_URL, SUBPATH_URL, cliSearch, dataFile, launch, openPage, servedCorpus, shownCount, shownIds, withoutManifest } from './helpers.mjs';

let browser;
const corpus = servedCorpus();

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function checkLoads(url) {
  const { page, problems } = await openPage(browser);
  await page.goto(url);
  await page.getByTestId('result-count').waitFor({ timeout: 20000 });
  assert.equal(await shownCount(page), corpus.papers.length);
  // The first page, in the order the engine gives natively (newest first with no query).
  const expected = cliSearch('');
  assert.deepEqual(await shownIds(page), expected.hits.map((h) => h.id));
  const titles = await page.getByTestId('result').evaluateAll((items) => items.map((li) => li.querySelector('.title').textContent));
  assert.deepEqual(titles, expected.hits.map((h) => h.title));
  assert.deepEqual(problems, []);
  await page.close();
}

test('the corpus has the seed papers', () => {
  // The four seeds hold 291 entries; merging duplicates leaves fewer, but never an empty or tiny corpus.
  assert.equal(corpus.counts.records, 291);
  assert.ok(corpus.papers.length > 250 && corpus.papers.length <= 291, `${corpus.papers.length} papers`);
});

test('served from the root, the page shows the paper count and the first page of papers', async () => {
  await checkLoads(ROOT_URL);
});

test('served from a sub-path, every asset and the corpus load with relative URLs', async () => {
  assert.match(SUBPATH_URL, /\/some\/dir\/$/);
  await checkLoads(SUBPATH_URL);
});

test('a malformed corpus gets a clear message and a retry that works', async () => {
  const { page } = await openPage(browser);
  // A site made by hand: the corpus is read as it comes.
  await withoutManifest(page);
  let broken = true;
  await page.route(dataFile('corpus.json'), async (route) => {
    if (broken) {
      await route.fulfill({ status: 200, contentType: 'application/json', body: '{"version": 1, "papers": [' });
    } else {
      await route.continue();
    }
  });
  await page.goto(ROOT_URL);
  const error = page.getByTestId('load-error');
  await error.waitFor({ timeout: 20000 });
  assert.match(await error.textContent(), /data\/corpus\.json.*not valid \(line 1, column \d+\)/);
  broken = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByTestId('result-count').waitFor({ timeout: 20000 });
  assert.equal(await shownCount(page), corpus.papers.length);
  await page.close();
});

test('a corpus file that is not the one the manifest lists is named, with what arrived, and a retry works', async () => {
  const { page } = await openPage(browser);
  const listed = JSON.parse(readFileSync(join(DIST, 'data', 'corpus.parts.json'), 'utf8')).corpus[0];
  let stale = true;
  await page.route(dataFile('corpus.json'), async (route) => {
    if (stale) await route.fulfill({ status: 200, contentType: 'application/json', body: '{"version": 1, "papers": []}' });
    else await route.continue();
  });
  await page.goto(ROOT_URL);
  const error = page.getByTestId('load-error');
  await error.waitFor({ timeout: 20000 });
  assert.match(await error.textContent(), new RegExp(`Could not use data/corpus\\.json: 28 bytes arrived, the manifest says ${listed.bytes}`));
  stale = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByTestId('result-count').waitFor({ timeout: 20000 });
  assert.equal(await shownCount(page), corpus.papers.length);
  await page.close();
});

test('a missing corpus says which URL failed', async () => {
  const { page } = await openPage(browser);
  await page.route(dataFile('corpus.json'), (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto(ROOT_URL);
  const error = page.getByTestId('load-error');
  await error.waitFor({ timeout: 20000 });
  assert.match(await error.textContent(), /Could not fetch data\/corpus\.json: the server answered 404/);
  await page.close();
});

/// Opens a search with the index file answered by `serve` (as served when not given); returns the console
/// lines saying how the engine opened, the problems seen, and the results shown.
async function openWithIndex(query, serve, handMade = false) {
  const { page, problems } = await openPage(browser);
  if (handMade) await withoutManifest(page);
  const said = [];
  page.on('console', (m) => { if (m.text().startsWith('Paperscope:') || m.type() === 'warning') said.push(m.text()); });
  if (serve) await page.route(dataFile('corpus.index'), serve);
  await page.goto(`${ROOT_URL}?q=${encodeURIComponent(query)}`);
  await page.getByTestId('result-count').waitFor({ timeout: 20000 });
  const opened = { said: said.join('\n'), problems, count: await shownCount(page), ids: await shownIds(page) };
  await page.close();
  return opened;
}

/// The manifest's entry for a file of the site (the page asks for it by its checksum: `?v=<xxh3>`).
function listed(file) {
  const parts = JSON.parse(readFileSync(join(DIST, 'data', 'corpus.parts.json'), 'utf8'));
  return [...parts.corpus, ...parts.index.parts, ...parts.map.parts].find((p) => p.file === file);
}

test('the page opens the prebuilt search index, and without a usable one indexes the papers itself', async () => {
  const query = 'language models';
  const expected = cliSearch(query);
  const check = (opened) => {
    assert.equal(opened.count, expected.total);
    assert.deepEqual(opened.ids, expected.hits.map((h) => h.id));
  };
  const served = await openWithIndex(query);
  assert.deepEqual(served.problems, []);
  assert.match(served.said, /Paperscope: \d+ papers ready in \d+ ms \(\d+ ms reading the corpus; index from its file\)/);
  check(served);

  const missing = await openWithIndex(query, (route) => route.fulfill({ status: 404, body: 'no index here' }));
  // The browser itself logs the 404; the page adds no error of its own.
  assert.deepEqual(missing.problems, [
    `HTTP 404 ${ROOT_URL}data/corpus.index?v=${listed('corpus.index').xxh3}`,
    'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
  ]);
  assert.match(missing.said, /index built here/);
  check(missing);

  const damaged = readFileSync(join(DIST, 'data', 'corpus.index'));
  damaged[damaged.length >> 1] ^= 1;
  // The site's manifest catches the damage before the index is read...
  const refused = await openWithIndex(query, (route) => route.fulfill({ status: 200, body: damaged }));
  assert.deepEqual(refused.problems, []);
  assert.match(refused.said, /Could not use data\/corpus\.index: damaged \(its checksum is [0-9a-f]{16}, the manifest says [0-9a-f]{16}\); upload it again; indexing the papers here instead/);
  assert.match(refused.said, /index built here/);
  check(refused);
  // ...and on a site without one (its index as it is, not packed), the index file's own checksum does.
  const raw = gunzipSync(readFileSync(join(DIST, 'data', 'corpus.index')));
  raw[raw.length >> 1] ^= 1;
  const alone = await openWithIndex(query, (route) => route.fulfill({ status: 200, body: raw }), true);
  assert.match(alone.said, /data\/corpus\.index: damaged \(its checksum does not match\); the papers were indexed here instead/);
  assert.match(alone.said, /index built here/);
  check(alone);
});
