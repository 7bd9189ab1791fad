// "Add papers": paste and file imports parsed in the page, merged, reported, kept across reloads, removable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT_URL, cliSearch, countIs, ready, launch, openPage, servedCorpus, shownCount, shownIds, syntheticSnapshot } from './helpers.mjs';

let browser;
const corpus = servedCorpus();

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


// A Hugging Face search listing: one paper the corpus already has (by title), one it does not.
const known = corpus.papers.find((p) => !p.untitled);
const PASTE = `Get trending papers in your email inbox!\nSubscribe${known.title}\n${known.abstract}\nZebra Finches Learn Songs with Sparse Attention\nWe study how zebra finches learn songs. We model the song system with sparse attention. Our model explains song learning.\n`;

test('pasting a listing adds its papers, merges duplicates, reports, survives a reload and can be removed', async () => {
  const { page, problems } = await openPage(browser);
  // The import worker starts the way wasm-bindgen asks (it warns, in the page's console too, otherwise).
  const deprecated = [];
  page.on('console', (m) => { if (/deprecated/i.test(m.text())) deprecated.push(m.text()); });
  await ready(page);
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-text').fill(PASTE);
  await page.getByTestId('import-submit').click();
  await countIs(page, corpus.papers.length + 1);
  const report = page.getByTestId('import-report');
  assert.match(await report.textContent(), /pasted-1\.txt: hf-search · 2 papers read · 0 problems/);
  assert.deepEqual(deprecated, []);
  assert.match(await page.getByTestId('import-totals').textContent(), /2 papers read from 1 import: 1 added, 1 merged with papers already here/);
  // The new paper is searchable and marked with its source.
  await page.getByTestId('search-input').fill('zebra finches');
  await countIs(page, 1);
  assert.equal(await page.locator('[data-testid=facet-source] [data-value="pasted-1.txt"]').getAttribute('data-count'), '1');
  // The known paper now has the paste as a second source; both come back after a reload.
  await page.getByTestId('import-stored').waitFor();
  await page.getByTestId('search-input').fill('');
  await ready(page, `${ROOT_URL}?source=pasted-1.txt`);
  await countIs(page, 2);
  assert.ok((await shownIds(page)).includes(known.id));
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-remove').click();
  await countIs(page, 0);
  await page.getByTestId('import-stored').waitFor();
  await ready(page);
  // Give a stale restore the chance to show up: it must not.
  await page.waitForTimeout(300);
  assert.equal(await shownCount(page), corpus.papers.length);
  assert.deepEqual(problems, []);
  await page.close();
});

test('files are read in the page, with every problem and its line reported', async () => {
  const { page } = await openPage(browser);
  await ready(page);
  await page.getByTestId('import-open').click();
  const jsonl = [
    JSON.stringify({ id: '2605.00001', title: 'Quokkas and Gradient Descent', summary: 'Quokkas smile. We analyse it.', authors: ['A. B'], categories: ['cs.LG'] }),
    '{"id": "broken", ',
    JSON.stringify({ id: '2605.00002', title: 'Wombats Prefer Cubes', summary: 'Cubic droppings explained.', authors: ['C. D'], categories: ['q-bio.PE'] }),
  ].join('\n');
  await page.getByTestId('import-file').setInputFiles({ name: 'daily.jsonl', mimeType: 'application/json', buffer: Buffer.from(jsonl) });
  await page.getByTestId('import-submit').click();
  await countIs(page, corpus.papers.length + 2);
  const text = await page.getByTestId('import-report').textContent();
  assert.match(text, /daily\.jsonl: json · 2 papers read · 1 problems/);
  assert.match(text, /line 2: skipped: invalid JSON/);
  await page.getByTestId('search-input').fill('wombats');
  await countIs(page, 1);
  assert.equal(await page.locator('[data-testid=facet-category] [data-value="q-bio.PE"]').getAttribute('data-count'), '1');
  await page.close();
});

test('a dropped file is imported too, and text in no known format says so', async () => {
  const { page } = await openPage(browser);
  await ready(page);
  await page.getByTestId('import-open').click();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['just some notes\n'], 'notes.txt', { type: 'text/plain' }));
    document.querySelector('section.import').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /notes\.txt: not a listing/.test(document.querySelector('[data-testid=import-report]').textContent));
  assert.match(await page.getByTestId('import-report').textContent(), /notes\.txt: not a listing format I know; known formats are arxiv-feed, hf-search, author-profile, hf-daily, json/);
  assert.equal(await shownCount(page), corpus.papers.length);
  await page.close();
});

