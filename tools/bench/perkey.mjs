// Each keystroke alone (run by `cargo xtask bench keystroke` after anatomy.mjs): queries typed a key at a
// time into the built site, and for every key the time from the key to the end of the frame that follows
// it, the script part of it, and how many DOM calls the page made (counted by wrapping the DOM's own
// methods, which adds a little to each call: read the times here against each other, and keystroke.mjs for
// the figure). It shows what a keystroke costs in proportion to: a key that changes only the count is the
// page's floor; a key that replaces the page of results and the facet lists makes a thousand DOM calls or
// more. The last line types the same keys into a blank page (an input and a line of text), the machine's
// own floor.
//
//   PAPERSCOPE_KEYSTROKE_SITES="100k=http://127.0.0.1:8766/100000/" node tools/bench/perkey.mjs
import { countDom, keystrokeSites, launchUnthrottled } from './frames.mjs';

const sites = keystrokeSites();
const QUERIES = (process.env.PAPERSCOPE_PERKEY_QUERIES || 'graph neural network').split('|');
const browser = await launchUnthrottled();

/** Installed before the page's own code, after `countDom`: times each key to the end of its frame, with the
 * DOM calls made meanwhile. */
function timeKeys() {
  const calls = () => Object.values(window.__dom).reduce((a, n) => a + n, 0);
  document.addEventListener('keydown', (e) => {
    const [t0, before] = [e.timeStamp, calls()];
    requestAnimationFrame(() => {
      const script = performance.now() - t0;
      const channel = new MessageChannel();
      // A task posted from a frame callback runs after that frame's style, layout and paint.
      channel.port1.onmessage = () => { window.__key = { script, paint: performance.now() - t0, calls: calls() - before }; };
      channel.port2.postMessage(0);
    });
  }, true);
}

const BLANK = '<!doctype html><meta charset=utf-8><input><p>0 papers</p><script>'
  + "document.querySelector('input').oninput = (e) => { document.querySelector('p').textContent = `${e.target.value.length} papers`; };</script>";

async function typeInto(page, box) {
  const keys = [];
  for (let pass = 0; pass < 2; pass++) {
    keys.length = 0;
    for (const q of QUERIES) {
      await box.fill('');
      await page.waitForTimeout(200);
      for (const ch of q) {
        await page.keyboard.press(ch === ' ' ? 'Space' : ch);
        await page.waitForTimeout(200);
        keys.push({ text: await box.inputValue(), ...(await page.evaluate(() => window.__key)) });
      }
    }
  }
  return keys; // the second pass: the first warms the page's code paths
}

const f = (ms) => ms.toFixed(1);
for (const [label, url] of sites) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(countDom);
  await page.addInitScript(timeKeys);
  await page.goto(url);
  await page.waitForFunction(() => /·/.test(document.querySelector('[data-testid=result-count]')?.textContent ?? ''), null, { timeout: 300000 });
  const box = page.getByTestId('search-input');
  await box.focus();
  const keys = await typeInto(page, box);
  await page.close();
  console.log(`\n### Each keystroke, ${label} (the second of two passes; DOM calls counted, so times run a little high)\n`);
  console.log('| typed | key to paint (ms) | of which script | DOM calls |');
  console.log('|---|---:|---:|---:|');
  for (const k of keys) console.log(`| \`${k.text}\` | ${f(k.paint)} | ${f(k.script)} | ${k.calls} |`);
}
const blank = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await blank.addInitScript(countDom);
await blank.addInitScript(timeKeys);
await blank.goto(`data:text/html,${encodeURIComponent(BLANK)}`);
const input = blank.locator('input');
await input.focus();
const keys = await typeInto(blank, input);
const times = keys.map((k) => k.paint).sort((a, b) => a - b);
console.log(`\nA blank page (an input and a line of text), the same keys: key to paint p50 ${f(times[Math.floor(times.length / 2)])}, max ${f(times.at(-1))} ms`);
await browser.close();
