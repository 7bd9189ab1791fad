// The first page: it loads the corpus and shows how many papers it holds and the first page of them, from the
// root of a host and from a sub-path, and says clearly when the corpus cannot be loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_URL, SUBPATH_URL, cliSearch, launch, openPage, servedCorpus, shownCount, shownIds } from './helpers.mjs';

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
  let broken = true;
  await page.route('**/data/corpus.json', async (route) => {
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

test('a missing corpus says which URL failed', async () => {
  const { page } = await openPage(browser);
  await page.route('**/data/corpus.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto(ROOT_URL);
  const error = page.getByTestId('load-error');
  await error.waitFor({ timeout: 20000 });
  assert.match(await error.textContent(), /Could not fetch data\/corpus\.json: the server answered 404/);
  await page.close();
});
