import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
p.on('console', (m) => console.log('console', m.type(), m.text()));
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.goto('http://127.0.0.1:8765/?view=map');
await p.getByTestId('map').waitFor();
await p.waitForTimeout(500);
const attrs = async () => p.getByTestId('map').evaluate((m) => ({ points: m.dataset.points, lit: m.dataset.lit, lines: m.dataset.lines, zoom: m.dataset.zoom }));
console.log(await attrs(), await p.getByTestId('result-count').textContent());
console.log('clusters', await p.getByTestId('map-cluster').evaluateAll((l) => l.map((x) => [x.dataset.label, x.dataset.count])));
console.log('labels', await p.getByTestId('map-label').allTextContents());
await p.screenshot({ path: '/tmp/map1.png' });
await p.getByTestId('search-input').fill('diffusion');
await p.waitForTimeout(300);
console.log(await attrs(), await p.getByTestId('result-count').textContent());
await p.screenshot({ path: '/tmp/map2.png' });
const box = await p.getByTestId('map').boundingBox();
let found = null;
for (let y = box.y + 20; y < box.y + box.height - 20 && !found; y += 10) {
  for (let x = box.x + 20; x < box.x + box.width - 20; x += 10) {
    await p.mouse.move(x, y);
    if (await p.getByTestId('map-tooltip').count()) { found = [x, y]; break; }
  }
}
console.log('hover at', found, found && await p.getByTestId('map-tooltip').evaluate((t) => [t.dataset.id, t.textContent]));
if (found) {
  await p.mouse.click(found[0], found[1]);
  await p.waitForTimeout(300);
  console.log('opened', await p.getByTestId('paper-view').getAttribute('data-id'), await attrs(), p.url());
  console.log('similar', await p.getByTestId('similar').allTextContents());
  await p.screenshot({ path: '/tmp/map3.png' });
  await p.keyboard.press('Escape');
}
await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
await p.mouse.wheel(0, -500);
await p.waitForTimeout(600);
console.log('after wheel', await attrs(), p.url());
await p.keyboard.down('Shift');
await p.mouse.move(box.x + 200, box.y + 150);
await p.mouse.down();
await p.mouse.move(box.x + 500, box.y + 400, { steps: 5 });
await p.mouse.up();
await p.keyboard.up('Shift');
await p.waitForTimeout(300);
console.log('after box', await attrs(), p.url(), await p.getByTestId('result-count').textContent());
await p.screenshot({ path: '/tmp/map4.png' });
await b.close();
