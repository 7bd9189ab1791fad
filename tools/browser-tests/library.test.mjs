// Your library (issue 12): saving, tags, notes and read marks kept across reloads; the library's facets and
// query conditions against a count of what the test itself marked; hide read; backup, a fresh profile and
// restore; two tabs; a full disk that loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_URL, cliSearch, countIs, ready, launch, openPage, shownCount, shownIds } from './helpers.mjs';
import { keptOnDevice } from '../host.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Every library record the page has stored, as plain objects sorted by kind and content.
async function storedFacts(page) {
  const facts = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('paperscope');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('library')) { db.close(); resolve([]); return; }
      const all = db.transaction('library').objectStore('library').getAll();
      all.onsuccess = () => { db.close(); resolve(all.result); };
      all.onerror = () => reject(all.error);
    };
  }));
  return facts.map((f) => JSON.stringify(f)).sort();
}

/// Waits until the stored library has a record matching `predicate` (writes are asynchronous).
async function storedWhere(page, predicate) {
  for (let i = 0; i < 100; i++) {
    const facts = (await storedFacts(page)).map((f) => JSON.parse(f));
    if (facts.some(predicate)) return facts;
    await page.waitForTimeout(50);
  }
  throw new Error('the library record never reached the browser storage');
}

const facetValue = (page, facet, value) => page.getByTestId(`facet-${facet}`).locator(`[data-testid=facet-value][data-value="${value}"]`);

async function openPaper(page, id) {
  await page.locator(`[data-testid=result][data-id="${id}"] a.title`).click();
  await page.getByTestId('paper-view').waitFor();
}

async function addTag(page, tag) {
  await page.getByTestId('tag-input').fill(tag);
  await page.getByTestId('tag-input').press('Enter');
  await page.locator(`[data-testid=tag][data-value="${tag}"]`).waitFor();
}

