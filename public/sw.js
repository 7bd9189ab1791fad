// Paperscope's service worker: keeps the app itself (the page, its scripts and WebAssembly, styles, icons)
// on this device, so the site opens with the network off and a second visit does not wait for the host.
// The site's data (data/) is not handled here: the page keeps it itself, checked against the manifest
// (src/kept.rs).
//
// - The page (a navigation): asked of the host first, so a rebuilt site shows at once; kept for when the
//   host cannot be reached (or takes more than a few seconds).
// - Files Trunk names by their content (`main-<hash>.css`): from this device when kept, else fetched and kept.
// - Other app files (the import worker, the web app manifest, icons): from the host, kept for offline.
// Each time a fresh page arrives, the files it names are kept and files no page names any more are dropped.

const CACHE = 'paperscope-app-v1';
// Files the page does not name but loads later (the import worker) or the browser reads (install).
const ALSO = [
  'import_worker_loader.js', 'import_worker.js', 'import_worker_bg.wasm', 'manifest.webmanifest',
  'icons/icon-192.png', 'icons/icon-512.png', 'icons/maskable-192.png', 'icons/maskable-512.png',
];
const PAGE = new URL('./', self.registration.scope).href;
const NAVIGATION_WAIT_MS = 4000;

/// The same-origin files an HTML page names (`href`/`src`), as absolute addresses.
function named(html) {
  const found = new Set();
  for (const m of html.matchAll(/\b(?:href|src)="([^"]+)"/g)) {
    const url = new URL(m[1], PAGE);
    if (url.origin === location.origin && !url.pathname.includes('/data/')) found.add(url.href);
  }
  return found;
}

/// Keeps `page` (a fresh copy of the page) and every file it names, and drops files no longer named.
async function keepApp(page) {
  const cache = await caches.open(CACHE);
  const wanted = named(await page.clone().text());
  for (const file of ALSO) wanted.add(new URL(file, PAGE).href);
  await cache.put(PAGE, page);
  const kept = new Set((await cache.keys()).map((r) => r.url));
  await Promise.all([...wanted].filter((url) => !kept.has(url)).map(async (url) => {
    try {
      const response = await fetch(url);
      if (response.ok) await cache.put(url, response);
    } catch {
      // Left for the next time: the app still runs; only that file is not yet kept.
    }
  }));
  await Promise.all([...kept].filter((url) => url !== PAGE && !wanted.has(url)).map((url) => cache.delete(url)));
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const page = await fetch(PAGE, { cache: 'no-cache' });
    if (page.ok) await keepApp(page);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('paperscope-app-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/// The host's answer within `ms`, else a failure (so a hanging network falls back to what is kept).
function within(ms, request) {
  return Promise.race([
    fetch(request),
    new Promise((_, fail) => setTimeout(() => fail(new Error('the host is slow')), ms)),
  ]);
}

async function navigation(event) {
  try {
    const fresh = await within(NAVIGATION_WAIT_MS, event.request);
    if (fresh.ok) event.waitUntil(keepApp(fresh.clone()));
    return fresh;
  } catch (e) {
    const kept = await caches.match(PAGE, { cacheName: CACHE });
    if (kept) return kept;
    throw e;
  }
}

async function hashed(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const fresh = await fetch(request);
  if (fresh.ok) await cache.put(request, fresh.clone());
  return fresh;
}

async function other(request) {
  try {
    const fresh = await fetch(request);
    if (fresh.ok) {
      const cache = await caches.open(CACHE);
      await cache.put(request, fresh.clone());
    }
    return fresh;
  } catch (e) {
    const kept = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
    if (kept) return kept;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin || !url.href.startsWith(PAGE)) return;
  if (url.pathname.includes('/data/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(event));
  } else if (/-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(url.pathname)) {
    event.respondWith(hashed(request));
  } else {
    event.respondWith(other(request));
  }
});
