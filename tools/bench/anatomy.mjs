// Where a keystroke's time goes (run by `cargo xtask bench keystroke` after keystroke.mjs): the same built
// site, queries typed into the search box a key at a time, with Chromium's trace recording. Printed per
// site, as a mean per keystroke: the page's input handler (engine, DOM updates, the reactive graph),
// then each phase of Chromium's rendering (style, layout with its dirty and total objects, paint, pre-paint,
// layerize, commit; raster runs on other threads and is shown apart), everything the page's main thread did
// (also after the paint: the address and title written, the tab's icon drawn again, garbage collected,
// which a fast typist's next key waits for), and the DOM calls the page makes
// (counted by wrapping the DOM's own methods), so a change to the page can be checked against the part of
// the budget it is meant to cut.
//
//   PAPERSCOPE_KEYSTROKE_SITES="100k=http://127.0.0.1:8766/100000/" node tools/bench/anatomy.mjs
import { chromium } from 'playwright-core';

const sites = (process.env.PAPERSCOPE_KEYSTROKE_SITES || '').split(',').filter(Boolean).map((s) => s.split('='));
if (!sites.length) {
  console.error('PAPERSCOPE_KEYSTROKE_SITES is empty: give label=url pairs');
  process.exit(2);
}
const QUERIES = (process.env.PAPERSCOPE_ANATOMY_QUERIES || 'diffusion model|transformer').split('|');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-frame-rate-limit', '--disable-gpu-vsync'],
});

/** Installed before the page's own code: counts the DOM calls that change the document. */
function countDom() {
  window.__dom = {};
  const bump = (k) => { window.__dom[k] = (window.__dom[k] || 0) + 1; };
  const wrap = (proto, name, label = name) => {
    const f = proto[name];
    proto[name] = function (...a) { bump(name === 'setAttribute' ? `setAttribute ${a[0]}` : label); return f.apply(this, a); };
  };
  wrap(Element.prototype, 'setAttribute');
  wrap(Element.prototype, 'removeAttribute');
  wrap(Node.prototype, 'insertBefore');
  wrap(Node.prototype, 'appendChild');
  wrap(Node.prototype, 'removeChild');
  wrap(Element.prototype, 'remove', 'remove (element)');
  wrap(CharacterData.prototype, 'remove', 'remove (text)');
  wrap(Document.prototype, 'createElement');
  wrap(Document.prototype, 'createTextNode');
  wrap(Node.prototype, 'cloneNode');
  wrap(EventTarget.prototype, 'addEventListener');
  wrap(EventTarget.prototype, 'removeEventListener');
  const value = Object.getOwnPropertyDescriptor(Node.prototype, 'nodeValue');
  Object.defineProperty(Node.prototype, 'nodeValue', { get: value.get, set(v) { bump('nodeValue ='); value.set.call(this, v); } });
}

for (const [label, url] of sites) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(countDom);
  await page.goto(url);
  await page.waitForFunction(() => /·/.test(document.querySelector('[data-testid=result-count]')?.textContent ?? ''), null, { timeout: 300000 });
  const box = page.getByTestId('search-input');
  await box.focus();
  const typeAll = async () => {
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
  await typeAll(); // warm: the first use of each code path
  await page.evaluate(() => { window.__dom = {}; });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink'] });
  await typeAll();
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const trace = events.filter((e) => e.ph === 'X' && e.dur);
  // The page's main thread: the renderer thread that dispatched the keys.
  const key = trace.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
  const busy = trace.filter((e) => e.name === 'RunTask' && e.pid === key?.pid && e.tid === key?.tid).reduce((a, e) => a + e.dur, 0);
  const dom = await page.evaluate(() => window.__dom);
  await page.close();
  const inputs = trace.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
  const keys = inputs.length;
  const per = (name) => trace.filter((e) => e.name === name).reduce((a, e) => a + e.dur, 0) / 1000 / keys;
  const layouts = trace.filter((e) => e.name === 'Layout' && e.args?.beginData?.totalObjects > 100);
  const mean = (f) => (layouts.length ? layouts.reduce((a, e) => a + f(e.args.beginData), 0) / layouts.length : 0);
  const handler = inputs.reduce((a, e) => a + e.dur, 0) / 1000 / keys;
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
await browser.close();