test('saved, tagged, noted and read papers are still so after a reload', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=diffusion`);
  const [first] = await shownIds(page);
  const save = page.locator(`[data-testid=result][data-id="${first}"] [data-testid=save]`);
  assert.equal(await save.getAttribute('aria-pressed'), 'false');
  await save.click();
  assert.equal(await save.getAttribute('aria-pressed'), 'true');
  await openPaper(page, first);
  const view = page.getByTestId('paper-view');
  assert.equal(await view.getByTestId('save').getAttribute('aria-pressed'), 'true');
  await addTag(page, 'theory');
  // A note is text: markup stays letters, only http(s) addresses become links.
  await page.getByTestId('note-input').fill('Check lemma 2 <b>carefully</b> https://example.org/proof javascript:alert(1)');
  await page.getByTestId('note-save').click();
  await page.getByTestId('note').waitFor();
  assert.deepEqual(await page.getByTestId('note').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['https://example.org/proof']);
  assert.equal(await page.getByTestId('note').locator('b').count(), 0);
  await page.getByTestId('read-toggle').click();
  assert.equal(await page.getByTestId('read-toggle').getAttribute('aria-pressed'), 'true');
  await storedWhere(page, (f) => f.kind === 'read' && f.paper === first);

  await page.reload();
  await page.getByTestId('paper-view').waitFor();
  await page.locator('[data-testid=tag][data-value=theory]').waitFor();
  assert.equal(await page.getByTestId('paper-view').getByTestId('save').getAttribute('aria-pressed'), 'true');
  assert.match(await page.getByTestId('note').textContent(), /Check lemma 2 <b>carefully<\/b>/);
  assert.equal(await page.getByTestId('read-toggle').getAttribute('aria-pressed'), 'true');
  assert.equal(await facetValue(page, 'list', 'Reading list').getAttribute('data-count'), '1');
  assert.equal(await facetValue(page, 'tag', 'theory').getAttribute('data-count'), '1');
  assert.equal(await facetValue(page, 'read', 'yes').getAttribute('data-count'), '1');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the library facets and is:/tag:/list:/note: agree with what was marked', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=learning`);
  const ids = (await shownIds(page)).slice(0, 4);
  const total = await shownCount(page);
  // Save the first three with the star; tag two; mark one read; note one; the fourth only tagged.
  for (const id of ids.slice(0, 3)) {
    await page.locator(`[data-testid=result][data-id="${id}"] [data-testid=save]`).click();
  }
  for (const [id, tag] of [[ids[0], 'theory'], [ids[1], 'theory'], [ids[3], 'Bandits']]) {
    await openPaper(page, id);
    await addTag(page, tag);
    await page.keyboard.press('Escape');
  }
  await openPaper(page, ids[2]);
  await page.getByTestId('read-toggle').click();
  await page.getByTestId('note-input').fill('revisit the hypothesis');
  await page.getByTestId('note-save').click();
  await page.getByTestId('note').waitFor();
  await page.keyboard.press('Escape');

  const expect = { 'is:saved': 3, 'tag:theory': 2, 'tag:bandits': 1, 'is:read': 1, 'note:hypoth': 1, 'list:"Reading list"': 3, '-is:read': null };
  for (const [q, n] of Object.entries(expect)) {
    await ready(page, `${ROOT_URL}?q=${encodeURIComponent(q)}`);
    const all = await page.evaluate(() => Number(document.querySelector('[data-testid=result-count]').textContent.match(/^(\d+)/)[1]));
    if (n === null) assert.ok(all > 3, q); else assert.equal(all, n, q);
  }
  await ready(page, `${ROOT_URL}?q=learning`);
  assert.equal(await facetValue(page, 'list', 'Reading list').getAttribute('data-count'), '3');
  assert.equal(await facetValue(page, 'tag', 'theory').getAttribute('data-count'), '2');
  assert.equal(await facetValue(page, 'read', 'yes').getAttribute('data-count'), '1');
  assert.equal(await facetValue(page, 'read', 'no').getAttribute('data-count'), String(total - 1));
  // Facets of the library combine like any other: in the URL, narrowing across facets.
  await ready(page, `${ROOT_URL}?q=learning&list=Reading%20list&tag=theory`);
  assert.deepEqual((await shownIds(page)).sort(), [ids[0], ids[1]].sort());
  // What the library's filters leave out reads as a sentence.
  assert.match(await page.locator('[data-testid=left-out][data-facet=tag]').textContent(), /^The tag filter leaves out 1 paper with no tag\./);
  await ready(page, `${ROOT_URL}?q=learning&list=Reading%20list`);
  assert.equal(await page.locator('[data-testid=left-out][data-facet=list]').textContent().then((t) => t.match(/^The list filter leaves out (\d+) papers? in no list\./)?.[1]), String(total - 3));
  // Hide read papers: the read=no filter.
  await ready(page, `${ROOT_URL}?q=learning`);
  await page.getByTestId('hide-read').check();
  await countIs(page, total - 1);
  assert.equal(new URL(page.url()).searchParams.get('read'), 'no');
  assert.ok(!(await shownIds(page)).includes(ids[2]));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a backup restored in a fresh profile gives the same library', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=attention`);
  const ids = (await shownIds(page)).slice(0, 2);
  await page.locator(`[data-testid=result][data-id="${ids[0]}"] [data-testid=save]`).click();
  await openPaper(page, ids[1]);
  await addTag(page, 'to read');
  await page.getByTestId('list-menu').locator('summary').click();
  await page.getByTestId('new-list').fill('Theory');
  await page.getByTestId('new-list').press('Enter');
  await page.getByTestId('note-input').fill('a note');
  await page.getByTestId('note-save').click();
  await storedWhere(page, (f) => f.kind === 'note');
  await storedWhere(page, (f) => f.kind === 'saved' && f.list === 'Theory');
  // A saved search and a mute go with it too.
  await page.keyboard.press('Escape');
  await page.getByTestId('saved-search-save').click();
  await page.locator('details.mutes summary').click();
  await page.getByTestId('mute-word').fill('survey');
  await page.getByTestId('mute-word-add').click();
  await storedWhere(page, (f) => f.kind === 'search');
  await storedWhere(page, (f) => f.kind === 'mute');
  const before = await storedFacts(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('library-export').click()]);
  const file = join(mkdtempSync(join(tmpdir(), 'paperscope-backup-')), 'library.json');
  await download.saveAs(file);
  const backup = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(backup.format, 'paperscope-library');
  assert.equal(backup.version, 1);
  await page.close();

  // A fresh profile: nothing kept.
  const fresh = await openPage(browser);
  await ready(fresh.page, `${ROOT_URL}?q=attention`);
  assert.deepEqual(await storedFacts(fresh.page), []);
  await fresh.page.getByTestId('library-import').setInputFiles(file);
  await fresh.page.getByTestId('library-restored').waitFor();
  await storedWhere(fresh.page, (f) => f.kind === 'mute');
  assert.deepEqual(await storedFacts(fresh.page), before);
  assert.equal(await fresh.page.locator(`[data-testid=result][data-id="${ids[0]}"] [data-testid=save]`).getAttribute('aria-pressed'), 'true');
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.page.close();
});

