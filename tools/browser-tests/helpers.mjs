// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, against dist/ served on
// 127.0.0.1 by `cargo xtask test` (which sets the environment variables read here).
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT_URL = required('PAPERSCOPE_URL');
export const SUBPATH_URL = required('PAPERSCOPE_SUBPATH_URL');
export const DIST = required('PAPERSCOPE_DIST');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`cargo xtask test\``);
  return value;
}

/// The corpus the site serves, read from dist/ so the tests check the page against the real data.
export function servedCorpus() {
  return JSON.parse(readFileSync(join(DIST, 'data', 'corpus.json'), 'utf8'));
}

/// Matches the requests for the site's data file `name`, however the page asks for it (files the manifest
/// lists are asked for by version: `data/corpus.json?v=<checksum>`).
export function dataFile(name) {
  return new RegExp(`/data/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\?[^/]*)?$`);
}

/// Makes the page see a site made by hand (or by an older build): no manifest (`corpus.parts.json`), so it
/// reads `corpus.json` and the index and map beside it, each checked only by its own format.
export async function withoutManifest(page) {
  await page.route(dataFile('corpus.parts.json'), (route) => route.fulfill({ status: 404, body: '' }));
}

/// Serves `doc` (a corpus document, or text) as the site's corpus, as a site made by hand would: no manifest
/// and no index file, so the page reads the corpus alone and indexes it.
export async function serveCorpus(page, doc) {
  await withoutManifest(page);
  await page.route(dataFile('corpus.index'), (route) => route.fulfill({ status: 404, body: '' }));
  const body = typeof doc === 'string' ? doc : JSON.stringify(doc);
  await page.route(dataFile('corpus.json'), (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
}

/// `problems` without what the browser itself reports for a site made by hand: the 404s of the manifest and
/// the index (and their unread bodies, which Chromium counts as failed requests).
export function besidesHandMade(problems) {
  const handMade = new RegExp(`^(HTTP 404|request failed:) ${ROOT_URL}data/corpus\\.(parts\\.json|index)$`);
  const logged = 'console: Failed to load resource: the server responded with a status of 404 (Not Found)';
  return problems.filter((p) => !handMade.test(p) && p !== logged);
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

/// A new page that records console errors, uncaught exceptions and failed requests, for tests to assert on.
export async function openPage(browser) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  return { page, problems };
}

/// What the engine answers natively (the `paperscope search` CLI on the served corpus): the page must agree.
export function cliSearch(query, extra = []) {
  const cli = required('PAPERSCOPE_CLI');
  const out = execFileSync(cli, ['search', join(DIST, 'data', 'corpus.json'), query, '--limit', '20', ...extra], { maxBuffer: 1 << 28 });
  return JSON.parse(out.toString());
}

/// The ids of the results shown, in order, once the rows out of view have the answer too (they take it a
/// frame after the rows in view; the list is `aria-busy` until then).
export async function shownIds(page) {
  await settled(page);
  return page.getByTestId('result').evaluateAll((items) => items.map((li) => li.dataset.id));
}

/// Waits until no part of the page shows an older answer than the rest (`aria-busy`).
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));
}

/// The number in the result count ("288 papers · 0.3 ms").
export async function shownCount(page) {
  const text = await page.getByTestId('result-count').textContent();
  return Number(text.match(/^(\d+) papers?/)[1]);
}

/// Opens a URL of the site and waits until the results are shown.
export async function ready(page, url = ROOT_URL) {
  await page.goto(url);
  await page.getByTestId('result-count').waitFor({ timeout: 20000 });
}

/// Waits until the page shows results for the whole corpus (a corpus in parts is searched by its first
/// part while the rest arrives: `loading-partial`).
export async function complete(page) {
  await page.getByTestId('result-count').waitFor({ timeout: 20000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=loading-partial]'), null, { timeout: 20000 });
}

/// Waits until the result count reads `n`.
export function countIs(page, n) {
  return page.waitForFunction((n) => document.querySelector('[data-testid=result-count]')?.textContent.startsWith(`${n} `), n);
}

/// `n` made-up papers in the arXiv metadata snapshot's shape, as JSON Lines (about 1.5 KB each).
export function syntheticSnapshot(n) {
  const words = ['sparse', 'attention', 'kernel', 'graph', 'diffusion', 'policy', 'gradient', 'bandit', 'manifold',
    'tensor', 'protein', 'lattice', 'quantum', 'causal', 'prior', 'robust', 'stochastic', 'neural', 'spectral', 'convex'];
  let seed = 7;
  const word = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return words[seed % words.length]; };
  const sentence = (k) => Array.from({ length: k }, word).join(' ');
  const lines = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({
      id: `2699.${String(i).padStart(5, '0')}`,
      title: `Synthetic Study ${i} of ${sentence(5)}`,
      abstract: `${sentence(30)}. ${sentence(40)}. ${sentence(40)}. ${sentence(50)}.`,
      authors: `Ada Lovelace${i}, Alan Turing and Grace Hopper`,
      categories: 'cs.LG stat.ML',
      comments: '12 pages, 3 figures',
      versions: [{ version: 'v1', created: 'Mon, 2 Jan 2023 10:00:00 GMT' }],
      update_date: '2023-01-03',
    }));
  }
  return lines.join('\n') + '\n';
}
