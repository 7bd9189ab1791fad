// The browser benchmark page: our engine (WebAssembly) and the JavaScript search libraries people use, on the
// same corpus and queries. `tools/bench/run.mjs` opens it in Chromium and calls `window.bench(...)`.
//
// Each library does the text matching it can; what it cannot do, the code here does the way a user of that
// library would have to (in JavaScript): exclusions, phrases (checked on the text), ranges, has:, facet
// selections, disjunctive facet counts, sorting and the top 20.
import init, { Engine } from '../../target/bench/web/paperscope_bench_web.js';
import MiniSearch from 'minisearch';
import { Document as FlexDocument } from 'flexsearch';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import itemsjs from 'itemsjs';

const FACETS = ['year', 'venue', 'status', 'topic', 'source', 'author', 'organization', 'category'];

/** The facet values of a paper, as the engine defines them. */
function facetValues(p) {
  return {
    year: p.year != null ? [String(p.year)] : [],
    venue: p.venue ? [p.venue] : [],
    status: p.venue_status ? [p.venue_status] : [],
    topic: p.topics || [],
    source: [...new Set((p.sources || []).map((s) => s.file))],
    author: p.authors || [],
    organization: p.organization ? [p.organization] : [],
    category: p.categories || [],
  };
}

/** A query string, understood as a user of these libraries would have to: words, phrases, OR, -, field:, ranges, has:. */
export function plan(q, typing) {
  const pieces = [];
  const re = /(-?)(?:([a-z]+):)?("([^"]*)"?|[^\s"]+)/g;
  let m;
  while ((m = re.exec(q))) {
    pieces.push({ neg: m[1] === '-', field: m[2], quoted: m[3].startsWith('"'), text: m[4] ?? m[3], end: re.lastIndex });
  }
  const p = { terms: [], phrases: [], or: [], not: [], fieldTerms: [], ranges: [], has: [], ids: [], prefix: null };
  for (let i = 0; i < pieces.length; i++) {
    const x = pieces[i];
    if (x.text === 'OR') continue;
    const orNext = pieces[i + 1]?.text === 'OR';
    const orPrev = pieces[i - 1]?.text === 'OR';
    if (['year', 'upvotes', 'pages'].includes(x.field)) {
      const v = x.text;
      let min = -Infinity, max = Infinity;
      if (v.includes('..')) { const [a, b] = v.split('..'); if (a) min = +a; if (b) max = +b; }
      else if (v.startsWith('>=')) min = +v.slice(2);
      else if (v.startsWith('>')) min = +v.slice(1) + 1;
      else if (v.startsWith('<=')) max = +v.slice(2);
      else if (v.startsWith('<')) max = +v.slice(1) - 1;
      else { min = max = +v; }
      p.ranges.push({ field: x.field, min, max });
    } else if (x.field === 'has') p.has.push(x.text);
    else if (x.field === 'id' || /^\d{4}\.\d{4,5}$/.test(x.text)) p.ids.push(x.text);
    else if (x.neg) p.not.push(x.text);
    else if (orNext || orPrev) { if (!orPrev) p.or.push([]); p.or[p.or.length - 1].push(x.text); }
    else if (x.field) p.fieldTerms.push({ field: x.field === 'author' ? 'authors' : x.field === 'topic' ? 'topics' : x.field, text: x.text });
    else if (x.quoted) p.phrases.push(x.text);
    else {
      p.terms.push(x.text);
      if (typing && x.end === q.length) p.prefix = x.text;
    }
  }
  return p;
}

const norm = (s) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** The clauses a library cannot check, checked on the papers: phrases, ranges, has:, ids. */
function applyClauses(ctx, p, ids) {
  const { papers } = ctx;
  if (p.phrases.length) {
    const phrases = p.phrases.map(norm);
    ids = ids.filter((i) => { const t = norm(papers[i].title + ' ' + papers[i].abstract); return phrases.every((ph) => t.includes(ph)); });
  }
  for (const r of p.ranges) ids = ids.filter((i) => { const v = papers[i][r.field]; return v != null && v >= r.min && v <= r.max; });
  for (const h of p.has) ids = ids.filter((i) => (h === 'code' ? papers[i].code_urls?.length > 0 : h === 'arxiv' ? !!papers[i].arxiv_id : true));
  if (p.ids.length) ids = ids.filter((i) => p.ids.some((id) => papers[i].arxiv_id === id || papers[i].id === id));
  return ids;
}

