// Runs the browser benchmark: each engine in its own page of Debian's Chromium, on the corpora that
// `cargo xtask bench` wrote to target/bench/, with the queries of queries.json. Prints a table per corpus
// size, our time divided by each library's, and where the hit counts differ.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.env.PAPERSCOPE_BENCH_URL; // serves the project root
const sizes = (process.env.PAPERSCOPE_BENCH_SIZES || '1000,10000,100000').split(',').map(Number);
const engines = (process.env.PAPERSCOPE_BENCH_ENGINES || 'paperscope,paperscope-built,minisearch,flexsearch,orama,itemsjs').split(',');
const queries = JSON.parse(readFileSync(new URL('./queries.json', import.meta.url))).queries;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc --max-old-space-size=8192',
    '--enable-precise-memory-info'],
});
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.round((s.length - 1) * p)]; };
const f = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

for (const n of sizes) {
  const results = {};
  for (const engine of engines) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`${engine}: ${e.message}`));
    await page.goto(`${base}tools/bench/page.html`);
    await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
    // Slow libraries get fewer repetitions per timing; each timing is still the median of three.
    const reps = n >= 100000 ? 1 : n >= 10000 ? 2 : 5;
    try {
      results[engine] = await page.evaluate((args) => window.bench(args), { engine, corpusUrl: `${base}target/bench/corpus-${n}.json`, queries, reps });
    } catch (e) {
      console.error(`${engine} at ${n}: ${e.message.split('\n')[0]}`);
    }
    await page.close();
  }
  const ours = results.paperscope;
  console.log(`\n### ${n} papers (Chromium, WebAssembly for Paperscope)\n`);
  console.log('| engine | build | memory | p50 | p95 | max | ours/theirs p50 | ours/theirs p95 | same total |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [engine, r] of Object.entries(results)) {
    const ms = r.queries.map((q) => q.ms);
    const mem = engine.startsWith('paperscope') ? `${(r.wasmMemory / 1e6).toFixed(0)} MB wasm` : `${(r.jsHeap / 1e6).toFixed(0)} MB JS heap`;
    const ratio = (p) => (ours ? (pct(ours.queries.map((q) => q.ms), p) / pct(ms, p)).toFixed(2) : '');
    const same = ours ? r.queries.filter((q, i) => q.total === ours.queries[i].total).length : 0;
    const what = engine === 'paperscope' ? 'index file' : 'index';
    const build = r.split ? `${f(r.buildMs)} ms (parse ${f(r.split[0])} + ${what} ${f(r.split[1])})` : `${f(r.buildMs)} ms`;
    console.log(`| ${engine} | ${build} | ${mem} | ${f(pct(ms, 0.5))} ms | ${f(pct(ms, 0.95))} ms | ${f(Math.max(...ms))} ms | ${ratio(0.5)} | ${ratio(0.95)} | ${same}/${ms.length} |`);
  }
  if (ours && process.env.PAPERSCOPE_BENCH_DIFFS) {
    for (const [engine, r] of Object.entries(results)) {
      if (engine.startsWith('paperscope')) continue;
      const diffs = r.queries.map((q, i) => [q.q, ours.queries[i].total, q.total]).filter(([, a, b]) => a !== b);
      console.log(`\n${engine}: totals that differ from ours (query, ours, theirs): ${diffs.map((d) => JSON.stringify(d)).join(' ')}`);
    }
  }
}
await browser.close();
