// The map (issue 13): the search's other face. Lighting follows the view, a box and a region filter the list
// and facets exactly as the CLI does with the same map, the viewport survives a reload, the pointer finds and
// opens papers, search by meaning agrees with the CLI, imports are placed, and a missing or damaged map says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DIST, ROOT_URL, cliSearch, countIs, dataFile, launch, openPage, ready, servedCorpus, shownCount, shownIds, withoutManifest } from './helpers.mjs';

let browser;
const corpus = servedCorpus();
const N = corpus.papers.length;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function openMap(page, query = '') {
  await ready(page, `${ROOT_URL}?view=map${query}`);
  await page.waitForFunction((n) => document.querySelector('[data-testid=map]')?.dataset.points === String(n), N);
}

const lit = (page) => page.getByTestId('map').evaluate((m) => Number(m.dataset.lit));
const litIs = (page, n) => page.waitForFunction((n) => document.querySelector('[data-testid=map]')?.dataset.lit === String(n), n);
const param = (page, key) => new URL(page.url()).searchParams.get(key);

/// Moves the pointer over the map until the tooltip shows a paper: where, and which.
async function findPoint(page) {
  const box = await page.getByTestId('map').boundingBox();
  for (let y = box.y + 15; y < box.y + box.height - 15; y += 9) {
    for (let x = box.x + 15; x < box.x + box.width - 15; x += 9) {
      await page.mouse.move(x, y);
      const tip = page.getByTestId('map-tooltip');
      if (await tip.count()) return { x, y, id: await tip.getAttribute('data-id') };
    }
  }
  throw new Error('no paper under the pointer anywhere on the map');
}

test('the map lights exactly what the list finds: typing, a facet, a library filter', async () => {
  const { page, problems } = await openPage(browser);
  await openMap(page);
  assert.equal(await lit(page), N);
  // Drawn: with WebGL on a graphics card, else (here, Chromium's software WebGL) by the page on a 2D canvas.
  assert.match(await page.getByTestId('map').getAttribute('data-renderer'), /^(webgl|canvas)$/);
  await page.getByTestId('search-input').fill('learning');
  const learning = cliSearch('learning', ['--prefix']).total;
  await countIs(page, learning);
  await litIs(page, learning);
  const year = page.locator('[data-testid=facet-value]').first();
  await year.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.toString().includes('year'));
  await litIs(page, await shownCount(page));
  // Save two papers in the list, then light the library.
  await page.getByTestId('view-list').click();
  await page.getByTestId('search-input').fill('');
  await page.getByTestId('clear-filters').click();
  await countIs(page, N);
  const saves = page.getByTestId('save');
  await saves.nth(0).click();
  await saves.nth(1).click();
  await page.getByTestId('search-input').fill('is:saved');
  await countIs(page, 2);
  await page.getByTestId('view-map').click();
  await litIs(page, 2);
  assert.equal(param(page, 'view'), 'map');
  assert.deepEqual(problems, []);
});

test('a box drawn on the map becomes area=, and the list and facets hold exactly its papers', async () => {
  const { page, problems } = await openPage(browser);
  await openMap(page);
  await page.getByTestId('map-select').click();
  const box = await page.getByTestId('map').boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.7, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(() => new URL(location.href).searchParams.has('area'));
  const area = param(page, 'area');
  const cli = cliSearch('', ['--area', area, '--limit', '20']);
  assert.ok(cli.total > 0 && cli.total < N, `the box holds some papers, not all: ${cli.total}`);
  await countIs(page, cli.total);
  await litIs(page, cli.total);
  await page.getByTestId('area-chip').waitFor();
  // The export holds the area's papers, as the CLI exports them.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  assert.deepEqual(JSON.parse(readFileSync(await download.path(), 'utf8')), cliSearch('', ['--area', area, '--format', 'json']));
  // The list: the same papers in the same order; the facets: the same counts.
  await page.getByTestId('view-list').click();
  assert.deepEqual(await shownIds(page), cli.hits.map((h) => h.id));
  const years = await page.locator('[data-testid=facet-year] [data-testid=facet-value]').evaluateAll((els) => els.map((e) => [e.dataset.value, Number(e.dataset.count)]));
  for (const [value, count] of years) {
    const expected = cli.facets.year.find((v) => v.value === value)?.count ?? 0;
    assert.equal(count, expected, `year ${value}`);
  }
  // With words too; then the chip takes the area away.
  await page.getByTestId('search-input').fill('learning');
  await countIs(page, cliSearch('learning', ['--prefix', '--area', area]).total);
  await page.getByTestId('area-chip').click();
  await countIs(page, cliSearch('learning', ['--prefix']).total);
  assert.equal(param(page, 'area'), null);
  assert.deepEqual(problems, []);
});

