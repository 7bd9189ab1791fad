import { chromium } from 'playwright-core';
for (const extra of [[], ['--enable-unsafe-swiftshader'], ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']]) {
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', ...extra] });
const p = await b.newPage();
await p.goto('about:blank');
console.log(extra, await p.evaluate(() => { const c = document.createElement('canvas'); const g = c.getContext('webgl'); return g ? g.getParameter(g.VERSION) + ' / ' + g.getParameter(g.RENDERER) : 'no webgl'; }));
await b.close();
}
