// Renders the app's icons (public/icons/*.png, for the web app manifest: browsers want PNGs of 192 and 512
// pixels to offer installing the app; public/favicon-64.png, the tab's icon) from their SVG sources with
// Chromium. The tab's icon is a PNG because Chromium fetches and decodes it again on every change of the
// address, which the page makes while typing: an SVG icon cost ~5 ms of the page's main thread per keystroke
// (an SVG document built to draw it), a PNG under 1 ms. Run after changing an SVG:
//   cd tools && node icons.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const dir = join(import.meta.dirname, '..', 'public');
const icons = [
  ['favicon.svg', 'icons/icon', [192, 512]], // rounded corners, for places that show the icon as it is
  ['icons/maskable.svg', 'icons/maskable', [192, 512]], // full bleed, the glyph inside the safe circle, for masks
  ['favicon.svg', 'favicon', [64]], // the tab's icon (16 CSS pixels, up to 4x)
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [svg, out, sizes] of icons) {
  const source = `data:image/svg+xml;base64,${readFileSync(join(dir, svg)).toString('base64')}`;
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>*{margin:0}</style><img src="${source}" width="${size}" height="${size}">`);
    await page.screenshot({ path: join(dir, `${out}-${size}.png`), omitBackground: true });
    console.log(`${out}-${size}.png`);
  }
}
await browser.close();
