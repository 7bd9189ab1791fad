// Screenshots of the explorer's main states, desktop and phone, light and dark, for a person to look at:
//   node tools/screenshots.mjs http://127.0.0.1:8080/ /tmp/shots
// (serve the site first with `cargo xtask serve`).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base = 'http://127.0.0.1:8080/', out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
// Each state: its address, and what a person does there before the picture is taken.
const states = {
  home: [''],
  search: ['?q=transformer&topic=In-context%20learning'],
  paper: ['?q=2510.17526&paper=arxiv:2510.17526'],
  empty: ['?q=xyzzyqwerty'],
  'unknown-year': ['?q=in-context%20learning&year=2025'],
  'partial-authors': ['?q=plateau&paper=task-diversity-shortens-the-icl-plateau'],
  'query-notes': ['?q=foo:bar%20has:pdf&paper=nope'],
  'past-the-end': ['?page=99999', (page) => page.getByTestId('page-next').scrollIntoViewIfNeeded()],
  shortcuts: ['?q=learning', async (page) => { await page.keyboard.press('ArrowDown'); await page.keyboard.press('?'); }],
  'filters-open': ['?q=learning', async (page) => {
    if (await page.locator('.filters-toggle').isVisible()) await page.locator('.filters-toggle').click();
    await page.getByTestId('facet-topic').getByTestId('facet-value').first().click();
    if (await page.getByTestId('show-results').isVisible()) await page.getByTestId('show-results').scrollIntoViewIfNeeded();
  }],
  // The library: two papers saved, the first opened with a tag, a note with a link, and marked read.
  library: ['?q=diffusion', async (page) => {
    for (const save of (await page.getByTestId('result').getByTestId('save').all()).slice(0, 2)) await save.click();
    await page.getByTestId('result').first().locator('a.title').click();
    await page.getByTestId('tag-input').fill('theory');
    await page.getByTestId('tag-input').press('Enter');
    await page.getByTestId('note-input').fill('Check the proof of lemma 2, see https://example.org/notes');
    await page.getByTestId('note-save').click();
    await page.getByTestId('read-toggle').click();
    await page.getByTestId('list-menu').locator('summary').click();
  }],
  // The same library in the sidebar: its counts and facets (the page keeps the library between states).
  'library-facets': ['?q=diffusion&list=Reading%20list', async (page) => {
    if (await page.locator('.filters-toggle').isVisible()) await page.locator('.filters-toggle').click();
    await page.getByTestId('facet-list').waitFor();
  }],
  // Mutes: the top author muted from the facet, a result's mute menu open, the chip beside the count.
  mutes: ['?q=learning', async (page) => {
    if (await page.getByTestId('muted-chip').count() === 0) {
      if (await page.locator('.filters-toggle').isVisible()) await page.locator('.filters-toggle').click();
      await page.getByTestId('facet-author').locator('li').first().getByTestId('mute').click();
      if (await page.locator('.filters-toggle').isVisible()) await page.getByTestId('show-results').click();
    }
    await page.getByTestId('result').first().getByTestId('mute').click();
  }],
  // A search saved, then the start page listing it.
  'saved-searches': ['?q=attention', async (page) => {
    if (await page.getByTestId('saved-search-save').getAttribute('aria-pressed') === 'false') await page.getByTestId('saved-search-save').click();
    await page.goto(base);
    await page.locator('[data-testid=saved-search]').first().waitFor();
  }],
  // The reading list shared: its link in the sidebar.
  'share-link': ['?q=diffusion', async (page) => {
    if (await page.locator('.filters-toggle').isVisible()) await page.locator('.filters-toggle').click();
    await page.locator('details.manage-lists summary').first().click();
    await page.locator('[data-testid=library-list]').first().getByTestId('share-list').click();
    await page.getByTestId('share-link').scrollIntoViewIfNeeded();
  }],
  // A shared link opened: the banner above its papers.
  // The map: the whole corpus, a query lighting its papers, a paper open with lines to its neighbours, zoomed
  // in with finer labels, and a drawn area as a filter.
  map: ['?view=map', (page) => page.getByTestId('map-cluster').first().waitFor()],
  'map-query': ['?view=map&q=bandit', (page) => page.getByTestId('map-cluster').first().waitFor()],
  'map-paper': ['?view=map&q=regret', async (page) => {
    const box = await page.getByTestId('map').boundingBox();
    for (let y = box.y + 20; y < box.y + box.height - 20; y += 8) {
      for (let x = box.x + 20; x < box.x + box.width - 20; x += 8) {
        await page.mouse.move(x, y);
        if (await page.getByTestId('map-tooltip').count()) { await page.mouse.click(x, y); return; }
      }
    }
  }],
  'map-zoomed': ['?view=map&map=0.4,0.5,3', (page) => page.getByTestId('map-cluster').first().waitFor()],
  'map-area': ['?view=map&q=learning&area=0.2,0.2,0.6,0.6', (page) => page.getByTestId('area-chip').waitFor()],
  'meaning-search': ['?q=large%20language%20model&mode=hybrid', (page) => page.getByTestId('result').first().waitFor()],
  'shared-list': ['?q=graph', async (page) => {
    const ids = await page.getByTestId('result').evaluateAll((els) => els.slice(0, 3).map((e) => e.dataset.id));
    await page.goto(`${base}?shared=Graphs&ids=${ids.map(encodeURIComponent).join(',')}`);
    await page.getByTestId('shared-list').waitFor();
  }],
};
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [device, viewport] of Object.entries({ desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } })) {
  for (const colorScheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport, colorScheme });
    for (const [name, [qs, act]] of Object.entries(states)) {
      await page.goto(base + qs);
      await page.getByTestId('result-count').waitFor();
      if (act) await act(page);
      await page.screenshot({ path: `${out}/${name}-${device}-${colorScheme}.png` });
    }
    await page.close();
  }
}
await browser.close();
console.log(`screenshots in ${out}/`);
