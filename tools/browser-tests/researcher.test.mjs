// What a researcher sees (issue 15): honest citations, unknown values as facet values, one name per person,
// finding any facet value, filter links in results, the page title, the keyboard from the search box to a
// paper and back, the year chart by keyboard, paging, the query notes, unknown paper links, a phone's
// filters, and arXiv's own pages pasted in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT_URL, countIs, ready, launch, openPage, servedCorpus, shownCount, shownIds, serveCorpus, besidesHandMade } from './helpers.mjs';

let browser;
const corpus = servedCorpus();

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const params = (page) => new URL(page.url()).searchParams;
const focusedTestId = (page) => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);

/// Serves `papers` as the site's corpus (with no index file, so the page indexes them) before opening it.
async function withCorpus(page, papers, url = ROOT_URL) {
  await serveCorpus(page, { ...corpus, papers });
  await ready(page, url);
}

const paper = (id, title, authors, extra = {}) => ({
  id, title, untitled: false, abstract: `${title}. An abstract about it.`, abstract_truncated: false,
  arxiv_id: null, published: null, updated: null, year: 2024, authors, author_count: authors.length,
  organization: null, upvotes: null, comment: null, pages: null, figures: null, venue: null, venue_status: null,
  code_urls: [], topics: [], categories: [], sources: [{ file: 'test.jsonl', line: 1, format: 'json' }], ...extra,
});

