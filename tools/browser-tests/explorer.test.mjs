// The explorer as a person uses it: typing, facets, sorting, paging, opening a paper, the URL after each step,
// reloading it, back and forward, the keyboard, and a corpus full of HTML that must stay text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_URL, besidesHandMade, cliSearch, countIs, dataFile, launch, openPage, ready, serveCorpus, servedCorpus, settled, shownCount, shownIds } from './helpers.mjs';

let browser;
const corpus = servedCorpus();

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const query = (page) => new URL(page.url()).searchParams;

test('typing searches on every keystroke, replaces the history entry, and matches the engine run natively', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page);
  const input = page.getByTestId('search-input');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search-input', 'focused on load');
  const before = await page.evaluate(() => history.length);
  await input.pressSequentially('transfo');
  // While typing, the last word is a prefix: the same as the CLI with --prefix.
  const expected = cliSearch('transfo', ['--prefix']);
  await countIs(page, expected.total);
  assert.deepEqual(await shownIds(page), expected.hits.map((h) => h.id));
  assert.equal(query(page).get('q'), 'transfo');
  assert.equal(await page.evaluate(() => history.length), before, 'typing replaces the entry');
  // Highlights are marks inside the title, as text.
  const marks = await page.locator('[data-testid=result] .title mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => /^transfo/i.test(m)), marks.join(','));
  assert.deepEqual(problems, []);
  await page.close();
});

/** Installed in the page: for the next key (or `__watch()`), every frame until the screen settles, with each
 * result row's paper and each facet's markup, whether each was in view, and whether the list said it was
 * behind (`aria-busy`). */
function watchFrames() {
  window.__frames = [];
  // What the screen shows now (`__screen()`, also read between keys).
  window.__screen = () => ({
    rows: [...document.querySelectorAll('[data-testid=result]')].map((r) => {
      const b = r.getBoundingClientRect();
      return { id: r.dataset.id, seen: b.bottom > 0 && b.top < innerHeight, href: r.querySelector('a.title')?.getAttribute('href') };
    }),
    facets: [...document.querySelectorAll('.facets section')].map((f) => {
      const b = f.getBoundingClientRect();
      return { id: f.dataset.testid, seen: b.bottom > 0 && b.top < innerHeight, html: f.innerHTML };
    }),
    busy: document.querySelector('.results')?.getAttribute('aria-busy') === 'true',
    count: document.querySelector('[data-testid=result-count]')?.textContent,
  });
  window.__watch = () => {
    const frames = [];
    window.__frames = frames;
    const frame = () => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      // A task posted from a frame callback runs after that frame is painted.
      channel.port1.onmessage = () => {
        frames.push(window.__screen());
        if (frames.length < 8) frame();
      };
      channel.port2.postMessage(0);
    });
    frame();
  };
  document.addEventListener('keydown', window.__watch, true);
}

