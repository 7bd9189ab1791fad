// The hosted data in parts (issue 14): the seed corpus built with a small --part-size, so its corpus, index
// and map are each several files listed by corpus.parts.json, served in place of the site's data. The page
// must load it and answer every query of the benchmark exactly as the unsplit site does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT_URL, complete, dataFile, launch, openPage, shownIds } from './helpers.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const PART_SIZE = 64 * 1024;
let browser;
let dir;

before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'paperscope-parts-'));
  execFileSync(process.env.PAPERSCOPE_CLI, ['build', 'corpus/manifest.toml', '-o', join(dir, 'corpus.json'), '--part-size', '64KiB'], { cwd: ROOT });
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/// A page whose site data comes from the split build: files it wrote, and 404 for anything else (the
/// whole corpus.json, index and map are not there).
async function splitSite() {
  const opened = await openPage(browser);
  const requested = [];
  await opened.page.route(`${ROOT_URL}data/**`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    requested.push(name);
    const file = join(dir, name);
    return existsSync(file) ? route.fulfill({ status: 200, body: readFileSync(file) }) : route.fulfill({ status: 404, body: '' });
  });
  return { ...opened, requested };
}

/// The CLI's answer on the corpus document `file` alone (a corpus part is one).
function searchAlone(file, query) {
  const alone = mkdtempSync(join(tmpdir(), 'paperscope-part-'));
  try {
    copyFileSync(file, join(alone, 'corpus.json'));
    return JSON.parse(execFileSync(process.env.PAPERSCOPE_CLI, ['search', join(alone, 'corpus.json'), query, '--prefix', '--limit', '20'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString());
  } finally {
    rmSync(alone, { recursive: true, force: true });
  }
}

/// What the page shows: the count, the result ids and every facet value with its count.
async function shown(page) {
  return page.evaluate(() => ({
    count: document.querySelector('[data-testid=result-count]').textContent.match(/^(\d+) papers?/)?.[1],
    ids: [...document.querySelectorAll('[data-testid=result]')].map((r) => r.dataset.id),
    facets: [...document.querySelectorAll('[data-testid=facet-value]')]
      .map((v) => `${v.closest('[data-testid^=facet-]')?.dataset.testid}:${v.dataset.value}=${v.dataset.count}`),
  }));
}

test('the build cuts the corpus, index and map into parts no larger than --part-size, listed by the manifest', () => {
  const parts = JSON.parse(readFileSync(join(dir, 'corpus.parts.json'), 'utf8'));
  assert.ok(parts.corpus.length >= 3, `${parts.corpus.length} corpus parts`);
  assert.ok(parts.index.parts.length >= 2, `${parts.index.parts.length} index parts`);
  assert.ok(parts.map.parts.length >= 2, `${parts.map.parts.length} map parts`);
  // The binary files are compressed by the build (hosts compress JSON, rarely unknown types).
  assert.equal(parts.index.encoding, 'gzip');
  assert.equal(parts.map.encoding, 'gzip');
  // (The seed corpus's feeds are written in a folder of their own, not listed among the parts.)
  const files = readdirSync(dir).filter((f) => f !== 'feeds').sort();
  // The first part's papers come with an index of their own, so the page need not index them.
  assert.equal(parts.first_index.encoding, 'gzip');
  assert.ok(parts.first_index.parts.length >= 1);
  assert.deepEqual(files, [...parts.corpus, ...parts.packed.parts, ...parts.index.parts, ...parts.first_index.parts, ...parts.map.parts].map((p) => p.file).concat('corpus.parts.json').sort());
  for (const file of files) assert.ok(readFileSync(join(dir, file)).length <= PART_SIZE, file);
  // Each corpus part is written again zstd-compressed (what the page downloads): a third of its bytes or less.
  assert.equal(parts.packed.encoding, 'zstd');
  parts.corpus.forEach((p, i) => {
    assert.equal(parts.packed.parts[i].file, `${p.file}.zst`);
    assert.ok(parts.packed.parts[i].bytes * 3 < p.bytes, `${parts.packed.parts[i].bytes} of ${p.bytes}`);
  });
  // Each corpus part is an ordinary corpus document; their papers in order are the unsplit corpus's.
  const papers = parts.corpus.flatMap((p) => JSON.parse(readFileSync(join(dir, p.file), 'utf8')).papers);
  const whole = JSON.parse(readFileSync(join(ROOT, 'public/data/corpus.json'), 'utf8')).papers;
  assert.deepEqual(papers.map((p) => p.id), whole.map((p) => p.id));
  assert.equal(parts.papers, whole.length);
  // Newest first, so the first part (searched while the rest arrives) holds the newest papers.
  const date = (p) => p.published ?? (p.year == null ? '' : String(p.year));
  const firstPart = JSON.parse(readFileSync(join(dir, parts.corpus[0].file), 'utf8')).papers;
  const oldestFirst = firstPart.map(date).sort()[0];
  const later = papers.slice(firstPart.length).map(date).sort().at(-1);
  assert.ok(oldestFirst >= later, `the first part reaches back to ${oldestFirst}, a later part has ${later}`);
});

test('a corpus in parts loads and answers every benchmark query exactly as the unsplit one', async () => {
  const split = await splitSite();
  const { page: whole } = await openPage(browser);
  const queries = JSON.parse(readFileSync(join(ROOT, 'tools/bench/queries.json'), 'utf8')).queries;
  let compared = 0;
  for (const { q, sort, filters } of queries) {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (sort) params.set('sort', sort);
    for (const [facet, value] of filters ?? []) params.append(facet, value);
    const url = `${ROOT_URL}?${params}`;
    for (const page of [split.page, whole]) {
      await page.goto(url);
      await complete(page);
    }
    const [fromParts, fromWhole] = [await shown(split.page), await shown(whole)];
    assert.deepEqual(fromParts, fromWhole, url);
    assert.ok(fromParts.count !== undefined, url);
    compared += 1;
  }
  assert.equal(compared, queries.length);
  const parts = JSON.parse(readFileSync(join(dir, 'corpus.parts.json'), 'utf8'));
  // Every packed part was fetched (never the plain documents: the page unpacks the packed ones itself); the
  // whole files were never asked for; nothing went wrong.
  for (const p of [...parts.packed.parts, ...parts.index.parts]) assert.ok(split.requested.includes(p.file), p.file);
  for (const p of parts.corpus) assert.ok(!split.requested.includes(p.file), p.file);
  assert.ok(!split.requested.includes('corpus.json') && !split.requested.includes('corpus.index'), split.requested.join(' '));
  assert.deepEqual(split.problems, []);
  await split.page.close();
  await whole.close();
});

test('the map in parts is read whole: the map view draws every paper, and search by meaning works', async () => {
  const { page, problems } = await splitSite();
  await page.goto(`${ROOT_URL}?view=map&q=bandit&mode=meaning`);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=map]')?.dataset.points) > 0, null, { timeout: 20000 });
  const points = Number(await page.getByTestId('map').getAttribute('data-points'));
  const papers = JSON.parse(readFileSync(join(dir, 'corpus.parts.json'), 'utf8')).papers;
  assert.equal(points, papers);
  const cli = JSON.parse(execFileSync(process.env.PAPERSCOPE_CLI, ['search', join(dir, 'corpus.json'), 'bandit', '--mode', 'meaning', '--limit', '20']).toString());
  await page.getByTestId('view-list').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid=result-count]').textContent.startsWith(`${n} `), cli.total);
  const ids = await shownIds(page);
  assert.deepEqual(ids, cli.hits.map((h) => h.id));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the first part is searched before the rest arrives, marked as partial, then the whole corpus', async () => {
  const parts = JSON.parse(readFileSync(join(dir, 'corpus.parts.json'), 'utf8'));
  // The build makes the first part small: an eighth of the others (here the smallest part size, 64 KiB).
  const [first, last] = [parts.corpus[0], parts.packed.parts.at(-1)];
  assert.ok(first.papers < parts.papers / 2, `${first.papers} of ${parts.papers}`);
  const { page, problems, requested } = await splitSite();
  const said = [];
  page.on('console', (m) => { if (m.text().startsWith('Paperscope: first part:')) said.push(m.text()); });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(dataFile(last.file), async (route) => { await held; await route.fulfill({ status: 200, body: readFileSync(join(dir, last.file)) }); });
  await page.goto(ROOT_URL);
  const note = page.getByTestId('loading-partial');
  await note.waitFor({ timeout: 20000 });
  // On a first visit it is indexed here: its own index is not asked for before the rest has loaded.
  assert.ok(parts.first_index.parts.every((p) => !requested.includes(p.file)), requested.join(' '));
  assert.match(said.join('\n'), new RegExp(`^Paperscope: first part: ${first.papers} papers ready in \\d+ ms \\(\\d+ ms reading the corpus; index built here\\)`));
  assert.match(await note.textContent(), new RegExp(`Searching ${first.papers} of ${parts.papers} papers; the rest is loading\\.`));
  const count = page.getByTestId('result-count');
  assert.equal(await count.getAttribute('data-partial'), 'true');
  assert.match(await count.textContent(), new RegExp(`^${first.papers} papers so far · `));
  // Usable meanwhile: typing searches the first part's papers, as the CLI does on that part alone.
  for (const query of ['learning', 'regret']) {
    const expected = searchAlone(join(dir, first.file), query);
    await page.getByTestId('search-input').fill(query);
    await page.waitForFunction((n) => document.querySelector('[data-testid=result-count]')?.textContent.startsWith(`${n} ${n === 1 ? 'paper' : 'papers'} so far`), expected.total);
    assert.deepEqual(await shownIds(page), expected.hits.map((h) => h.id), query);
  }
  // The last part arrives: the whole corpus answers the same query, and nothing says partial any more.
  release();
  const whole = JSON.parse(execFileSync(process.env.PAPERSCOPE_CLI, ['search', join(dir, 'corpus.json'), 'regret', '--prefix', '--limit', '20']).toString());
  await page.waitForFunction((n) => document.querySelector('[data-testid=result-count]')?.textContent.startsWith(`${n} papers · `), whole.total, { timeout: 20000 });
  assert.deepEqual(await shownIds(page), whole.hits.map((h) => h.id));
  assert.equal(await note.count(), 0);
  assert.equal(await count.getAttribute('data-partial'), null);
  // Then the first part's own index is fetched and kept for the next visit, which opens the first part
  // with it instead of indexing it.
  await page.waitForFunction(async (files) => {
    const kept = await (await caches.open('paperscope-data')).keys();
    return files.every((f) => kept.some((r) => new URL(r.url).pathname.endsWith(`/${f}`)));
  }, parts.first_index.parts.map((p) => p.file), { timeout: 20000 });
  said.length = 0;
  await page.reload();
  await page.waitForFunction((n) => document.querySelector('[data-testid=result-count]')?.textContent.startsWith(`${n} papers · `), whole.total, { timeout: 20000 });
  assert.match(said.join('\n'), new RegExp(`^Paperscope: first part: ${first.papers} papers ready in \\d+ ms \\(\\d+ ms reading the corpus; index from its file\\)`));
  assert.deepEqual(await shownIds(page), whole.hits.map((h) => h.id));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a first part whose own index is missing or damaged is indexed in the page on the next visit too', async () => {
  const parts = JSON.parse(readFileSync(join(dir, 'corpus.parts.json'), 'utf8'));
  const first = parts.corpus[0];
  const firstIndex = parts.first_index.parts[0].file;
  for (const [how, serve] of [
    ['missing', (route) => route.fulfill({ status: 404, body: '' })],
    ['damaged', (route) => { const b = readFileSync(join(dir, firstIndex)); b[b.length >> 1] ^= 1; return route.fulfill({ status: 200, body: b }); }],
  ]) {
    const { page, problems } = await splitSite();
    const said = [];
    page.on('console', (m) => { if (/^Paperscope: first part:|first\.index/.test(m.text())) said.push(m.text()); });
    const loaded = () => page.waitForFunction(() => /·/.test(document.querySelector('[data-testid=result-count]')?.textContent ?? '') && !document.querySelector('[data-testid=loading-partial]'), null, { timeout: 20000 });
    await page.route(dataFile(firstIndex), serve);
    await page.goto(ROOT_URL);
    await loaded();
    const warned = new RegExp(`data/${firstIndex.replaceAll('.', '\\.')}.*the next visit indexes the first part here`);
    for (let i = 0; i < 100 && !warned.test(said.join('\n')); i += 1) await page.waitForTimeout(100);
    assert.match(said.join('\n'), warned, how);
    said.length = 0;
    await page.reload();
    await loaded();
    assert.match(said.join('\n'), new RegExp(`Paperscope: first part: ${first.papers} papers ready in \\d+ ms \\(\\d+ ms reading the corpus; index built here\\)`), how);
    assert.match(await page.getByTestId('result-count').textContent(), new RegExp(`^${parts.papers} papers · `), how);
    const unexpected = problems.filter((p) => !p.includes(firstIndex) && !p.includes('404 (Not Found)'));
    assert.deepEqual(unexpected, [], how);
    await page.close();
  }
});

