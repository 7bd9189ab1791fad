// Keystroke to paint (run by `cargo xtask bench`): the built explorer, serving corpora of several sizes with
// their index files, in Chromium; queries typed into the search box one key at a time as a person types, with
// trusted key events. For every keystroke the page records when the key went down and then every frame until
// the screen settles; the keystroke's latency is the time from the key to the end of the first frame that
// shows the final answer on screen (the result count, every result row in view whole with its highlights,
// every facet in view and the histogram), checked against the settled screen, so a stale frame never
// counts. The page draws the rows and facets out of view a frame later: the time to the frame that shows
// the whole page is printed beside it.
//
// Chromium runs with its frame-rate limit off, so a frame follows as soon as the page's work is done: the
// figure is the page's work (handler, engine, building the DOM, style, layout, paint), not the wait for the
// next display refresh, which a 60 Hz screen adds on top (0 to 16.7 ms, the same for any page).
//
// Each keystroke is typed in RUNS passes (default 3) and counts with its fastest run, as Chromium's own
// processes share this machine's cores with the page.
//
// Printed per corpus size: p50/p95/max of keystroke to paint, the part spent in script (key to the frame's
// start: handler, engine and DOM updates) and in rendering (style, layout, paint), beside the engine's own
// time for the same requests as the page measures it ("N papers · X ms"). With PAPERSCOPE_KEYSTROKE_DUMP=PATH,
// each site's keystrokes (query after the key, total, script, rendering, engine) are also written to
// PATH.<site>.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { keystrokeSites, launchUnthrottled } from './frames.mjs';

const sites = keystrokeSites();
// What people type (queries.json's `typed`, shared with the native benchmark): narrow and broad words and
// phrases, each typed into a box cleared first (an empty box shows every paper, and is timed too).
const QUERIES = process.env.PAPERSCOPE_KEYSTROKE_QUERIES?.split('|')
  ?? JSON.parse(readFileSync(new URL('./queries.json', import.meta.url))).typed;

const RUNS = Number(process.env.PAPERSCOPE_KEYSTROKE_RUNS || 3);
// `map`: the same keystrokes with the map shown instead of the list (issue 13): the frame that counts is the
// one that draws the new lighting (the map's `data-lit` is part of the settled screen).
const VIEW = process.env.PAPERSCOPE_KEYSTROKE_VIEW === 'map' ? 'map' : 'list';
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.round((s.length - 1) * p)]; };
const f = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/** Installed in the page: one record per key, with every frame until the next key. */
function watch() {
  // What the screen shows: the count, every result row in view whole (its paper, the title's highlights,
  // byline, meta line, snippet), every facet in view with the histogram, the map's lighting; and the same
  // with every row and facet of the page, in view or not (those out of view take the answer a frame later:
  // the `whole page` line).
  const state = () => {
    const count = document.querySelector('[data-testid=result-count]')?.textContent ?? '';
    const seen = (el) => { const b = el.getBoundingClientRect(); return b.bottom > 0 && b.top < innerHeight; };
    const rows = [...document.querySelectorAll('[data-testid=result]')];
    const facets = [...document.querySelectorAll('.facets section')];
    const row = (r) => `${r.dataset.id ?? ''}:${r.innerHTML}`;
    const facet = (f) => f.innerHTML;
    const lit = document.querySelector('[data-testid=map]')?.dataset.lit ?? '';
    const screen = `${count}|${rows.filter(seen).map(row).join('|')}|${facets.filter(seen).map(facet).join('|')}|${lit}`;
    return { screen, page: `${screen}|${rows.map(row).join('|')}|${facets.map(facet).join('|')}` };
  };
  window.__ks = [];
  const frame = (rec) => requestAnimationFrame(() => {
    // A record a newer key replaced reads nothing: its reading would land in the newer key's frame (as it
    // did in the box emptied right after Ctrl+A, whose two keys each start a record).
    if (window.__ks[window.__ks.length - 1] !== rec) return;
    // The page's style and layout, which the frame would do, are the page's: done before the reading.
    document.documentElement.getBoundingClientRect();
    const raf = performance.now() - rec.t0;
    // Reading the screen (every row and facet's markup) is this harness's work, not the page's: its time
    // is taken out of the frame's.
    const shown = state();
    const reading = performance.now() - rec.t0 - raf;
    const channel = new MessageChannel();
    // A task posted from a frame callback runs after that frame's style, layout and paint.
    channel.port1.onmessage = () => {
      rec.frames.push({ raf, paint: performance.now() - rec.t0 - reading, shown });
      if (rec.frames.length < 8 && window.__ks[window.__ks.length - 1] === rec) frame(rec);
    };
    channel.port2.postMessage(0);
  });
  document.addEventListener('keydown', (e) => {
    // Ctrl+A (selecting the box's text before it is emptied) is not timed: reading the screen on its
    // frames would delay the key after it.
    if (e.ctrlKey || e.key === 'Control') return;
    const rec = { key: e.key, t0: e.timeStamp, frames: [] };
    // Only the newest record is kept: every key's frames (the whole page's markup, eight times a key: up
    // to a megabyte of strings) were kept in the page for the whole run.
    window.__ks = [rec];
    frame(rec);
  }, true);
}

