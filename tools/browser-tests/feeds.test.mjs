// The Atom feeds the site publishes (corpus/feeds.toml, written by `paperscope build`, issue 14): linked from
// the page's head, listed on the start page, offered beside a search a feed follows and beside such a saved
// search; each feed file is served, is Atom, and lists the newest papers of its view as the CLI finds them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT_URL, cliSearch, countIs, launch, openPage, ready } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const manifest = () => JSON.parse(readFileSync(join(DIST, 'data', 'corpus.parts.json'), 'utf8'));

test('the site\'s feeds are linked, listed, served as Atom and offered beside the searches they follow', async () => {
  const feeds = manifest().feeds;
  assert.ok(feeds.length >= 2, 'the seed site publishes feeds');
  const { page, problems } = await openPage(browser);
  await ready(page);
  // In the head, for feed readers and browsers.
  const linked = await page.locator('link[rel=alternate][type="application/atom+xml"]').evaluateAll((ls) => ls.map((l) => [l.title, l.href]));
  assert.deepEqual(linked, feeds.map((f) => [f.title, `${ROOT_URL}data/feeds/${f.name}.xml`]));
  // Each file is served and is an Atom feed whose entries are the view's newest papers.
  for (const feed of feeds) {
    const atom = await page.evaluate(async (href) => {
      const xml = new DOMParser().parseFromString(await (await fetch(href)).text(), 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      return {
        root: `${xml.documentElement.namespaceURI} ${xml.documentElement.localName}`,
        errors: xml.getElementsByTagName('parsererror').length,
        entries: [...xml.getElementsByTagNameNS(ns, 'entry')].map((e) => e.getElementsByTagNameNS(ns, 'title')[0].textContent),
      };
    }, `${ROOT_URL}data/feeds/${feed.name}.xml`);
    assert.equal(atom.root, 'http://www.w3.org/2005/Atom feed');
    assert.equal(atom.errors, 0);
    const params = new URLSearchParams(feed.view);
    const extra = ['--sort', 'newest'];
    for (const [key, value] of params) if (key !== 'q') extra.push('--filter', `${key}=${value}`);
    const expected = cliSearch(params.get('q') ?? '', extra);
    assert.deepEqual(atom.entries.slice(0, 20), expected.hits.map((h) => h.title), feed.name);
    assert.equal(atom.entries.length, Math.min(50, expected.total), feed.name);
  }
  // The start page lists them; following one shows its view, with the feed's icon beside the search.
  const listed = page.getByTestId('site-feed');
  assert.equal(await listed.count(), feeds.length);
  const first = feeds[0];
  await listed.first().getByRole('link', { name: first.title, exact: true }).click();
  const query = new URLSearchParams(first.view).get('q');
  await countIs(page, cliSearch(query, []).total);
  const icon = page.getByTestId('view-feed');
  assert.equal(await icon.getAttribute('href'), `data/feeds/${first.name}.xml`);
  // Saved, the search shows the feed's icon on the start page too.
  await page.getByTestId('saved-search-save').click();
  await page.goto(ROOT_URL);
  const saved = page.getByTestId('saved-search');
  await saved.first().waitFor();
  assert.equal(await saved.first().getByTestId('saved-search-feed').getAttribute('href'), `data/feeds/${first.name}.xml`);
  // Another search has no feed icon.
  await page.getByTestId('search-input').fill('zebra crossing');
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('view-feed').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
