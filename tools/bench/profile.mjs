// Where a keystroke's script time goes, by function (not run by `cargo xtask bench`: it wants a build that
// keeps the WebAssembly's function names, which the shipped one drops). Chromium's sampling profiler runs
// while queries are typed a key at a time into the built site; printed per key: the time spent in each
// function itself and with what it calls. `(program)` is the browser's own work (events, style, layout,
// paint), `(idle)` the wait between keys.
//
// A build with names: add `--debuginfo` to both `data-wasm-opt-params` in index.html, then
//   PATH=$PWD/tools/node_modules/.bin:$PATH trunk build --release --offline --dist /tmp/profdist
// (and put index.html back); serve /tmp/profdist with the corpus under data/, then
//   PAPERSCOPE_KEYSTROKE_SITES="prof=http://127.0.0.1:8766/prof/" node tools/bench/profile.mjs
import { keystrokeSites, launchUnthrottled } from './frames.mjs';

const sites = keystrokeSites();
const QUERIES = (process.env.PAPERSCOPE_PROFILE_QUERIES || 'graph neural network|diffusion model|transformer|bayesian inference').split('|');
const browser = await launchUnthrottled();

/** Self and inclusive milliseconds per function name over a CPU profile. */
function tally(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => (n.callFrame.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}/g, '');
  const self = new Map();
  const inclusive = new Map();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = name(byId.get(id));
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const k = name(byId.get(at));
      if (!seen.has(k)) {
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
      }
    }
  });
  return { self, inclusive };
}

for (const [label, url] of sites) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Profiled once the page is idle: the corpus open and its map read and folded, or the page's word that it
  // has none ("This corpus has no map", "The map file ... is ..."); after two minutes without either, anyway.
  const mapped = page.waitForEvent('console', { predicate: (m) => /map ready|has no map|The map file/.test(m.text()), timeout: 120000 })
    .catch(() => console.error(`${label}: the page never said its map was read; profiling anyway`));
  await page.goto(url);
  await page.waitForFunction(() => /·/.test(document.querySelector('[data-testid=result-count]')?.textContent ?? ''), null, { timeout: 300000 });
  await mapped;
  await page.waitForTimeout(500);
  const box = page.getByTestId('search-input');
  await box.focus();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  let keys = 0;
  for (const q of QUERIES) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(100);
    for (const ch of q) {
      await page.keyboard.type(ch);
      keys += 1;
      await page.waitForTimeout(60);
    }
  }
  const { profile } = await cdp.send('Profiler.stop');
  const { self, inclusive } = tally(profile);
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, v]) => `| ${(v / keys).toFixed(2)} | \`${k.slice(0, 140)}\` |`).join('\n');
  console.log(`\n### ${label}: ms per keystroke (${keys} keys), by function itself\n\n| ms | function |\n|---:|---|\n${top(self, 30)}`);
  console.log(`\n### ${label}: ms per keystroke, with what each calls\n\n| ms | function |\n|---:|---|\n${top(inclusive, 60)}`);
  await page.close();
}
await browser.close();