test('a change in one tab shows in the other without a reload', async () => {
  const context = await browser.newContext();
  const [a, b] = [await context.newPage(), await context.newPage()];
  await ready(a, `${ROOT_URL}?q=graph`);
  await ready(b, `${ROOT_URL}?q=graph`);
  const [first, second] = await shownIds(a);
  await a.locator(`[data-testid=result][data-id="${first}"] [data-testid=save]`).click();
  const inB = b.locator(`[data-testid=result][data-id="${first}"] [data-testid=save]`);
  await b.waitForFunction((id) => document.querySelector(`[data-testid=result][data-id="${id}"] [data-testid=save]`).getAttribute('aria-pressed') === 'true', first);
  assert.equal(await inB.getAttribute('aria-pressed'), 'true');
  // And back, while the first tab's change stays.
  await b.locator(`[data-testid=result][data-id="${second}"] [data-testid=save]`).click();
  await a.waitForFunction((id) => document.querySelector(`[data-testid=result][data-id="${id}"] [data-testid=save]`).getAttribute('aria-pressed') === 'true', second);
  assert.equal(await a.locator(`[data-testid=result][data-id="${first}"] [data-testid=save]`).getAttribute('aria-pressed'), 'true');
  await context.close();
});

test('a full disk loses nothing: the change is refused with a message and the library stays whole', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=policy`);
  // The site's data is kept on the device after the results show (the map last): the quota below is measured
  // once all of it is there, or a late file would take the room left for the library.
  await keptOnDevice(page);
  // The browser's own quota for this site, made smaller than what a long note needs (set before the first
  // write: Chromium reads a site's quota when it first writes).
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(ROOT_URL).origin;
  const usage = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage.usage + 10000 });
  const [first] = await shownIds(page);
  await page.locator(`[data-testid=result][data-id="${first}"] [data-testid=save]`).click();
  await storedWhere(page, (f) => f.kind === 'saved' && f.paper === first);
  const before = await storedFacts(page);
  await openPaper(page, first);
  await page.getByTestId('note-input').fill('x'.repeat(20000));
  await page.getByTestId('note-save').click();
  const notice = page.getByTestId('library-notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), /That change was not saved: the browser's storage .*full.*Your library is as it was before it/);
  await page.waitForFunction(() => !document.querySelector('[data-testid=note]'));
  assert.deepEqual(await storedFacts(page), before);
  assert.equal(await page.getByTestId('paper-view').getByTestId('save').getAttribute('aria-pressed'), 'true');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  assert.deepEqual(problems, []);
  await page.close();
});

test('an answer that needs the library waits for it, and says so when an older tab holds the storage', async () => {
  const context = await browser.newContext();
  await context.route(`${ROOT_URL}blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,">' }));
  // A tab of the first release: the database at version 1, its connection kept open and deaf to upgrades.
  const old = await context.newPage();
  await old.goto(`${ROOT_URL}blank.html`);
  await old.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('paperscope', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('imports');
    open.onsuccess = () => { window.held = open.result; resolve(); };
    open.onerror = () => reject(open.error);
  }));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${ROOT_URL}?q=${encodeURIComponent('is:unread diffusion')}`);
  // No count until the library is read: "0 papers" or all papers would be wrong for a moment.
  await page.getByTestId('library-reading').waitFor({ timeout: 20000 });
  assert.equal(await page.getByTestId('result-count').count(), 0);
  // It does not wait forever: after a while the answer shows, with a sentence about the library.
  await page.getByTestId('result-count').waitFor();
  assert.match(await page.getByTestId('library-notice').textContent(), /still being read.*another Paperscope tab/);
  const [first] = await shownIds(page);
  assert.ok(first);
  // A paper saved meanwhile is kept once the old tab closes and the library is read; the sentence goes.
  const save = page.locator(`[data-testid=result][data-id="${first}"] [data-testid=save]`);
  await save.click();
  await old.evaluate(() => window.held.close());
  await page.waitForFunction(() => !/still being read/.test(document.querySelector('[data-testid=library-notice]')?.textContent ?? ''));
  await storedWhere(page, (f) => f.kind === 'saved' && f.paper === first);
  assert.equal(await save.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('mutes hide papers from every view, the chip shows them again, and they are listed and removable', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=learning`);
  const total = await shownCount(page);
  // Mute the top author from the facet: their papers leave the results and the author's facet.
  const author = page.getByTestId('facet-author').locator('[data-testid=facet-value]').first();
  const [name, count] = [await author.getAttribute('data-value'), Number(await author.getAttribute('data-count'))];
  // The facet value's mute button is named by the value (`aria-labelledby`), as a screen reader says it.
  await page.getByTestId('facet-author').getByRole('button', { name: `Mute ${name}`, exact: true }).click();
  await countIs(page, total - count);
  assert.equal(await page.getByTestId('muted-chip').textContent(), `${count} muted`);
  assert.equal(await facetValue(page, 'author', name).count(), 0);
  // The chip shows them again, marked, and hides them again.
  await page.getByTestId('muted-chip').click();
  await countIs(page, total);
  assert.equal(new URL(page.url()).searchParams.get('muted'), 'show');
  assert.equal(await page.getByTestId('muted-chip').getAttribute('aria-pressed'), 'true');
  assert.ok(await page.locator('[data-testid=result].muted').count() > 0);
  await page.getByTestId('muted-chip').click();
  await countIs(page, total - count);
  // From a result's menu: its venue (or another of its values); then a word, from the sidebar.
  const row = page.locator('[data-testid=result]').first();
  await row.getByTestId('mute').click();
  const choice = row.getByTestId('mute-choice').last();
  const chosen = await choice.getAttribute('data-value');
  await choice.click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=result-count]').textContent.match(/^(\d+)/)[1]) < n, total - count);
  assert.deepEqual(await page.getByTestId('muted-item').evaluateAll((els) => els.map((e) => e.dataset.value)).then((v) => v.sort()), [`author ${name}`, chosen].sort());
  // Kept across a reload.
  await page.reload();
  await page.getByTestId('muted-chip').waitFor();
  // Unmuted, everything is back.
  await page.locator('details.mutes summary').click();
  for (let i = 0; i < 2; i++) await page.getByTestId('unmute').first().click();
  await countIs(page, total);
  assert.equal(await page.getByTestId('muted-chip').count(), 0);
  // A word hides the papers with it in the title or abstract: what the query language's phrase finds.
  await page.getByTestId('mute-word').fill('  learning ');
  await page.getByTestId('mute-word-add').click();
  const left = cliSearch('learning -title:"learning" -abstract:"learning"').total;
  await countIs(page, left);
  assert.equal(await page.getByTestId('muted-chip').textContent(), `${total - left} muted`);
  assert.deepEqual(await page.getByTestId('muted-item').evaluateAll((els) => els.map((e) => e.dataset.value)), ['the word “learning”']);
  await storedWhere(page, (f) => f.kind === 'mute');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a saved search says how many papers are new after an import, and opening it makes them seen', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=attention&sort=newest`);
  const n = await shownCount(page);
  const save = page.getByTestId('saved-search-save');
  await save.click();
  assert.match(await page.getByTestId('saved-search-note').textContent(), /^Saved as “attention”/);
  assert.equal(await save.getAttribute('aria-pressed'), 'true');
  await save.click();
  assert.equal(await page.getByTestId('saved-search-note').textContent(), 'Already saved as “attention”.');
  // Listed on the start page with what it finds now; nothing new yet.
  await ready(page, ROOT_URL);
  const saved = page.locator('[data-testid=saved-search][data-name="attention"]');
  assert.equal(await saved.getAttribute('data-new'), '0');
  assert.equal(await saved.getAttribute('data-count'), String(n));
  // Two papers about attention arrive with an import: two new.
  const lines = [1, 2].map((i) => JSON.stringify({ id: `2699.0000${i}`, title: `Songbird Attention ${i}`, abstract: 'How songbirds pay attention.' })).join('\n');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-text').fill(lines);
  await page.getByTestId('import-submit').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=saved-search]')?.dataset.new === '2');
  assert.equal(await saved.getAttribute('data-count'), String(n + 2));
  assert.match(await saved.textContent(), /2 new/);
  // Opening it shows the view; back on the start page, nothing is new.
  await saved.locator('a').click();
  await countIs(page, n + 2);
  assert.equal(new URL(page.url()).search, '?q=attention&sort=newest');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-testid=saved-search]')?.dataset.new === '0');
  await page.getByTestId('import-stored').waitFor();
  await page.reload();
  await saved.waitFor();
  assert.equal(await saved.getAttribute('data-new'), '0');
  // Renamed (a name of one's own), then deleted.
  page.once('dialog', (dialog) => dialog.accept('  Attention,   songbirds '));
  await saved.getByTestId('saved-search-rename').click();
  const renamed = page.locator('[data-testid=saved-search][data-name="Attention, songbirds"]');
  await renamed.waitFor();
  await storedWhere(page, (f) => f.kind === 'search' && f.search.name === 'Attention, songbirds');
  await renamed.getByTestId('saved-search-delete').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=saved-search]'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a list shared by link opens in a fresh profile with its papers, and is saved there', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=graph`);
  const ids = (await shownIds(page)).slice(0, 3);
  // A list "Graphs" made from the first paper's list menu, the other two added to it.
  for (const [i, id] of ids.entries()) {
    await ready(page, `${ROOT_URL}?q=graph&paper=${encodeURIComponent(id)}`);
    await page.getByTestId('list-menu').locator('summary').click();
    if (i === 0) {
      await page.getByTestId('new-list').fill('Graphs');
      await page.getByTestId('new-list').press('Enter');
    } else {
      await page.getByTestId('list-menu').getByLabel('Graphs').check();
    }
    await storedWhere(page, (f) => f.kind === 'saved' && f.list === 'Graphs' && f.paper === id);
  }
  await page.locator('details.manage-lists summary').first().click();
  const row = page.locator('[data-testid=library-list][data-name="Graphs"]');
  await row.getByTestId('share-list').click();
  const link = await row.getByTestId('share-link').inputValue();
  assert.ok(link.startsWith(ROOT_URL) && link.includes('shared=Graphs&ids='), link);
  // A fresh profile: the link shows those papers and says so; saved, they are a list there.
  const fresh = await openPage(browser);
  await ready(fresh.page, link);
  const banner = fresh.page.getByTestId('shared-list');
  assert.match(await banner.textContent(), /Shared with you: “Graphs”, 3 papers\./);
  assert.deepEqual((await shownIds(fresh.page)).sort(), [...ids].sort());
  await fresh.page.getByTestId('shared-save').click();
  await countIs(fresh.page, 3);
  assert.equal(new URL(fresh.page.url()).searchParams.get('list'), 'Graphs');
  assert.equal(await facetValue(fresh.page, 'list', 'Graphs').getAttribute('data-count'), '3');
  await storedWhere(fresh.page, (f) => f.kind === 'list' && f.name === 'Graphs');
  // A link past the limit keeps the first 300 ids and says how many it left out; unknown ids are counted.
  const many = Array.from({ length: 305 }, (_, i) => `nowhere-${i}`);
  await ready(fresh.page, `${ROOT_URL}?shared=Big&ids=${[ids[0], ...many].join(',')}`);
  assert.match(await fresh.page.getByTestId('shared-list').textContent(), /“Big”, 300 papers \(299 not in these papers\)\. The link held 6 more, left out: a link carries at most 300\./);
  await countIs(fresh.page, 1);
  // Any list, at any size, as a file: the list and its papers, restored like a backup in another profile.
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('list-export').click()]);
  const file = join(mkdtempSync(join(tmpdir(), 'paperscope-list-')), 'Graphs.paperscope-list.json');
  await download.saveAs(file);
  const listFile = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(listFile.library.lists, [{ name: 'Graphs', papers: ids }]);
  assert.deepEqual(listFile.library.marks, {});
  const third = await openPage(browser);
  await ready(third.page, ROOT_URL);
  await third.page.getByTestId('library-import').setInputFiles(file);
  await third.page.getByTestId('library-restored').waitFor();
  await storedWhere(third.page, (f) => f.kind === 'saved' && f.list === 'Graphs' && f.paper === ids[2]);
  await ready(third.page, `${ROOT_URL}?list=Graphs`);
  await countIs(third.page, 3);
  assert.deepEqual([...problems, ...fresh.problems, ...third.problems], []);
  await Promise.all([page.close(), fresh.page.close(), third.page.close()]);
});

test('without storage the library works for the visit, says it will not be kept, and backs up', async () => {
  const { page, problems } = await openPage(browser);
  // A browser that offers no IndexedDB to the page (some private windows).
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  await ready(page, `${ROOT_URL}?q=graph`);
  const notice = page.getByTestId('library-notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), /works for this visit but will not be kept: this browser offers no storage to this page\. Back it up/);
  const [first] = await shownIds(page);
  await page.locator(`[data-testid=result][data-id="${first}"] [data-testid=save]`).click();
  assert.equal(await facetValue(page, 'list', 'Reading list').getAttribute('data-count'), '1');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('library-export').click()]);
  const backup = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(backup.library.lists[0], { name: 'Reading list', papers: [first] });
  assert.deepEqual(problems, []);
  await page.close();
});

test('with the setting on, opening a paper marks it read; the setting is kept', async () => {
  const { page, problems } = await openPage(browser);
  await ready(page, `${ROOT_URL}?q=policy`);
  const [first, second] = await shownIds(page);
  await openPaper(page, first);
  assert.equal(await page.getByTestId('read-toggle').getAttribute('aria-pressed'), 'false', 'off by default');
  await page.keyboard.press('Escape');
  await page.getByTestId('open-marks-read').check();
  await openPaper(page, second);
  assert.equal(await page.getByTestId('read-toggle').getAttribute('aria-pressed'), 'true');
  // Unmarked by hand, it stays unmarked while it is open.
  await page.getByTestId('read-toggle').click();
  assert.equal(await page.getByTestId('read-toggle').getAttribute('aria-pressed'), 'false');
  await page.reload();
  await page.getByTestId('paper-view').waitFor();
  assert.equal(await page.getByTestId('open-marks-read').isChecked(), true);
  assert.deepEqual(problems, []);
  await page.close();
});