test('zoom and pan are in the address, and a reload comes back to the same view of the map', async () => {
  const { page, problems } = await openPage(browser);
  await openMap(page, '&q=policy');
  const box = await page.getByTestId('map').boundingBox();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.6);
  await page.mouse.wheel(0, -600);
  await page.waitForFunction(() => new URL(location.href).searchParams.has('map'));
  // A drag pans: the centre moves the other way.
  const before = param(page, 'map').split(',').map(Number);
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5 + 120, box.y + box.height * 0.5, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction((x) => Number(new URL(location.href).searchParams.get('map').split(',')[0]) < x, before[0]);
  const viewport = param(page, 'map');
  const zoom = await page.getByTestId('map').getAttribute('data-zoom');
  assert.ok(Number(zoom) > 1.5, zoom);
  await page.reload();
  await page.getByTestId('map').waitFor();
  await page.waitForFunction((n) => document.querySelector('[data-testid=map]')?.dataset.points === String(n), N);
  assert.equal(param(page, 'map'), viewport);
  assert.equal(await page.getByTestId('map').getAttribute('data-zoom'), zoom);
  assert.equal(await page.getByTestId('view-map').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('search-input').inputValue(), 'policy');
  // "Whole map" goes back.
  await page.getByTestId('map-reset').click();
  assert.equal(await page.getByTestId('map').getAttribute('data-zoom'), '1.00');
  assert.equal(param(page, 'map'), null);
  assert.deepEqual(problems, []);
});

test('the pointer shows a title, a click opens the paper with lines to its neighbours and similar papers by meaning', async () => {
  const { page, problems } = await openPage(browser);
  await openMap(page);
  const point = await findPoint(page);
  const paper = corpus.papers.find((p) => p.id === point.id);
  assert.ok(paper, point.id);
  assert.match(await page.getByTestId('map-tooltip').textContent(), new RegExp(paper.title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.mouse.click(point.x, point.y);
  await page.getByTestId('paper-view').waitFor();
  assert.equal(await page.getByTestId('paper-view').getAttribute('data-id'), point.id);
  assert.equal(param(page, 'paper'), point.id);
  assert.equal(await page.getByTestId('map').getAttribute('data-lines'), '10');
  const similar = await page.getByTestId('similar').evaluateAll((els) => els.map((e) => e.dataset.id));
  assert.equal(similar.length, 5);
  assert.ok(!similar.includes(point.id));
  assert.match(await page.getByTestId('paper-view').textContent(), /Nearest by meaning/);
  assert.deepEqual(problems, []);
});

test('the regions list is the map in words: labels and counts of the view, each a filter', async () => {
  const { page, problems } = await openPage(browser);
  await openMap(page);
  const regions = () => page.getByTestId('map-cluster').evaluateAll((els) => els.map((e) => ({ label: e.dataset.label, count: Number(e.dataset.count), region: e.dataset.region })));
  const all = await regions();
  assert.ok(all.length >= 2, JSON.stringify(all));
  assert.ok(all.every((r) => r.label.length > 0));
  assert.equal(all.reduce((s, r) => s + r.count, 0), N);
  await page.getByTestId('search-input').fill('regret');
  await countIs(page, cliSearch('regret', ['--prefix']).total);
  const some = await regions();
  assert.equal(some.reduce((s, r) => s + r.count, 0), await lit(page));
  const first = some[0];
  await page.getByTestId('map-cluster').first().getByRole('button').click();
  await countIs(page, first.count);
  assert.equal(param(page, 'region'), first.region);
  assert.equal(cliSearch('regret', ['--prefix', '--region', first.region]).total, first.count);
  assert.match(await page.getByTestId('region-chip').textContent(), new RegExp(first.label.split(',')[0]));
  assert.deepEqual(problems, []);
});

test('search by meaning and hybrid search rank as the CLI does with the same map', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page);
  await page.getByTestId('search-input').fill('large language model');
  await page.getByTestId('search-mode').selectOption('meaning');
  assert.equal(param(page, 'mode'), 'meaning');
  const meaning = cliSearch('large language model', ['--prefix', '--mode', 'meaning']);
  await countIs(page, meaning.total);
  assert.deepEqual(await shownIds(page), meaning.hits.map((h) => h.id));
  await page.getByTestId('search-mode').selectOption('hybrid');
  const hybrid = cliSearch('large language model', ['--prefix', '--mode', 'hybrid']);
  await countIs(page, hybrid.total);
  assert.deepEqual(await shownIds(page), hybrid.hits.map((h) => h.id));
  // A reload keeps the mode (the answer waits for the map: "Reading the map…").
  await page.reload();
  await page.getByTestId('result-count').waitFor();
  await countIs(page, hybrid.total);
  assert.equal(await page.getByTestId('search-mode').inputValue(), 'hybrid');
  assert.deepEqual(problems, []);
});

