// The map's own figures (run by `cargo xtask bench` after the keystroke benchmark, on the same sites): how
// long the map takes to read once the list shows, how much WebAssembly memory it adds, and the frames while
// panning and zooming (each pointer move or wheel turn moves the camera and draws every paper again).
//
// Chromium runs with its frame-rate limit off, so a frame follows as soon as the page's work is done: the
// interval between frames while dragging is the page's work per frame (the pointer handler, the labels, the
// WebGL draw), not the wait for a display refresh. The draw itself is the page's `paperscope:map-draw`
// measure. WebGL runs in Chromium's software renderer here (no GPU), a floor any graphics card beats.
import { keystrokeSites, launchUnthrottled } from './frames.mjs';

const sites = keystrokeSites();
const browser = await launchUnthrottled({ quiet: true });
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.round((s.length - 1) * p)] ?? NaN; };
const f = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

console.log('\n### The map in Chromium (software WebGL, frame-rate limit off)\n');
console.log('| corpus | map ready after the list | of which reading it (and folding the vectors from the index) | WebAssembly memory before -> after | draw p50 / p95 | frame while panning p50 / p95 / max | frame while zooming p50 / p95 | search by meaning per keystroke p50 / max |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [label, url] of sites) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  let ready = null;
  page.on('console', (m) => { const t = m.text(); if (t.includes('map ready')) ready = t; });
  page.on('pageerror', (e) => console.error(`${label}: page error: ${e.message}`));
  await page.goto(`${url}?view=map`);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=map]')?.dataset.points) > 0, null, { timeout: 300000 }).catch(() => null);
  if (!ready) {
    console.log(`| ${label} | no map (${await page.getByTestId('map-absent').textContent().catch(() => 'none')}) | | | | | | |`);
    await page.close();
    continue;
  }
  const [, total, decode, before, after] = ready.match(/ready in (\d+) ms \((\d+) ms reading it\); WebAssembly memory ([\d.]+ MB) -> ([\d.]+ MB)/) || [];
  await page.evaluate(() => {
    window.__draws = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__draws.push({ name: e.name, duration: e.duration }); }).observe({ entryTypes: ['measure'] });
    window.__frames = [];
    const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const box = await page.getByTestId('map').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const intervals = async (work) => {
    await page.evaluate(() => { window.__frames.length = 0; });
    await work();
    await page.waitForTimeout(100);
    const frames = await page.evaluate(() => window.__frames.slice());
    return frames.slice(1).map((t, i) => t - frames[i]);
  };
  const pan = await intervals(async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 120; i++) await page.mouse.move(cx + (i % 60) * 4 - 120, cy + (i % 30) * 3);
    await page.mouse.up();
  });
  const zoom = await intervals(async () => {
    for (let i = 0; i < 40; i++) { await page.mouse.move(cx + i, cy); await page.mouse.wheel(0, i < 20 ? -120 : 120); }
  });
  const measures = await page.evaluate(() => window.__draws.slice());
  const draws = measures.filter((m) => m.name === 'paperscope:map-draw').map((m) => m.duration);
  // Search by meaning: the query folded and every paper's vector compared, on each keystroke.
  await page.getByTestId('search-mode').selectOption('meaning');
  await page.getByTestId('search-input').focus();
  await page.evaluate(() => { window.__draws.length = 0; });
  for (const ch of 'graph neural networks for molecules') {
    await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(300);
  const meaning = (await page.evaluate(() => window.__draws.slice())).filter((m) => m.name === 'paperscope:meaning').map((m) => m.duration);
  console.log(`| ${label} | ${total} ms | ${decode} ms | ${before} -> ${after} | ${f(pct(draws, 0.5))} / ${f(pct(draws, 0.95))} ms | ${f(pct(pan, 0.5))} / ${f(pct(pan, 0.95))} / ${f(Math.max(...pan))} ms | ${f(pct(zoom, 0.5))} / ${f(pct(zoom, 0.95))} ms | ${f(pct(meaning, 0.5))} / ${f(Math.max(...meaning))} ms |`);
  await page.close();
}
await browser.close();