test('an oversized file is refused with its size, and the rest is still added', async () => {
  const { page } = await openPage(browser);
  await ready(page);
  await page.getByTestId('import-open').click();
  // A real file just over the limit (the page checks the size before reading it).
  await page.evaluate(() => {
    const big = new File([new Uint8Array(101e6)], 'huge.jsonl');
    const ok = new File([JSON.stringify({ id: '2605.00003', title: 'Axolotls Regrow Limbs', summary: 'Regeneration studied.' }) + '\n'], 'small.jsonl');
    const dt = new DataTransfer();
    dt.items.add(big);
    dt.items.add(ok);
    document.querySelector('section.import').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /huge\.jsonl \(101 MB\) was not read: one “Add” reads at most 100 MB in all/.test(document.querySelector('[data-testid=import-report]').textContent));
  await countIs(page, corpus.papers.length + 1);
  await page.close();
});

test('a large import runs in a worker: the page shows progress and answers searches meanwhile', async () => {
  const { page, problems } = await openPage(browser);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await ready(page);
  const n = 12000;
  const jsonl = syntheticSnapshot(n);
  assert.ok(jsonl.length > 15e6, `${jsonl.length} bytes`);
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-file').setInputFiles({ name: 'snapshot.jsonl', mimeType: 'application/json', buffer: Buffer.from(jsonl) });
  await page.getByTestId('import-submit').click();
  await page.getByTestId('import-working').waitFor();
  // While the worker parses, merges and indexes, the page still searches its papers.
  const query = 'language models';
  await page.getByTestId('search-input').fill(query);
  await countIs(page, cliSearch(query).total);
  assert.equal(await page.getByTestId('import-working').count(), 1, 'the search was answered after the import had finished');
  assert.ok(workers.some((url) => url.endsWith('/import_worker_loader.js')), workers.join(', '));
  await page.getByTestId('search-input').fill('');
  await countIs(page, corpus.papers.length + n);
  assert.match(await page.getByTestId('import-report').textContent(), new RegExp(`snapshot\\.jsonl: json · ${n} papers read · 0 problems`));
  await page.getByTestId('search-input').fill('"Synthetic Study 11999"');
  await countIs(page, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('imports saved by an earlier version (one JSON string) still come back', async () => {
  const { page, problems } = await openPage(browser);
  // The database as the first release left it (version 1, one JSON string), written from a page of the same
  // site that does not run the explorer, so nothing has opened the database yet.
  await page.route(`${ROOT_URL}blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,">' }));
  await page.goto(`${ROOT_URL}blank.html`);
  const old = JSON.stringify([{ name: 'old.jsonl', text: JSON.stringify({ id: '2605.00009', title: 'Pangolins Roll Up', summary: 'Scales as armour.' }) + '\n' }]);
  await page.evaluate((old) => new Promise((resolve, reject) => {
    const open = indexedDB.open('paperscope', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('imports');
    open.onsuccess = () => {
      const tx = open.result.transaction('imports', 'readwrite');
      tx.objectStore('imports').put(old, 'all');
      tx.oncomplete = resolve;
      tx.onerror = reject;
    };
  }), old);
  await ready(page);
  await countIs(page, corpus.papers.length + 1);
  await page.getByTestId('search-input').fill('pangolins');
  await countIs(page, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a BibTeX file from a reference manager is read, and the view exported as RIS reads back as the same papers', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page);
  await page.getByTestId('import-open').click();
  const bib = [
    '@article{vaswani_attention_2017,\n\ttitle = {Attention {Is} {All} {You} {Need}},\n\turl = {http://arxiv.org/abs/1706.03762},\n\tauthor = {Vaswani, Ashish and Kaiser, {\\L}ukasz},\n\tmonth = dec,\n\tyear = {2017},\n}',
    '@inproceedings{muller2019,\n  title = {Learning with {\\"O}ptimal {T}ransport},\n  booktitle = {NeurIPS 2019},\n  author = {M{\\"u}ller, J{\\"o}rg and others},\n  year = 2019\n}',
    '@misc{broken, title = {Never closed\n',
  ].join('\n');
  await page.getByTestId('import-file').setInputFiles({ name: 'library.bib', mimeType: 'application/x-bibtex', buffer: Buffer.from(bib) });
  await page.getByTestId('import-submit').click();
  await page.waitForFunction(() => /library\.bib: bibtex · 2 papers read · 1 problems/.test(document.querySelector('[data-testid=import-report]').textContent));
  assert.match(await page.getByTestId('import-report').textContent(), /line 14: skipped: entry "@misc\{broken, title = \{Never closed" skipped: a brace or quote is not closed before the end of the file/);
  await ready(page, `${ROOT_URL}?source=library.bib`);
  await countIs(page, 2);
  assert.match(await page.locator('ol.results').textContent(), /Łukasz Kaiser/);
  // Exported as RIS, the two papers come back the same when added again (merged with themselves).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ris').click()]);
  assert.equal(download.suggestedFilename(), 'papers.ris');
  const ris = readFileSync(await download.path(), 'utf8');
  assert.match(ris, /^TY {2}- GEN\r\nTI {2}- Attention Is All You Need\r\nAU {2}- Ashish Vaswani\r\nAU {2}- Łukasz Kaiser\r\nPY {2}- 2017\r\nUR {2}- https:\/\/arxiv\.org\/abs\/1706\.03762\r\n/m);
  assert.match(ris, /N1 {2}- Incomplete record: not every author named/);
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-file').setInputFiles({ name: 'papers.ris', mimeType: 'application/x-research-info-systems', buffer: Buffer.from(ris) });
  await page.getByTestId('import-submit').click();
  await page.waitForFunction(() => /papers\.ris: ris · 2 papers read · 0 problems/.test(document.querySelector('[data-testid=import-report]').textContent));
  await countIs(page, 2);
  assert.deepEqual(problems, []);
  await page.close();
});
