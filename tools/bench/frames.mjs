// What the keystroke benchmarks share (keystroke.mjs, anatomy.mjs, perkey.mjs, map.mjs): the sites they
// open, Chromium with its frame-rate limit off, and a count of the DOM calls a page makes.
import { chromium } from 'playwright-core';

/** `PAPERSCOPE_KEYSTROKE_SITES` ("label=url,...") as [label, url] pairs; exits when there are none. */
export function keystrokeSites() {
  const sites = (process.env.PAPERSCOPE_KEYSTROKE_SITES || '').split(',').filter(Boolean).map((s) => s.split('='));
  if (!sites.length) {
    console.error('PAPERSCOPE_KEYSTROKE_SITES is empty: give label=url pairs');
    process.exit(2);
  }
  return sites;
}

/** Chromium with its frame-rate limit off, so a frame follows as soon as the page's work is done. `quiet`
 * also turns off what Chromium does in the background, for the figures that are the benchmark's own. */
export function launchUnthrottled({ quiet = false } = {}) {
  const base = ['--no-sandbox', '--disable-gpu', '--disable-frame-rate-limit', '--disable-gpu-vsync'];
  const background = ['--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-renderer-backgrounding', '--disable-background-timer-throttling'];
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: quiet ? [...base, ...background] : base,
  });
}

/** Installed before the page's own code (`page.addInitScript(countDom)`): counts the DOM calls that change the
 * document, by kind, in `window.__dom`. */
export function countDom() {
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