/** Post-processing shared by the libraries: clauses, disjunctive facets, sort, top 20. */
function finish(ctx, p, matched, query) {
  const { papers, values } = ctx;
  const ids = applyClauses(ctx, p, [...matched.keys()]);
  // Disjunctive facet counts: a facet counts over the documents that pass every other facet's selection.
  const sel = {};
  for (const [k, v] of query.filters || []) (sel[k] ||= []).push(v);
  const passes = (i, k) => sel[k].some((v) => {
    if (k === 'year' && v.includes('..')) { const [a, b] = v.split('..').map(Number); const y = papers[i].year; return y >= a && y <= b; }
    return values[i][k].includes(v);
  });
  const active = Object.keys(sel);
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Map()]));
  const results = [];
  for (const i of ids) {
    const failed = active.filter((k) => !passes(i, k));
    if (failed.length > 1) continue;
    if (failed.length === 0) results.push(i);
    for (const f of failed.length === 0 ? FACETS : failed) {
      for (const v of values[i][f]) counts[f].set(v, (counts[f].get(v) || 0) + 1);
    }
  }
  for (const f of FACETS) [...counts[f].entries()].sort((a, b) => b[1] - a[1]).slice(0, 100);
  const sort = query.sort || 'relevance';
  const key = {
    newest: (i) => -(Date.parse(papers[i].published || '') || -Infinity),
    oldest: (i) => Date.parse(papers[i].published || '') || Infinity,
    upvotes: (i) => -(papers[i].upvotes ?? -1),
    title: (i) => papers[i].title.toLowerCase(),
  }[sort === 'relevance' && !(p.terms.length + p.phrases.length + p.or.length + p.fieldTerms.length) ? 'newest' : sort];
  if (key) results.sort((a, b) => { const x = key(a), y = key(b); return x < y ? -1 : x > y ? 1 : 0; });
  else results.sort((a, b) => matched.get(b) - matched.get(a));
  return { total: results.length, top: results.slice(0, 20).map((i) => papers[i].id) };
}

/** All documents, score 0 (a query with no words). */
const everything = (n) => new Map(Array.from({ length: n }, (_, i) => [i, 0]));

function intersect(a, b) { const out = new Map(); for (const [k, v] of a) if (b.has(k)) out.set(k, v + b.get(k)); return out; }

/** Word-level matching with a library that answers one query string at a time. */
function combine(ctx, p, searchWords) {
  let m = null;
  const and = (x) => { m = m ? intersect(m, x) : x; };
  const words = [...p.terms, ...p.phrases.flatMap((ph) => ph.split(/\s+/))].filter(Boolean);
  if (words.length) and(searchWords(words, { prefix: p.prefix }));
  for (const ft of p.fieldTerms) and(searchWords([ft.text], { field: ft.field }));
  for (const alts of p.or) { const u = new Map(); for (const a of alts) for (const [k, v] of searchWords([a], {})) u.set(k, (u.get(k) || 0) + v); and(u); }
  m ||= everything(ctx.papers.length);
  for (const n of p.not) for (const k of searchWords([n], {}).keys()) m.delete(k);
  return m;
}

function paperscopeEngine(engine, fromFile) {
  if (engine.from_file() !== fromFile) throw new Error(`expected the index ${fromFile ? 'from its file' : 'built'}`);
  return {
    run: (q) => { const [total, first] = JSON.parse(engine.search(JSON.stringify(q))); return { total, top: [first] }; },
    memory: () => Engine.memory_bytes(),
    timings: () => Array.from(engine.timings()),
  };
}