test('a missing, damaged or overlong part is named, and what is shown meanwhile stays marked as partial', async () => {
  const parts = JSON.parse(readFileSync(join(dir, 'corpus.parts.json'), 'utf8'));
  // (The page downloads the packed copy of each part.)
  const second = parts.packed.parts[1].file;
  const name = second.replaceAll('.', '\\.');
  for (const [how, serve, expected] of [
    ['missing', (route) => route.fulfill({ status: 404, body: '' }), new RegExp(`Could not fetch data/${name}: the server answered 404.*manifest lists it`)],
    ['damaged', (route) => { const b = readFileSync(join(dir, second)); b[b.length >> 1] ^= 1; return route.fulfill({ status: 200, body: b }); }, new RegExp(`Could not use data/${name}: damaged \\(its checksum is`)],
    // A host answering with more than the manifest says is stopped there, not read to the end.
    ['longer', (route) => route.fulfill({ status: 200, body: Buffer.concat([readFileSync(join(dir, second)), Buffer.alloc(1 << 20, 32)]) }), new RegExp(`Could not read data/${name}: more than the ${parts.packed.parts[1].bytes} bytes expected arrived`)],
  ]) {
    const { page } = await splitSite();
    await page.route(dataFile(second), serve);
    await page.goto(ROOT_URL);
    const error = page.getByTestId('load-error');
    await error.waitFor({ timeout: 20000 });
    assert.match(await error.textContent(), expected, how);
    // The first part's papers are searched, said to be part of the whole: never shown as the whole corpus.
    assert.equal(await page.getByTestId('result-count').getAttribute('data-partial'), 'true', how);
    assert.match(await page.getByTestId('loading-partial').textContent(), /Searching \d+ of \d+ papers/, how);
    await page.close();
  }
  // A packed part that arrives whole but unpacks into something else than the document the manifest lists
  // (here: a manifest whose entry names the third part's packed bytes for the second) is refused by name.
  const { page } = await splitSite();
  const third = parts.packed.parts[2];
  const swapped = { ...parts, packed: { ...parts.packed, parts: parts.packed.parts.map((p, i) => (i === 1 ? { ...third, file: second } : p)) } };
  await page.route(dataFile('corpus.parts.json'), (route) => route.fulfill({ status: 200, body: JSON.stringify(swapped) }));
  await page.route(dataFile(second), (route) => route.fulfill({ status: 200, body: readFileSync(join(dir, third.file)) }));
  await page.goto(ROOT_URL);
  const error = page.getByTestId('load-error');
  await error.waitFor({ timeout: 20000 });
  assert.match(await error.textContent(), new RegExp(`Could not use data/${name}: unpacks (into another document|to more than the ${parts.corpus[1].bytes} bytes)`));
  await page.close();
});
