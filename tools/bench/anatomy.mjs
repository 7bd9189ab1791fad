// Where a keystroke's time goes (run by `cargo xtask bench keystroke` after keystroke.mjs): the same built
// site, queries typed into the search box a key at a time, with Chromium's trace recording. Printed per
// site, as a mean per keystroke: the page's input handler (engine, DOM updates, the reactive graph; the
// layout it forces counted with the layout),
// then each phase of Chromium's rendering (style, layout with its dirty and total objects, paint, pre-paint,
// layerize, commit; raster runs on other threads and is shown apart), everything the page's main thread did
// (also after the paint: the address and title written, the tab's icon drawn again, garbage collected,
// which a fast typist's next key waits for), and the DOM calls the page makes
// (counted by wrapping the DOM's own methods), so a change to the page can be checked against the part of
// the budget it is meant to cut.
//
// Then, for the last (largest) site, the rendering by part of the screen: the same keys typed with one part
// hidden (`display: none`, set through a style sheet the page's Content-Security-Policy is told to let in),
// so the page's script does the same work while the browser lays out and paints one part less; the
// difference is that part's share. The variants are alternated round by round, as the machine's speed
// drifts.
//
//   PAPERSCOPE_KEYSTROKE_SITES="100k=http://127.0.0.1:8766/100000/" node tools/bench/anatomy.mjs
import { countDom, keystrokeSites, launchUnthrottled } from './frames.mjs';

const sites = keystrokeSites();
const QUERIES = (process.env.PAPERSCOPE_ANATOMY_QUERIES || 'diffusion model|transformer').split('|');
const browser = await launchUnthrottled();

/** Types every query a key at a time, each into a box cleared first, with a pause after each key. */
const typer = (page) => async () => {
  for (const q of QUERIES) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(80);
    for (const ch of q) {
      await page.keyboard.press(ch === ' ' ? 'Space' : ch);
      await page.waitForTimeout(80);
    }
  }
};

for (const [label, url] of sites) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(countDom);
  await page.goto(url);
  await page.waitForFunction(() => /·/.test(document.querySelector('[data-testid=result-count]')?.textContent ?? ''), null, { timeout: 300000 });
  const box = page.getByTestId('search-input');
  await box.focus();
  const typeAll = typer(page);
  await typeAll(); // warm: the first use of each code path
  await page.evaluate(() => { window.__dom = {}; });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink'] });
  await typeAll();
  const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents.filter((e) => e.ph === 'X' && e.dur);
  const dom = await page.evaluate(() => window.__dom);
  await page.close();
  const inputs = trace.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
  // The page's main thread: the renderer thread that dispatched the keys.
  const busy = trace.filter((e) => e.name === 'RunTask' && e.pid === inputs[0]?.pid && e.tid === inputs[0]?.tid).reduce((a, e) => a + e.dur, 0);
  const keys = inputs.length;
  const per = (name) => trace.filter((e) => e.name === name).reduce((a, e) => a + e.dur, 0) / 1000 / keys;
  const layouts = trace.filter((e) => e.name === 'Layout' && e.args?.beginData?.totalObjects > 100);
  const mean = (f) => (layouts.length ? layouts.reduce((a, e) => a + f(e.args.beginData), 0) / layouts.length : 0);
  // The handler's own time: the style and layout it forces (the page measures what is in view once the
  // answer is drawn) are counted with the rendering phases, not twice.
  const forced = (e) => trace.filter((r) => (r.name === 'UpdateLayoutTree' || r.name === 'Layout') && r.tid === e.tid
    && r.ts >= e.ts && r.ts + r.dur <= e.ts + e.dur).reduce((a, r) => a + r.dur, 0);
  const handler = inputs.reduce((a, e) => a + e.dur - forced(e), 0) / 1000 / keys;
  const phases = [['style', per('UpdateLayoutTree')], ['layout', per('Layout')], ['paint', per('Paint')],
    ['pre-paint', per('PrePaint')], ['layerize', per('Layerize')], ['commit', per('Commit')]];
  const f = (ms) => ms.toFixed(2);
  console.log(`\n### Where a keystroke goes, ${label} (${keys} keystrokes typing ${QUERIES.map((q) => JSON.stringify(q)).join(', ')}; mean ms per keystroke)\n`);
  console.log('| input handler | ' + phases.map(([n]) => n).join(' | ') + ' | main thread in all | main thread busy, also after the paint | raster (other threads) | layout objects dirty / total |');
  console.log('|' + '---:|'.repeat(phases.length + 5));
  console.log(`| ${f(handler)} | ${phases.map(([, ms]) => f(ms)).join(' | ')} | ${f(handler + phases.reduce((a, [, ms]) => a + ms, 0))} | ${f(busy / 1000 / keys)} | ${f(per('RasterTask'))} | ${mean((d) => d.dirtyObjects).toFixed(0)} / ${mean((d) => d.totalObjects).toFixed(0)} |`);
  const calls = Object.entries(dom).sort((a, b) => b[1] - a[1]);
  console.log(`\nDOM calls per keystroke: ${calls.map(([k, n]) => `${k} ${(n / keys).toFixed(1)}`).join(', ')}`);
}

// Rendering per keystroke with each part of the screen hidden in turn (`PAPERSCOPE_ANATOMY_ROUNDS`, 3).
const PARTS = [['nothing hidden', ''], ['result list', '.results'], ['facet sidebar', '.facets'], ['snippets', '.snippet'], ['year histogram', '.histogram']];
const ROUNDS = Number(process.env.PAPERSCOPE_ANATOMY_ROUNDS || 3);
const RENDER = ['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit'];
for (const [label, url] of sites.slice(-1)) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await page.goto(url);
  await page.waitForFunction(() => /·/.test(document.querySelector('[data-testid=result-count]')?.textContent ?? ''), null, { timeout: 300000 });
  await page.evaluate(() => { const s = document.createElement('style'); s.id = 'anatomy-hide'; document.head.append(s); });
  await page.getByTestId('search-input').focus();
  const typeAll = typer(page);
  await typeAll();
  const sums = new Map(PARTS.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, selector] of PARTS) {
      const hidden = await page.evaluate((sel) => {
        document.getElementById('anatomy-hide').textContent = sel ? `${sel} { display: none !important; }` : '';
        return !sel || [...document.querySelectorAll(sel)].every((e) => getComputedStyle(e).display === 'none');
      }, selector);
      if (!hidden) throw new Error(`could not hide ${selector}: the page's style sheet was not let in`);
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink'] });
      await typeAll();
      const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents.filter((e) => e.ph === 'X' && e.dur);
      const keys = trace.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input').length;
      const ms = trace.filter((e) => RENDER.includes(e.name)).reduce((a, e) => a + e.dur, 0) / 1000 / keys;
      sums.get(name).push(ms);
    }
  }
  await page.close();
  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const all = avg(sums.get('nothing hidden'));
  console.log(`\n### Rendering by part of the screen, ${label} (style, layout, paint, pre-paint, layerize, commit; mean ms per keystroke, ${ROUNDS} rounds alternated)\n`);
  console.log('| hidden | rendering per keystroke | each round | the part\'s share |');
  console.log('|---|---:|---|---:|');
  for (const [name, xs] of sums) {
    const share = name === 'nothing hidden' ? '' : (all - avg(xs)).toFixed(2);
    console.log(`| ${name} | ${avg(xs).toFixed(2)} | ${xs.map((x) => x.toFixed(1)).join(', ')} | ${share} |`);
  }
}
await browser.close();