const ENGINES = {
  // As the explorer opens a hosted corpus: the papers from the corpus JSON, the index from its file.
  async paperscope(text, ctx, bytes, indexBytes) {
    await init();
    return paperscopeEngine(await Engine.open(bytes, indexBytes), true);
  },
  // As the explorer opens a corpus that has no index file: the index is built in the page.
  async 'paperscope-built'(text, ctx, bytes) {
    await init();
    return paperscopeEngine(await Engine.open(bytes, undefined), false);
  },
  async minisearch(text, ctx) {
    const ms = new MiniSearch({ idField: 'i', fields: ['title', 'abstract', 'authors', 'venue', 'topics'] });
    ms.addAll(ctx.papers.map((x, i) => ({ i, title: x.title, abstract: x.abstract, authors: (x.authors || []).join(' '), venue: x.venue || '', topics: (x.topics || []).join(' ') })));
    const searchWords = (words, o) => new Map(ms.search(words.join(' '), {
      combineWith: 'AND',
      fields: o.field ? [o.field] : undefined,
      prefix: (t) => o.prefix != null && norm(t) === norm(o.prefix).split(/\W+/).pop(),
      fuzzy: (t) => (t.length >= 5 ? 0.2 : false),
      boost: { title: 3, authors: 2 },
    }).map((r) => [r.id, r.score]));
    return { run: (q) => { const p = plan(q.q, q.typing); return finish(ctx, p, combine(ctx, p, searchWords), q); } };
  },
  async flexsearch(text, ctx) {
    const index = new FlexDocument({ tokenize: 'forward', document: { id: 'i', index: ['all', 'title', 'authors'] } });
    ctx.papers.forEach((x, i) => index.add({ i, all: `${x.title} ${x.abstract} ${(x.authors || []).join(' ')} ${x.venue || ''} ${(x.topics || []).join(' ')}`, title: x.title, authors: (x.authors || []).join(' ') }));
    const searchWords = (words, o) => {
      const field = o.field === 'title' || o.field === 'authors' ? o.field : 'all';
      const res = index.search(words.join(' '), { index: field, limit: ctx.papers.length });
      const ids = res[0]?.result || [];
      // FlexSearch ranks but gives no scores: rank order stands in for them.
      return new Map(ids.map((id, r) => [id, ids.length - r]));
    };
    return { run: (q) => { const p = plan(q.q, q.typing); return finish(ctx, p, combine(ctx, p, searchWords), q); } };
  },
  async orama(text, ctx) {
    const db = create({ schema: { title: 'string', abstract: 'string', authors: 'string', venue: 'string', topics: 'string' } });
    await insertMultiple(db, ctx.papers.map((x, i) => ({ id: String(i), title: x.title, abstract: x.abstract, authors: (x.authors || []).join(' '), venue: x.venue || '', topics: (x.topics || []).join(' ') })), 5000);
    const searchWords = (words, o) => {
      const r = oramaSearch(db, { term: words.join(' '), properties: o.field ? [o.field] : '*', threshold: 0, tolerance: words.some((w) => w.length >= 5) ? 1 : 0, limit: ctx.papers.length, boost: { title: 3, authors: 2 } });
      const hits = r.then ? null : r.hits;
      return new Map((hits || []).map((h) => [Number(h.id), h.score]));
    };
    return { run: (q) => { const p = plan(q.q, q.typing); return finish(ctx, p, combine(ctx, p, searchWords), q); } };
  },
  async itemsjs(text, ctx) {
    const aggregations = Object.fromEntries(FACETS.map((f) => [f, { title: f, size: 100, conjunction: false }]));
    // ItemsJS takes ids from 1: an id of 0 is lost when results are limited to a list of ids.
    const items = ctx.papers.map((x, i) => ({ id: i + 1, title: x.title, abstract: x.abstract, ...ctx.values[i] }));
    const engine = itemsjs(items, { searchableFields: ['title', 'abstract'], aggregations });
    const all = ctx.papers.map((_, i) => i);
    return {
      run: (q) => {
        const p = plan(q.q, q.typing);
        // ItemsJS matches words natively and counts facets itself; exclusions, phrases, ranges, has: and OR
        // need a list of allowed ids made in JavaScript.
        const words = [...p.terms, ...p.phrases, ...p.fieldTerms.map((f) => f.text)].join(' ');
        let ids;
        if (p.not.length || p.phrases.length || p.ranges.length || p.has.length || p.ids.length || p.or.length) {
          ids = applyClauses(ctx, p, all);
          const text = (i) => norm(ctx.papers[i].title + ' ' + ctx.papers[i].abstract);
          for (const n of p.not) ids = ids.filter((i) => !text(i).includes(norm(n)));
          for (const alts of p.or) ids = ids.filter((i) => alts.some((a) => text(i).includes(norm(a))));
          // Given ids, ItemsJS skips its text search: the words are checked here too.
          for (const w of words.split(/\s+/).filter(Boolean)) ids = ids.filter((i) => text(i).includes(norm(w)));
          ids = ids.map((i) => i + 1);
        }
        const filters = {};
        for (const [k, v] of q.filters || []) (filters[k] ||= []).push(v);
        const r = engine.search({ query: ids ? '' : words, filters, per_page: 20, ids });
        return { total: r.pagination.total, top: r.data.items.map((x) => ctx.papers[x.id - 1].id) };
      },
    };
  },
};

window.bench = async ({ engine, corpusUrl, queries, reps }) => {
  const status = document.getElementById('status');
  status.textContent = `${engine}: fetching`;
  const bytes = new Uint8Array(await (await fetch(corpusUrl)).arrayBuffer());
  const ours = engine.startsWith('paperscope');
  const indexBytes = engine === 'paperscope'
    ? new Uint8Array(await (await fetch(corpusUrl.replace(/\.json$/, '.index'))).arrayBuffer())
    : undefined;
  const text = ours ? '' : new TextDecoder().decode(bytes);
  globalThis.gc?.();
  const heapBefore = performance.memory?.usedJSHeapSize ?? 0;
  const t0 = performance.now();
  let ctx = null;
  if (!ours) {
    const papers = JSON.parse(text).papers;
    ctx = { papers, values: papers.map(facetValues) };
  }
  const e = await ENGINES[engine](text, ctx, bytes, indexBytes);
  const buildMs = performance.now() - t0;
  globalThis.gc?.();
  const heapAfter = performance.memory?.usedJSHeapSize ?? 0;
  status.textContent = `${engine}: querying`;
  const out = [];
  for (const q of queries) {
    const times = [];
    let result;
    for (let r = 0; r < 3; r++) {
      const s = performance.now();
      for (let k = 0; k < reps; k++) result = e.run(q);
      times.push((performance.now() - s) / reps);
    }
    times.sort((a, b) => a - b);
    out.push({ q: q.q, ms: times[1], total: result.total, first: result.top[0] ?? '' });
  }
  status.textContent = `${engine}: done`;
  return { engine, buildMs, split: e.timings?.(), jsHeap: heapAfter - heapBefore, wasmMemory: e.memory?.() ?? 0, queries: out };
};
document.getElementById('status').textContent = 'ready';
