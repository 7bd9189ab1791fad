// Renders the app's icons (public/icons/*.png, for the web app manifest: browsers want PNGs of 192 and 512
// pixels to offer installing the app) from their SVG sources with Chromium. Run after changing an SVG:
//   cd tools && node icons.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const dir = join(import.meta.dirname, '..', 'public');
const icons = [
  ['favicon.svg', 'icons/icon'],        // rounded corners, for places that show the icon as it is
  ['icons/maskable.svg', 'icons/maskable'], // full bleed, the glyph inside the safe circle, for masks
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [svg, out] of icons) {
  const source = `data:image/svg+xml;base64,${readFileSync(join(dir, svg)).toString('base64')}`;
  for (const size of [192, 512]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>*{margin:0}</style><img src="${source}" width="${size}" height="${size}">`);
    await page.screenshot({ path: join(dir, `${out}-${size}.png`), omitBackground: true });
    console.log(`${out}-${size}.png`);
  }
}
await browser.close();
