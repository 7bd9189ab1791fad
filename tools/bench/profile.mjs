// Where a keystroke's script time goes, by function (not run by `cargo xtask bench`: it wants a build that
// keeps the WebAssembly's function names, which the shipped one drops). Chromium's sampling profiler runs
// while queries are typed a key at a time into the built site (its samples read from a trace, with the
// keys and frames); printed per key: the time spent in each function itself and with what it calls, over
// the whole keystroke, and then over only the work before its first frame (the key's events, the input
// handler, the editor's layout: what keystroke.mjs counts as script). `(program)` is the browser's own
// work (events, style, layout, paint), `(idle)` the wait between keys.
//
// A build with names: add `--debuginfo` to both `data-wasm-opt-params` in index.html, then
//   PATH=$PWD/tools/node_modules/.bin:$PATH trunk build --release --offline --dist /tmp/profdist
// (and put index.html back); serve /tmp/profdist with the corpus under data/, then
//   PAPERSCOPE_KEYSTROKE_SITES="prof=http://127.0.0.1:8766/prof/" node tools/bench/profile.mjs
import { keystrokeSites, launchUnthrottled } from './frames.mjs';

const sites = keystrokeSites();
const QUERIES = (process.env.PAPERSCOPE_PROFILE_QUERIES || 'graph neural network|diffusion model|transformer|bayesian inference').split('|');
const browser = await launchUnthrottled();

/** The page's main thread in a trace: its samples (time, node id), their call tree, and for each keystroke
 * the span from the key going down to its first frame. */
function mainThread(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const profile = mine.find((e) => e.name === 'Profile');
  const nodes = new Map();
  const samples = [];
  let t = profile.args.data.startTime;
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.pid === main.pid && e.id === profile.id)) {
    const { cpuProfile = {}, timeDeltas = [] } = chunk.args.data;
    for (const n of cpuProfile.nodes ?? []) nodes.set(n.id, n);
    (cpuProfile.samples ?? []).forEach((id, i) => { t += timeDeltas[i]; samples.push([t, id]); });
  }
  const frames = mine.filter((e) => e.name === 'WebFrameWidgetImpl::UpdateLifecycle').map((e) => e.ts).sort((a, b) => a - b);
  const keys = mine.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')
    .map((e) => [e.ts, frames.find((f) => f > e.ts) ?? e.ts]);
  return { nodes, samples, keys };
}

/** Self and inclusive milliseconds per function name over the samples `keep` accepts (by time). */
function tally({ nodes, samples }, keep) {
  const name = (n) => (n.callFrame.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}/g, '');
  const self = new Map();
  const inclusive = new Map();
  samples.forEach(([ts, id], i) => {
    if (!keep(ts)) return;
    const ms = ((samples[i + 1]?.[0] ?? ts) - ts) / 1000;
    const leaf = name(nodes.get(id));
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    const seen = new Set();
    for (let n = nodes.get(id); n; n = nodes.get(n.parent)) {
      const k = name(n);
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
  await browser.startTracing(page, { categories: ['disabled-by-default-v8.cpu_profiler', 'v8', 'blink', 'devtools.timeline'] });
  for (const q of QUERIES) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(100);
    for (const ch of q) {
      await page.keyboard.press(ch === ' ' ? 'Space' : ch);
      await page.waitForTimeout(60);
    }
  }
  const thread = mainThread(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
  const keys = thread.keys.length;
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, v]) => `| ${(v / keys).toFixed(2)} | \`${k.slice(0, 140)}\` |`).join('\n');
  const whole = tally(thread, () => true);
  const first = tally(thread, (ts) => thread.keys.some(([a, b]) => ts >= a && ts < b));
  console.log(`\n### ${label}: ms per keystroke (${keys} keys), by function itself\n\n| ms | function |\n|---:|---|\n${top(whole.self, 30)}`);
  console.log(`\n### ${label}: ms per keystroke, with what each calls\n\n| ms | function |\n|---:|---|\n${top(whole.inclusive, 60)}`);
  console.log(`\n### ${label}: before the keystroke's first frame, ms per keystroke, by function itself\n\n| ms | function |\n|---:|---|\n${top(first.self, 30)}`);
  console.log(`\n### ${label}: before the keystroke's first frame, with what each calls\n\n| ms | function |\n|---:|---|\n${top(first.inclusive, 60)}`);
  await page.close();
}
await browser.close();
