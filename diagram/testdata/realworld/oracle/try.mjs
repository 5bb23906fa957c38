// try.mjs: what Mermaid does with a few diagrams, separated by lines "----"
// on standard input (a quick check while changing the parser).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';
const require = createRequire(import.meta.url);
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.setContent('<div id="out"></div>');
await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false }));
for (const src of fs.readFileSync(0, 'utf8').split(/^----$/m)) {
  const r = await page.evaluate(async (s) => {
    try {
      const { svg } = await window.mermaid.render('t' + Math.random().toString(36).slice(2), s);
      const d = document.createElement('div');
      d.innerHTML = svg;
      const ps = [...d.querySelectorAll('[data-et="participant"] text')].map((t) => JSON.stringify(t.textContent));
      const ms = [...d.querySelectorAll('text.messageText')].map((t) => JSON.stringify(t.textContent));
      return 'ok  participants ' + ps.join(' ') + '  messages ' + ms.join(' ');
    } catch (e) {
      return 'ERR ' + String(e.message || e).split('\n').slice(0, 3).join(' / ');
    }
  }, src.trim() + '\n');
  console.log(src.trim().split('\n').slice(1).join(' ⏎ ').slice(0, 70).padEnd(70), '=>', r);
}
await browser.close();
