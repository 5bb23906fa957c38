// oracle.mjs records what Mermaid itself draws for each diagram of the
// real-world corpus: the oracle the Go conformance tests compare seqdoc with.
//
//   npm ci                        # once: mermaid and puppeteer-core, pinned
//   node oracle.mjs DIR...        # DIR holds *.mmd; writes DIR/oracle.json
//
// Mermaid (the version pinned in package.json) runs in Debian's Chromium
// ($CHROMIUM, else /usr/bin/chromium), headless, with its default config.
// For each file it records, in the shape of the shared corpus's oracle:
//   accepted      mermaid.render drew it (false: error holds Mermaid's message)
//   participants  the label of each participant's top box, left to right
//   messages      each message label in drawing order ("\n" between lines)
//   notes         each note's text ("\n" between lines)
//   blocks        how many loop/alt/opt/par/critical/break labels and rect areas
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const mermaidJS = require.resolve('mermaid/dist/mermaid.min.js');
const version = JSON.parse(fs.readFileSync(path.join(path.dirname(mermaidJS), '..', 'package.json'), 'utf8')).version;

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node oracle.mjs DIR...');
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: mermaidJS });
  await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false }));
  for (const dir of dirs) {
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.mmd')).sort();
    const oracle = {};
    for (const name of names) {
      const src = fs.readFileSync(path.join(dir, name), 'utf8');
      oracle[name] = await page.evaluate(draw, src);
    }
    fs.writeFileSync(path.join(dir, 'oracle.json'), JSON.stringify(oracle, null, 1) + '\n');
    const acc = Object.values(oracle).filter((o) => o.accepted).length;
    console.error(`${dir}: ${names.length} diagrams, ${acc} accepted by Mermaid ${version}`);
  }
  fs.writeFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'versions.json'),
    JSON.stringify({ mermaid: version, chromium: await browser.version() }, null, 1) + '\n');
} finally {
  await browser.close();
}

// draw runs in the page: it renders one diagram and reads what was drawn.
async function draw(src) {
  const out = document.getElementById('out');
  out.innerHTML = '';
  let svg;
  try {
    ({ svg } = await window.mermaid.render('d' + Math.random().toString(36).slice(2), src));
  } catch (e) {
    document.querySelectorAll('body > [id^="dd"]').forEach((n) => n.remove());
    return { accepted: false, participants: [], messages: [], notes: [], blocks: {}, error: String(e && e.message || e).split('\n').slice(0, 4).join('\n') };
  }
  out.innerHTML = svg;
  const root = out.querySelector('svg');
  if (!root || root.getAttribute('aria-roledescription') !== 'sequence') {
    return { accepted: false, participants: [], messages: [], notes: [], blocks: {}, error: 'not drawn as a sequence diagram: ' + (root && root.getAttribute('aria-roledescription')) };
  }
  // A label's lines: Mermaid draws one <text> (or <tspan>) per line.
  const lines = (els) => els.flatMap((el) => {
    const ts = el.querySelectorAll('tspan');
    return ts.length ? [...ts].map((t) => t.textContent) : [el.textContent];
  }).join('\n').replaceAll('\u200b', ''); // Mermaid draws an empty line as a zero-width space
  // Participants: the top boxes (data-et="participant"), left to right.
  const tops = [...root.querySelectorAll('[data-et="participant"]')].map((g) => {
    const shape = g.querySelector('.actor-top') || g;
    return { x: shape.getBBox().x + shape.getBBox().width / 2, label: lines([...g.querySelectorAll('text')]) };
  });
  tops.sort((a, b) => a.x - b.x);
  // Messages: the label lines drawn before each arrow.
  const messages = [];
  let pending = [];
  for (const el of root.querySelectorAll('text.messageText, .messageLine0, .messageLine1')) {
    if (el.matches('text.messageText')) {
      pending.push(el);
      continue;
    }
    messages.push(lines(pending));
    pending = [];
  }
  const notes = [...root.querySelectorAll('[data-et="note"]')].map((g) => lines([...g.querySelectorAll('text.noteText')]));
  const blocks = {};
  for (const t of root.querySelectorAll('[data-et="control-structure"] text.labelText')) {
    const k = t.textContent.trim();
    blocks[k] = (blocks[k] || 0) + 1;
  }
  // rect areas and boxes alike, as the shared corpus's oracle counts them
  const rects = root.querySelectorAll('rect.rect').length;
  if (rects) blocks.rect = rects;
  return { accepted: true, participants: tops.map((t) => t.label), messages, notes, blocks };
}
