// A local static host that behaves like the common free ones (GitHub Pages, Cloudflare Pages): files from
// `root` (a folder's index.html for the folder), the query string ignored, text types (HTML, CSS, JavaScript,
// JSON, SVG, WebAssembly, the web app manifest) compressed with gzip and unknown binary files (`.index`,
// `.map`) sent as they are, `Cache-Control: max-age=600` and an ETag. Used by the load benchmark and by the
// browser tests that need a host they can change or switch off.
import http from 'node:http';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json',
};

/// Starts a host for `root` on 127.0.0.1. Returns its `url`, the `requests` it answered (path and status,
/// in order) and `close()`, which also drops open connections (the host is then unreachable).
export async function host(root) {
  const compressed = new Map();
  const requests = [];
  const gzipped = (file) => {
    const stat = statSync(file);
    const key = `${file}:${stat.mtimeMs}:${stat.size}`;
    if (!compressed.has(key)) compressed.set(key, gzipSync(readFileSync(file), { level: 6 }));
    return compressed.get(key);
  };
  const server = http.createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const answer = (status) => requests.push({ path: req.url, status });
    if (!existsSync(file)) { answer(404); res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found'); return; }
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const type = TYPES[extname(file)];
    const headers = { 'Content-Type': type || 'application/octet-stream', 'Cache-Control': 'max-age=600', ETag: etag };
    if (req.headers['if-none-match'] === etag) { answer(304); res.writeHead(304, headers); res.end(); return; }
    answer(200);
    if (type && /gzip/.test(req.headers['accept-encoding'] || '')) {
      const body = gzipped(file);
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length, Vary: 'Accept-Encoding' });
      res.end(body);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': stat.size });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    requests,
    /// Compresses every file a host would compress now, as a host serves from its own cache.
    precompress() {
      const walk = (dir) => {
        for (const name of readdirSync(dir)) {
          const file = join(dir, name);
          if (statSync(file).isDirectory()) walk(file);
          else if (TYPES[extname(file)]) gzipped(file);
        }
      };
      walk(root);
    },
    close() {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

/// In a page of a site: waits (at most 30 s) until the service worker runs and every file the site's
/// manifest lists is kept on this device (src/kept.rs), as it is by a person's next visit.
export async function keptOnDevice(page) {
  await page.evaluate(async () => {
    if (!navigator.serviceWorker) return;
    await navigator.serviceWorker.ready;
    const listed = (m) => [...m.corpus, ...(m.index?.parts ?? []), ...(m.map?.parts ?? [])].map((p) => `/data/${p.file}?v=${p.xxh3}`);
    // A packed file is kept unpacked too, under its first piece's address and every piece's checksum.
    const unpacked = (f) => (f?.encoding === 'gzip' && f.parts.length ? [`/data/${f.parts[0].file}?v=${f.parts.map((p) => p.xxh3).join('.')}.unpacked`] : []);
    for (let i = 0; i < 300; i++) {
      const cache = await caches.open('paperscope-data');
      const keys = (await cache.keys()).map((r) => new URL(r.url));
      const manifest = await cache.match(keys.find((u) => u.pathname.endsWith('/corpus.parts.json'))?.href ?? 'none');
      const kept = new Set(keys.map((u) => u.pathname.replace(/^.*(\/data\/)/, '$1') + u.search));
      const wanted = manifest && (await manifest.json());
      if (wanted && [...listed(wanted), ...unpacked(wanted.index), ...unpacked(wanted.map)].every((k) => kept.has(k))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the site\'s data was not kept on this device within 30 s');
  });
}