test('a profile paper says its author list is partial, in the view, the BibTeX and the warning', async () => {
  const { page, problems } = await openPage(browser);
  const profile = corpus.papers.find((p) => p.authors_partial && p.authors.length === 1);
  await ready(page, `${ROOT_URL}?paper=${encodeURIComponent(profile.id)}`);
  const view = page.getByTestId('paper-view');
  await view.waitFor();
  assert.match(await view.textContent(), new RegExp(`${profile.authors[0]} and others`));
  assert.match(await page.getByTestId('paper-incomplete').textContent(), /^Incomplete record: not every author named/);
  const bibtex = await page.getByTestId('bibtex').textContent();
  assert.match(bibtex, new RegExp(`author = \\{${profile.authors[0].replace(/\./g, '\\.')} and others\\}`));
  assert.match(bibtex, /note = \{Incomplete record: not every author named/);
  // A feed paper: no authors, and a title made from its abstract, said before anyone copies it.
  const feed = corpus.papers.find((p) => p.untitled && p.authors.length === 0);
  await page.goto(`${ROOT_URL}?paper=${encodeURIComponent(feed.id)}`);
  await page.getByTestId('paper-incomplete').waitFor();
  assert.match(await page.getByTestId('paper-incomplete').textContent(), /no authors, title derived from the abstract/);
  assert.match(await page.getByTestId('bibtex').textContent(), /note = \{Incomplete record: no authors, title derived from the abstract/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('papers without a year are a value of the year facet, and a year filter says how many it leaves out', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=${encodeURIComponent('in-context learning')}`);
  const total = await shownCount(page);
  const years = page.getByTestId('facet-year');
  const none = years.locator('[data-value=none]');
  await none.waitFor();
  assert.match(await none.textContent(), /^No year/);
  const unknown = Number(await none.getAttribute('data-count'));
  assert.ok(unknown > 0 && unknown < total, `${unknown} of ${total}`);
  // Choose a year: the papers with no year leave, and a note says so with a way back.
  const year = years.locator('[data-testid=facet-value]:not([data-value=none])').first();
  const yearCount = Number(await year.getAttribute('data-count'));
  await year.click();
  await countIs(page, yearCount);
  const note = page.getByTestId('left-out');
  await note.waitFor();
  assert.match(await note.textContent(), new RegExp(`^The year filter leaves out ${unknown} papers? with no year\\.`));
  await page.getByTestId('include-unknown').click();
  await countIs(page, yearCount + unknown);
  assert.deepEqual(params(page).getAll('year').sort(), [await year.getAttribute('data-value'), 'none'].sort());
  assert.equal(await note.count(), 0);
  // The unknown value alone, from a link.
  await ready(page, `${ROOT_URL}?year=none`);
  await countIs(page, corpus.papers.filter((p) => p.year == null).length);
  assert.match(await page.getByTestId('chip').first().textContent(), /^Year: No year/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('one person spelled several ways is one author value, and the find box finds any value', async () => {
  const { page, problems } = await openPage(browser);
  // 130 authors with one paper each, then Zhiyuan Li: far down a list the facet shows only the top of.
  const papers = Array.from({ length: 130 }, (_, i) => paper(`p${i}`, `Paper number ${i}`, [`Author Number${i}`]));
  papers.push(paper('z', 'A paper by Zhiyuan', ['Zhiyuan Li']));
  papers.push(paper('j1', 'Jordan one', ['Michael I. Jordan']), paper('j2', 'Jordan two', ['Michael I. Jordan']));
  papers.push(paper('j3', 'Jordan three', ['Michael I Jordan']), paper('j4', 'Jordan four', ['M. I. Jordan']));
  await withCorpus(page, papers);
  const authors = page.getByTestId('facet-author');
  const jordan = authors.locator('[data-value="Michael I. Jordan"]');
  assert.equal(await jordan.getAttribute('data-count'), '3', 'two spellings, one value');
  assert.equal(await authors.locator('[data-value="Zhiyuan Li"]').count(), 0, 'not among the values listed');
  const find = authors.getByTestId('facet-filter');
  await find.fill('jordan');
  await authors.locator('[data-value="M. I. Jordan"]').waitFor();
  assert.equal(await authors.locator('[data-value="M. I. Jordan"]').getAttribute('data-count'), '1', 'other initials stay apart');
  assert.equal(await authors.locator('[data-value="Michael I Jordan"]').count(), 0);
  await page.getByTestId('search-input').fill('paper');
  await find.fill('zhiyuan');
  await authors.locator('[data-value="Zhiyuan Li"]').waitFor();
  assert.equal(await authors.locator('[data-value="Zhiyuan Li"]').getAttribute('data-count'), '1');
  // Esc in the find box empties it and leaves the query alone.
  await find.press('Escape');
  assert.equal(await find.inputValue(), '');
  assert.equal(await page.getByTestId('search-input').inputValue(), 'paper');
  assert.equal(params(page).get('q'), 'paper');
  // Any spelling in a link selects the person.
  await ready(page, `${ROOT_URL}?author=${encodeURIComponent('Michael I Jordan')}`);
  await countIs(page, 3);
  assert.deepEqual(besidesHandMade(problems), []);
  await page.close();
});

test('a result names its first authors, venue and topics as links that narrow the view', async () => {
  const { page, problems } = await openPage(browser);
  const papers = [
    paper('a', 'Attention in graphs', ['Ada One', 'Bo Two', 'Cy Three', 'Di Four'], { venue: 'ICML 2025', venue_status: 'accepted', topics: ['Graph learning'] }),
    paper('b', 'Attention elsewhere', ['Ada One'], { authors_partial: true }),
    paper('c', 'Attention again', ['Eve Five']),
  ];
  await withCorpus(page, papers);
  await page.getByTestId('search-input').fill('attention');
  await countIs(page, 3);
  const first = page.locator('[data-testid=result][data-id=a]');
  assert.deepEqual(await first.getByTestId('result-author').allTextContents(), ['Ada One', 'Bo Two', 'Cy Three']);
  assert.match(await first.locator('.byline').textContent(), /Cy Three, et al\.$/);
  assert.match(await page.locator('[data-testid=result][data-id=b] .byline').textContent(), /Ada One and others$/);
  assert.equal(await first.getByTestId('result-venue').textContent(), 'ICML 2025');
  assert.equal(await first.getByTestId('result-topic').textContent(), 'Graph learning');
  // The link's address is the narrowed view (for a new tab), and a plain click narrows in place.
  const link = first.getByTestId('result-author').first();
  await link.hover();
  assert.equal(await link.getAttribute('href'), '?q=attention&author=Ada%20One');
  await link.click();
  await countIs(page, 2);
  assert.equal(params(page).get('author'), 'Ada One');
  assert.equal(params(page).get('q'), 'attention');
  await page.waitForFunction(() => document.title === 'attention, Ada One - Paperscope');
  await page.locator('[data-testid=result][data-id=a] [data-testid=result-venue]').click();
  await countIs(page, 1);
  assert.deepEqual(besidesHandMade(problems), []);
  await page.close();
});

test('the page title and headings follow the view', async () => {
  const { page } = await openPage(browser);
  await ready(page);
  assert.equal(await page.title(), 'Paperscope');
  assert.equal(await page.locator('h1').count(), 1);
  assert.deepEqual(await page.locator('h2').allTextContents(), ['Filters', 'Results']);
  await page.getByTestId('search-input').fill('diffusion');
  await page.waitForFunction(() => document.title === 'diffusion - Paperscope');
  await page.getByTestId('result').first().locator('a.title').click();
  await page.getByTestId('paper-view').waitFor();
  const title = await page.getByTestId('paper-view').locator('h2').textContent();
  await page.waitForFunction((t) => document.title === `${t} - Paperscope`, title);
  await page.close();
});

test('by keyboard alone: search, reach the results, open one, stay in it, close it, land back on it', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page);
  await page.keyboard.type('learning');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'learning');
  const ids = await shownIds(page);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=result]')?.dataset.id), ids[0]);
  await page.keyboard.press('j');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=result]')?.dataset.id), ids[1]);
  await page.keyboard.press('Enter');
  await page.getByTestId('paper-view').waitFor();
  assert.equal(params(page).get('paper'), ids[1]);
  // Tab never leaves the open paper.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement.closest('[data-testid=paper-view]')), `tab ${i} left the panel`);
  }
  await page.keyboard.press('Shift+Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('[data-testid=paper-view]')));
  await page.keyboard.press('Escape');
  await page.getByTestId('paper-view').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=result]')?.dataset.id), ids[1], 'focus back on the result');
  // k goes back up, and ↑ from the first result returns to the search box.
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedTestId(page), 'search-input');
  assert.equal(params(page).get('q'), 'learning', 'the query is kept');
  // ? lists the shortcuts (anywhere but in a field); Esc closes the list and keeps the query.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts').waitFor();
  assert.match(await page.getByTestId('shortcuts').textContent(), /Keyboard shortcuts/);
  await page.keyboard.press('Escape');
  await page.getByTestId('shortcuts').waitFor({ state: 'detached' });
  assert.equal(params(page).get('q'), 'learning');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Enter on a facet value keeps the focus on it, and Esc in the "Add papers" box keeps the query', async () => {
  const { page } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=learning`);
  const value = page.getByTestId('facet-topic').getByTestId('facet-value').first();
  const name = await value.getAttribute('data-value');
  await value.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => new URL(location.href).searchParams.get('topic') === n, name);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.value), name);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed')), 'true');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-text').fill('something');
  await page.getByTestId('import-text').press('Escape');
  assert.equal(params(page).get('q'), 'learning');
  await page.close();
});

