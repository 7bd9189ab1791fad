import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
p.on('console', (m) => { if (!m.text().includes('GPU stall')) console.log('console', m.type(), m.text().slice(0, 300)); });
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.route('**/corpus.map', (route) => route.fulfill({ status: 404, body: '' }));
await p.goto('http://127.0.0.1:8765/?view=map');
await p.getByTestId('map-absent').waitFor();
console.log(await p.locator('select[data-testid=search-mode]').evaluate((s) => s.outerHTML));
await p.unroute('**/corpus.map');
await p.goto('http://127.0.0.1:8765/?view=map');
await p.getByTestId('map').waitFor();
await p.getByTestId('import-open').click();
await p.getByTestId('import-text').fill('Get trending papers in your email inbox!\nReward Models for Aligning Large Language Models with Preferences\nWe train reward models from human preference data to align large language models with reinforcement learning from human feedback.\n');
await p.getByTestId('import-submit').click();
for (let i = 0; i < 20; i++) { await p.waitForTimeout(1000); console.log(await p.locator('.import').innerText().catch(() => '-').then((t) => t.slice(-400).replace(/\n/g, ' | '))); if ((await p.getByTestId('result-count').textContent()).startsWith('289')) break; }
console.log(await p.getByTestId('map').evaluate((m) => m.dataset.points).catch((e) => 'no map: ' + e.message.slice(0, 100)), await p.getByTestId('result-count').textContent().catch(() => 'no count'));
console.log(await p.locator('.main').innerText().then((t) => t.slice(0, 600)));
await b.close();