test('a paper added in the page is placed on the map and has similar papers', async () => {
  const { page, problems } = await openPage(browser);
  await openMap(page);
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-text').fill(JSON.stringify({
    id: '2699.99999',
    title: 'Okapi: Reward Models for Aligning Large Language Models with Preferences',
    abstract: 'We train reward models from human preference data to align large language models with reinforcement learning from human feedback.',
  }));
  await page.getByTestId('import-submit').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid=map]')?.dataset.points === String(n), N + 1);
  await page.getByTestId('search-input').fill('okapi');
  await litIs(page, 1);
  await page.getByTestId('view-list').click();
  await page.getByTestId('result').first().locator('a.title').click();
  const similar = await page.getByTestId('similar').evaluateAll((els) => els.map((e) => e.textContent));
  assert.equal(similar.length, 5);
  assert.match(await page.getByTestId('paper-view').textContent(), /Nearest by meaning/);
  assert.deepEqual(problems, []);
});

// The served map, changed: one byte flipped in the middle, an older format number, or no map at all.
const served = gunzipSync(readFileSync(join(DIST, 'data', 'corpus.map')));
const flipped = Buffer.from(served);
flipped[flipped.length >> 1] ^= 1;
const older = Buffer.from(served);
older.writeUInt32LE(1, 8);
for (const [why, body, expected] of [
  ['absent', null, /has no map/],
  ['damaged', flipped, /damaged/],
  ['of an older format', older, /written in map format 1.*rebuild it/],
  ['not a map at all', Buffer.from('{"papers": []}'), /not a Paperscope map file/],
]) {
  test(`a map that is ${why} is explained, and the list and word search still work`, async () => {
    const page = await browser.newPage();
    // A site made by hand: the map is checked by its own format (with a manifest, its checksum first).
    await withoutManifest(page);
    await page.route(dataFile('corpus.map'), (route) => (body === null ? route.fulfill({ status: 404, body: '' }) : route.fulfill({ status: 200, body })));
    await ready(page, `${ROOT_URL}?view=map`);
    const absent = page.getByTestId('map-absent');
    await absent.waitFor();
    assert.match(await absent.textContent(), expected);
    const disabled = await page.locator('select[data-testid=search-mode] option').evaluateAll((os) => os.map((o) => [o.value, o.disabled]));
    assert.deepEqual(disabled, [['words', false], ['meaning', true], ['hybrid', true]]);
    await page.getByTestId('view-list').click();
    await page.getByTestId('search-input').fill('regret');
    await countIs(page, cliSearch('regret', ['--prefix']).total);
    await page.close();
  });
}

test('a map file that is not the one the site\'s manifest lists is explained by its checksum', async () => {
  const page = await browser.newPage();
  const packed = readFileSync(join(DIST, 'data', 'corpus.map'));
  packed[packed.length >> 1] ^= 1;
  await page.route(dataFile('corpus.map'), (route) => route.fulfill({ status: 200, body: packed }));
  await ready(page, `${ROOT_URL}?view=map`);
  const absent = page.getByTestId('map-absent');
  await absent.waitFor();
  assert.match(await absent.textContent(), /Could not use data\/corpus\.map: damaged \(its checksum is [0-9a-f]{16}, the manifest says [0-9a-f]{16}\)/);
  await page.close();
});