test('the year chart is operated with the arrow keys', async () => {
  const { page } = await openPage(browser);
  await ready(page);
  const bars = await page.getByTestId('year-bar').evaluateAll((gs) => gs.map((g) => Number(g.dataset.year)));
  const newest = Math.max(...bars);
  await page.getByTestId('year-chart').focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((y) => new URL(location.href).searchParams.get('year') === String(y), newest);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((y) => new URL(location.href).searchParams.get('year') === String(y), newest - 1);
  await page.keyboard.press('Shift+ArrowRight');
  await page.waitForFunction((y) => new URL(location.href).searchParams.get('year') === `${y - 1}..${y}`, newest);
  assert.equal(await page.getByTestId('year-chart').getAttribute('aria-valuetext'), `${newest - 1} to ${newest}`);
  assert.equal(await focusedTestId(page), 'year-chart', 'the chart keeps the focus');
  await page.close();
});

test('paging goes back to the top, offers first, last and a page number, and a page past the end says so', async () => {
  const { page } = await openPage(browser);
  await page.setViewportSize({ width: 1280, height: 700 });
  await ready(page);
  const pages = Math.ceil(corpus.papers.length / 20);
  await page.getByTestId('page-next').scrollIntoViewIfNeeded();
  assert.ok(await page.evaluate(() => scrollY) > 300);
  await page.getByTestId('page-next').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === '2');
  await page.waitForFunction(() => document.querySelector('[data-testid=result-count]').getBoundingClientRect().top >= -1);
  assert.ok(await page.evaluate(() => document.querySelector('[data-testid=result-count]').getBoundingClientRect().top < 200));
  await page.getByTestId('page-last').click();
  await page.waitForFunction((n) => new URL(location.href).searchParams.get('page') === String(n), pages);
  await page.getByTestId('page-number').fill('3');
  await page.getByTestId('page-number').press('Enter');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === '3');
  assert.match(await page.getByTestId('page-info').textContent(), new RegExp(`^Page 3 of ${pages}`));
  await page.getByTestId('page-first').click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.get('page'));
  await page.goto(`${ROOT_URL}?page=99999`);
  await page.getByTestId('page-note').waitFor();
  assert.match(await page.getByTestId('page-note').textContent(), new RegExp(`There is no page 99999: these results end on page ${pages}`));
  assert.match(await page.getByTestId('page-info').textContent(), new RegExp(`^Page ${pages} of ${pages}`));
  await page.close();
});