// Every site is opened first, each in a browser of its own (pages of one origin would share a renderer
// process), then typed into in turn, pass by pass: a drift in the machine's speed falls on all of them
// alike, so two builds compared in one run are compared under the same conditions.
const opened = [];
for (const [label, url] of sites) {
  const browser = await launchUnthrottled({ quiet: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => console.error(`${label}: page error: ${e.message}`));
  await page.goto(VIEW === 'map' ? `${url}?view=map` : url);
  await page.getByTestId('result-count').waitFor({ timeout: 300000 });
  if (VIEW === 'map') {
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=map]')?.dataset.points) > 0
      || document.querySelector('[data-testid=map-absent]'), null, { timeout: 300000 });
    const absent = await page.getByTestId('map-absent').textContent().catch(() => null);
    if (absent) {
      console.log(`\n### Keystroke to paint, ${label}, map view: no map (${absent})`);
      await browser.close();
      continue;
    }
  }
  await page.waitForFunction(() => /·/.test(document.querySelector('[data-testid=result-count]').textContent));
  await page.evaluate(watch);
  opened.push({ label, browser, page, box: page.getByTestId('search-input'), runs: [] });
}

/** Types `key` into the site's box and records its frames. */
async function typeKey({ page, box }, key, keys) {
  await page.keyboard.press(key);
  await page.waitForFunction(() => window.__ks.at(-1).frames.length >= 8, null, { timeout: 60000 });
  const rec = await page.evaluate(() => window.__ks.at(-1));
  const settled = rec.frames.at(-1).shown;
  const first = rec.frames.find((fr) => fr.shown.screen === settled.screen);
  const whole = rec.frames.find((fr) => fr.shown.page === settled.page);
  const engine = Number((settled.screen.match(/· (?:< )?([\d.]+) ms/) || [])[1]);
  keys.push({ key, total: first.paint, script: first.raf, render: first.paint - first.raf, whole: whole.paint, engine, query: await box.inputValue() });
}

// One untimed pass warms each page (first use of each code path), then RUNS timed passes; each keystroke
// counts with its fastest run (the machine's other work only ever adds time).
for (let pass = 0; pass <= RUNS; pass++) {
  for (const site of opened) {
    await site.box.focus();
    const keys = [];
    for (const q of QUERIES) {
      await site.page.keyboard.press('Control+A');
      await typeKey(site, 'Backspace', keys);
      for (const ch of q) await typeKey(site, ch, keys);
    }
    if (pass > 0) site.runs.push(keys);
  }
}

for (const { label, browser, runs } of opened) {
  const keys = runs[0].map((_, i) => runs.map((r) => r[i]).reduce((a, b) => (b.total < a.total ? b : a)));
  await browser.close();
  const col = (name) => keys.map((k) => k[name]).filter((x) => Number.isFinite(x));
  const row = (name) => { const xs = col(name); return `${f(pct(xs, 0.5))} | ${f(pct(xs, 0.95))} | ${f(Math.max(...xs))}`; };
  console.log(`\n### Keystroke to paint, ${label}${VIEW === 'map' ? ', map view' : ''} (${keys.length} keystrokes, each the fastest of ${RUNS} runs; Chromium, frame-rate limit off)\n`);
  console.log('| ms | p50 | p95 | max |');
  console.log('|---|---:|---:|---:|');
  console.log(`| keystroke to paint | ${row('total')} |`);
  console.log(`| of which script (handler, engine, DOM) | ${row('script')} |`);
  console.log(`| of which rendering (style, layout, paint) | ${row('render')} |`);
  console.log(`| the whole page, rows and facets out of view too | ${row('whole')} |`);
  console.log(`| engine alone (the page's own figure) | ${row('engine')} |`);
  if (process.env.PAPERSCOPE_KEYSTROKE_DUMP) {
    writeFileSync(`${process.env.PAPERSCOPE_KEYSTROKE_DUMP}.${label}.json`, JSON.stringify(keys.map(({ query, total, script, render, engine }) => ({ query, total, script, render, engine }))));
  }
  const slow = [...keys].sort((a, b) => b.total - a.total).slice(0, 5);
  console.log(`\nslowest: ${slow.map((k) => `${JSON.stringify(k.query)} ${f(k.total)} ms (engine ${f(k.engine)})`).join(', ')}`);
}