test('the keystroke\'s frame draws the rows in view; the rows out of view follow a frame later, the list busy until then', async () => {
  const { page, problems } = await openPage(browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await ready(page);
  await page.evaluate(watchFrames);
  const input = page.getByTestId('search-input');
  const frames = async () => {
    await page.waitForFunction(() => window.__frames.length >= 8);
    return page.evaluate(() => window.__frames);
  };
  // Which rows and facets are on the screen (settled), by place and by facet.
  const onScreen = () => page.evaluate(() => {
    const { rows, facets } = window.__screen();
    return { rows: rows.map((r) => r.seen), facets: facets.filter((f) => f.seen).map((f) => f.id) };
  });
  const before = await onScreen();
  // From every paper (newest first) to the papers about learning: all twenty rows change.
  await input.press('l');
  const expected = cliSearch('l', ['--prefix']).hits.map((h) => h.id);
  let seen = await frames();
  const [first, last] = [seen[0], seen.at(-1)];
  assert.deepEqual(last.rows.map((r) => r.id), expected, 'every row ends with the answer');
  assert.equal(last.busy, false);
  // Each title links to its paper over the view it was found in, the rows in view from the first frame.
  const linksTo = (r) => { const u = new URL(r.href, page.url()).searchParams; return [u.get('paper'), u.get('q')]; };
  for (const r of last.rows) assert.deepEqual(linksTo(r), [r.id, 'l']);
  for (const r of first.rows.filter((r) => r.seen)) assert.deepEqual(linksTo(r), [r.id, 'l'], 'a row in view, in the first frame');
  assert.ok(first.count.startsWith(`${cliSearch('l', ['--prefix']).total} `), first.count);
  const inView = first.rows.filter((r) => r.seen);
  assert.ok(inView.length >= 3, `rows in view: ${inView.length}`);
  first.rows.forEach((r, i) => { if (r.seen) assert.equal(r.id, expected[i], `row ${i}, in view, in the first frame`); });
  // The answer's rows are shorter: a row that was below the screen comes onto it, drawn in that frame too.
  const moved = first.rows.map((r, i) => i).filter((i) => first.rows[i].seen && !before.rows[i]);
  assert.ok(moved.length > 0, 'a row the answer brings onto the screen');
  const behind = first.rows.filter((r, i) => r.id !== expected[i]);
  assert.ok(behind.length > 0 && behind.every((r) => !r.seen), 'only rows out of view wait');
  assert.equal(first.busy, true, 'the list says rows are behind');
  // So do the facets: those in view (and the histogram) show the answer in the first frame.
  const facetsInView = first.facets.filter((f) => f.seen);
  assert.ok(facetsInView.length >= 3, facetsInView.map((f) => f.id).join());
  for (const f of facetsInView) assert.equal(f.html, last.facets.find((g) => g.id === f.id)?.html, `${f.id}, in view, in the first frame`);
  // A facet the answer brings onto the screen (the groups above it shrink) is drawn in that frame too.
  await input.fill('bandi');
  await settled(page);
  const above = await onScreen();
  assert.ok(!above.facets.includes('facet-author'), above.facets.join());
  await input.press('t');
  seen = await frames();
  const author = seen[0].facets.find((f) => f.id === 'facet-author');
  assert.ok(author.seen, 'the author facet comes onto the screen');
  assert.equal(author.html, seen.at(-1).facets.find((f) => f.id === 'facet-author').html, 'facet-author, brought into view, in the first frame');
  await input.fill('l');
  await settled(page);
  // Scrolled to the end of the list, the view changes (the browser's Back, say): the rows now in view are
  // the ones drawn at once.
  await page.getByTestId('result').last().scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  await page.evaluate(() => {
    window.__watch();
    history.pushState(null, '', '?q=le');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  const again = cliSearch('le', ['--prefix']).hits.map((h) => h.id);
  seen = await frames();
  assert.deepEqual(seen.at(-1).rows.map((r) => r.id), again);
  const bottom = seen[0].rows.map((r, i) => [r, i]).filter(([r]) => r.seen);
  assert.ok(bottom.length >= 3 && bottom.at(-1)[1] === again.length - 1, `in view after scrolling: ${bottom.map(([, i]) => i)}`);
  for (const [r, i] of bottom) assert.equal(r.id, again[i], `row ${i}, in view at the end of the list, in the first frame`);
  // Scrolled to the end of the list, a key typed in the box scrolls back up to it: the rows and facets
  // that scroll brings onto the screen (measured out of view before the key) are current in its frame.
  await input.fill('l');
  await settled(page);
  await page.getByTestId('result').last().scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  const scrolled = await onScreen();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search-input');
  await page.keyboard.press('e');
  seen = await frames();
  const top = seen[0];
  const topRows = top.rows.map((r, i) => [r, i]).filter(([r]) => r.seen);
  assert.ok(topRows.length >= 3 && topRows[0][1] === 0, `in view after typing: ${topRows.map(([, i]) => i)}`);
  assert.ok(topRows.some(([, i]) => !scrolled.rows[i]), 'rows the scroll back brings onto the screen');
  for (const [r, i] of topRows) assert.equal(r.id, seen.at(-1).rows[i].id, `row ${i}, scrolled back into view, in the first frame`);
  const topFacets = top.facets.filter((f) => f.seen && f.id.startsWith('facet-'));
  assert.ok(topFacets.length >= 2 && topFacets.some((f) => !scrolled.facets.includes(f.id)), topFacets.map((f) => f.id).join());
  for (const f of topFacets) assert.equal(f.html, seen.at(-1).facets.find((g) => g.id === f.id)?.html, `${f.id}, scrolled back into view, in the first frame`);
  // No paper matches: the facets go. Emptying the box brings them back as new parts, all current in the
  // keystroke's frame (they were never measured out of view).
  await page.evaluate(() => scrollTo(0, 0));
  await input.fill('zzzqxw');
  await page.getByTestId('empty').waitFor();
  await settled(page);
  await input.selectText();
  await page.keyboard.press('Backspace');
  seen = await frames();
  const facetsBack = seen[0].facets.filter((f) => f.seen && f.id.startsWith('facet-'));
  assert.ok(facetsBack.length >= 3, facetsBack.map((f) => f.id).join());
  for (const f of facetsBack) assert.equal(f.html, seen.at(-1).facets.find((g) => g.id === f.id)?.html, `${f.id}, back in view, in the first frame`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('facets select disjunctively within a facet and conjunctively across facets, in the URL', async () => {
  const { page } = await openPage(browser);
  await ready(page);
  const topic = page.getByTestId('facet-topic').getByTestId('facet-value');
  const first = topic.nth(0);
  const second = topic.nth(1);
  const [v1, c1] = [await first.getAttribute('data-value'), Number(await first.getAttribute('data-count'))];
  const [v2, c2] = [await second.getAttribute('data-value'), Number(await second.getAttribute('data-count'))];
  await first.click();
  await countIs(page, c1);
  assert.deepEqual(query(page).getAll('topic'), [v1]);
  // The topic facet ignores its own selection: the second value still shows its own count.
  const again = page.locator(`[data-testid=facet-topic] [data-value="${v2}"]`);
  assert.equal(Number(await again.getAttribute('data-count')), c2);
  await again.click();
  const both = cliSearch('', ['--filter', `topic=${v1}`, '--filter', `topic=${v2}`]);
  await countIs(page, both.total);
  assert.ok(both.total >= Math.max(c1, c2) && both.total <= c1 + c2);
  assert.deepEqual(query(page).getAll('topic'), [v1, v2]);
  // Inputs are named by their labels (the manifest's, or what the listing says about itself).
  await settled(page);
  const sources = await page.getByTestId('facet-source').getByTestId('facet-value').evaluateAll((els) => els.map((e) => e.dataset.value));
  assert.ok(sources.includes('Jason D. Lee, author profile') && sources.includes('Daily Papers, May 28'), sources.join(' | '));
  // A second facet ANDs: pick a source.
  const source = page.getByTestId('facet-source').getByTestId('facet-value').first();
  const sourceValue = await source.getAttribute('data-value');
  await source.click();
  const all3 = cliSearch('', ['--filter', `topic=${v1}`, '--filter', `topic=${v2}`, '--filter', `source=${sourceValue}`]);
  await countIs(page, all3.total);
  assert.deepEqual(await shownIds(page), all3.hits.map((h) => h.id));
  // Reloading the URL shows the same view; back walks to the previous one.
  const url = page.url();
  await ready(page, url);
  assert.equal(await shownCount(page), all3.total);
  await page.goBack();
  await countIs(page, both.total);
  await page.goForward();
  await countIs(page, all3.total);
  await page.close();
});

test('year ranges, sorting and paging live in the URL', async () => {
  const { page } = await openPage(browser);
  await ready(page, `${ROOT_URL}?year=2024..2026&sort=title&page=2`);
  const expected = cliSearch('', ['--filter', 'year=2024..2026', '--sort', 'title', '--page', '2']);
  assert.equal(await shownCount(page), expected.total);
  assert.deepEqual(await shownIds(page), expected.hits.map((h) => h.id));
  assert.match(await page.getByTestId('page-info').textContent(), /^Page 2 of \d+/);
  await page.getByTestId('page-next').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === '3');
  const third = cliSearch('', ['--filter', 'year=2024..2026', '--sort', 'title', '--page', '3']);
  assert.deepEqual(await shownIds(page), third.hits.map((h) => h.id));
  await page.close();
});

test('result titles and similar papers are links to the paper: a plain click opens it here, Ctrl-click in a new tab', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=2510.17526`);
  const title = page.getByTestId('result').first().locator('a.title');
  const target = new URL(await title.getAttribute('href'), page.url());
  assert.equal(target.searchParams.get('paper'), 'arxiv:2510.17526');
  assert.equal(target.searchParams.get('q'), '2510.17526', 'the link keeps the view it was found in');
  const [tab] = await Promise.all([page.context().waitForEvent('page'), title.click({ modifiers: ['Control'] })]);
  await tab.getByTestId('paper-view').waitFor();
  assert.equal(await tab.getByTestId('paper-view').getAttribute('data-id'), 'arxiv:2510.17526');
  assert.equal(await page.getByTestId('paper-view').count(), 0, 'the first tab stays as it was');
  await tab.close();
  await title.click();
  const similar = page.getByTestId('paper-view').locator('.similar a').first();
  const next = new URL(await similar.getAttribute('href'), page.url()).searchParams.get('paper');
  assert.ok(next && next !== 'arxiv:2510.17526', next);
  await similar.click();
  await page.waitForFunction((id) => document.querySelector('[data-testid=paper-view]')?.dataset.id === id, next);
  assert.equal(query(page).get('paper'), next);
  assert.deepEqual(problems, []);
  await page.close();
});

test('opening a paper shows every field and similar papers; Escape closes it', async () => {
  const { page } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=2510.17526`);
  await page.getByTestId('result').first().locator('.title').click();
  const view = page.getByTestId('paper-view');
  await view.waitFor();
  assert.equal(await view.getAttribute('data-id'), 'arxiv:2510.17526');
  assert.equal(query(page).get('paper'), 'arxiv:2510.17526');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'paper-view', 'focus moves into the panel');
  const text = await view.textContent();
  assert.match(text, /NeurIPS 2025 \(accepted\)/);
  assert.match(text, /000_9052d9d6ac201a62\.txt:\d+ \(arxiv-feed\)/);
  assert.equal(await view.getByRole('link', { name: 'PDF' }).getAttribute('href'), 'https://arxiv.org/pdf/2510.17526');
  assert.ok((await view.locator('.similar li').count()) > 0);
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  assert.equal(query(page).get('paper'), null);
  // `/` focuses the search box from anywhere.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search-input');
  await page.close();
});

test('titles and abstracts with HTML and script are shown as text, never run', async () => {
  const { page, problems } = await openPage(browser);
  const evil = JSON.parse(JSON.stringify(corpus));
  evil.papers = evil.papers.slice(0, 3);
  evil.papers[0].title = '<img src=x onerror="window.__pwned=1">Evil <b>bold</b>';
  evil.papers[0].abstract = '<script>window.__pwned=2</script> evil abstract <a href="javascript:alert(1)">x</a>';
  await serveCorpus(page, evil);
  await ready(page, `${ROOT_URL}?q=evil`);
  const title = page.getByTestId('result').first().locator('.title');
  assert.equal(await title.textContent(), evil.papers[0].title);
  assert.equal(await page.locator('[data-testid=result] img, [data-testid=result] script, [data-testid=result] b').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(besidesHandMade(problems), []);
  await page.close();
});

test('j and k move through the results, Enter opens one', async () => {
  const { page } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=transformer`);
  const ids = await shownIds(page);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('j');
  assert.equal(await page.locator('[data-testid=result].active').getAttribute('data-id'), ids[1]);
  await page.keyboard.press('Enter');
  await page.getByTestId('paper-view').waitFor();
  assert.equal(await page.getByTestId('paper-view').getAttribute('data-id'), ids[1]);
  // The BibTeX of the open paper is valid-looking and names it.
  const bib = await page.getByTestId('bibtex').textContent();
  assert.match(bib, /^@(misc|inproceedings)\{[^,\s]+,\n  title = \{\{/);
  await page.close();
});

test('dragging across the year histogram chooses a range', async () => {
  const { page } = await openPage(browser);
  await ready(page);
  const bars = page.getByTestId('year-bar');
  const years = await bars.evaluateAll((gs) => gs.map((g) => Number(g.dataset.year)));
  const [from, to] = [years[years.length - 3], years[years.length - 1]];
  const box = async (y) => page.locator(`[data-testid=year-bar][data-year="${y}"] rect.hit`).boundingBox();
  const a = await box(from);
  const b = await box(to);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('year') !== null);
  assert.equal(query(page).get('year'), `${from}..${to}`);
  const expected = cliSearch('', ['--filter', `year=${from}..${to}`]);
  await countIs(page, expected.total);
  await page.close();
});

test('a long facet can be searched, and malformed URL values are ignored', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?year=abc&sort=sideways&page=-2&frobnicate=1`);
  assert.equal(await shownCount(page), corpus.papers.length);
  const topic = page.getByTestId('facet-topic');
  await topic.getByTestId('facet-filter').fill('reason');
  await settled(page);
  const values = await topic.getByTestId('facet-value').evaluateAll((bs) => bs.map((b) => b.dataset.value));
  assert.ok(values.length >= 1 && values.every((v) => /reason/i.test(v)), values.join(','));
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone-sized screen the filters fold away behind a button', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await ready(page);
  const facets = page.locator('aside.facets');
  assert.equal(await facets.isVisible(), false);
  await page.getByRole('button', { name: /^Filters/ }).click();
  assert.equal(await facets.isVisible(), true);
  await page.close();
});

test('an empty result says how to get results back', async () => {
  const { page } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=transformer&venue=COLT%202099`);
  assert.equal(await shownCount(page), 0);
  const expected = cliSearch('transformer', ['--prefix']);
  const drop = page.getByTestId('drop-filters');
  assert.match(await drop.textContent(), new RegExp(`^Remove the filters: ${expected.total} papers match without them`));
  await drop.click();
  await countIs(page, expected.total);
  assert.equal(query(page).get('venue'), null);
  await page.close();
});

test('while the corpus loads, the page says so', async () => {
  const { page } = await openPage(browser);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(dataFile('corpus.json'), async (route) => { await held; await route.continue(); });
  await page.goto(ROOT_URL);
  const loading = page.getByTestId('loading');
  await loading.waitFor();
  assert.match(await loading.textContent(), /Loading papers/);
  release();
  await page.getByTestId('result-count').waitFor({ timeout: 20000 });
  assert.equal(await loading.count(), 0);
  await page.close();
});

test('choosing a sort pushes it into the URL and orders the results as the engine does', async () => {
  const { page } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=learning`);
  const before = await page.evaluate(() => history.length);
  await page.getByLabel('Sort by').selectOption('oldest');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'oldest');
  const expected = cliSearch('learning', ['--prefix', '--sort', 'oldest']);
  assert.deepEqual(await shownIds(page), expected.hits.map((h) => h.id));
  assert.equal(await page.evaluate(() => history.length), before + 1, 'a deliberate change pushes an entry');
  await page.close();
});

test('exports download the whole current view as JSON, CSV and BibTeX', async () => {
  const { readFileSync } = await import('node:fs');
  const page = await browser.newPage({ acceptDownloads: true });
  await ready(page, `${ROOT_URL}?q=transformer&topic=In-context%20learning`);
  const total = await shownCount(page);
  const grab = async (format) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const json = await grab('json');
  assert.equal(json.name, 'papers.json');
  const papers = JSON.parse(json.text);
  assert.equal(papers.length, total);
  const expected = cliSearch('transformer', ['--prefix', '--filter', 'topic=In-context learning', '--format', 'json']);
  assert.deepEqual(papers, expected, 'the page exports what the CLI exports');
  const csv = await grab('csv');
  assert.equal(csv.name, 'papers.csv');
  assert.ok(csv.text.startsWith('id,title,'));
  const bib = await grab('bibtex');
  assert.equal(bib.name, 'papers.bib');
  assert.equal((bib.text.match(/^@/gm) || []).length, total);
  await page.close();
});