test('the query box says what it did not understand, and an unfinished word keeps its results', async () => {
  const { page } = await openPage(browser);
  await ready(page);
  const notes = page.getByTestId('query-notes');
  for (const [q, said] of [
    ['has:pdf', /has:pdf is unknown; use has:code, has:arxiv, has:venue or has:abstract/],
    ['year:abc', /year:abc is not a number or range/],
    ['foo:bar', /foo: is not a field, so it was read as words; the fields are title:/],
  ]) {
    await page.getByTestId('search-input').fill(q);
    await notes.waitFor();
    assert.match(await notes.textContent(), said, q);
  }
  // Typed a key at a time, an unfinished phrase, field or connected word never flashes "No papers match"
  // once the unfinished part has begun.
  for (const typed of ['"gradient desc', 'in-contex', 'author:le']) {
    await page.getByTestId('search-input').fill('');
    for (const ch of typed) {
      await page.keyboard.type(ch);
      const q = await page.getByTestId('search-input').inputValue();
      await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, q);
      if (/["\-:][a-z]+$/i.test(q)) {
        assert.equal(await page.getByTestId('empty').count(), 0, `${q} showed "No papers match" while typing`);
      }
    }
    assert.ok(await shownCount(page) > 0, typed);
    assert.equal(await notes.count(), 0, `${typed} is no mistake while typing`);
  }
  // Brackets alone are no query: every paper, newest first, as with an empty box.
  await page.getByTestId('search-input').fill('');
  const empty = await shownIds(page);
  await page.getByTestId('search-input').fill('((((');
  await countIs(page, corpus.papers.length);
  assert.deepEqual(await shownIds(page), empty);
  await page.close();
});

test('a link to a paper this corpus does not have says so', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=learning&paper=nope`);
  await page.getByTestId('paper-missing').waitFor();
  assert.match(await page.getByTestId('paper-missing').textContent(), /“nope”, which is not in this corpus/);
  await page.getByTestId('paper-missing').getByRole('button').click();
  await page.getByTestId('paper-missing').waitFor({ state: 'detached' });
  assert.equal(params(page).get('paper'), null);
  assert.equal(params(page).get('q'), 'learning');
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone, the open filters end in a button back to the results with their count', async () => {
  const { page } = await openPage(browser);
  await page.setViewportSize({ width: 390, height: 844 });
  await ready(page, `${ROOT_URL}?q=learning`);
  await page.locator('.filters-toggle').click();
  const value = page.getByTestId('facet-topic').getByTestId('facet-value').first();
  const n = Number(await value.getAttribute('data-count'));
  await value.click();
  await countIs(page, n);
  const show = page.getByTestId('show-results');
  assert.ok(await show.isVisible());
  assert.equal(await show.textContent(), `Show ${n} paper${n === 1 ? '' : 's'}`);
  await show.click();
  assert.ok(!(await page.getByTestId('facet-topic').isVisible()), 'the filters fold away');
  assert.ok(await page.evaluate(() => document.querySelector('[data-testid=result-count]').getBoundingClientRect().top < 300));
  await page.close();
});

test("arXiv's own listing and search pages pasted into the page are read with every field", async () => {
  const { page, problems } = await openPage(browser);
  await ready(page);
  await page.getByTestId('import-open').click();
  const fixture = (name) => readFileSync(new URL(`../../crates/paperscope-corpus/tests/fixtures/${name}`, import.meta.url), 'utf8');
  await page.getByTestId('import-text').fill(fixture('arxiv-list-new.txt'));
  await page.getByTestId('import-submit').click();
  await page.waitForFunction(() => /arxiv-list · 5 papers read · 0 problems/.test(document.querySelector('[data-testid=import-report]').textContent));
  await page.getByTestId('import-text').fill(fixture('arxiv-search.txt'));
  await page.getByTestId('import-submit').click();
  await page.waitForFunction(() => /arxiv-search · 3 papers read · 0 problems/.test(document.querySelector('[data-testid=import-report]').textContent));
  // The note and the search page share a paper: merged into one, with its authors once.
  await page.getByTestId('search-input').fill('Dmitri Ivanov');
  await countIs(page, 1);
  // Each page names itself in the source badges.
  assert.deepEqual(await page.getByTestId('result').first().locator('.src').allTextContents(), ['arXiv Machine Learning', 'arXiv search: all: in-context learning theory']);
  await page.getByTestId('result').first().locator('a.title').click();
  const view = page.getByTestId('paper-view');
  await view.waitFor();
  const text = await view.textContent();
  assert.match(text, /Dmitri Ivanov, Ève Laurent/);
  assert.match(text, /cs\.LG/);
  assert.match(await page.getByTestId('bibtex').textContent(), /eprint = \{2511\.20017\}/);
  assert.deepEqual(problems, []);
  await page.close();
});
