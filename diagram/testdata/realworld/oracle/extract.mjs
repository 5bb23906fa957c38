// extract.mjs collects the Mermaid sequence diagrams of public repositories
// into the real-world corpus (see ../README.md).
//
//   node extract.mjs OUTDIR GITDIR...
//
// Each GITDIR is a bare clone (or mirror) of a repository named by its path:
// …/owner+name/repo. For every Markdown or Mermaid file at HEAD it takes the
// ```mermaid (or ~~~mermaid) blocks, and whole .mmd/.mermaid files, whose
// first line that is not blank, a %% comment or front matter is
// "sequenceDiagram". A diagram is dedented, its leading and trailing blank
// lines and trailing spaces dropped, and ends with one newline; nothing
// else changes. Exact duplicates (across repositories too) and diagrams
// over 6,000 bytes are skipped; at most PER_REPO diagrams are kept from one
// repository, spread over its files. Repositories go to OUTDIR/seen or
// OUTDIR/unseen by a hash of their name (an unseen repository's diagrams are
// all unseen), and provenance.json in each records repo, path, commit and
// line.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PER_REPO = Number(process.env.PER_REPO || 8);
const MAX_BYTES = 6000;

const [outDir, ...gitDirs] = process.argv.slice(2);
if (!outDir || gitDirs.length === 0) {
  console.error('usage: node extract.mjs OUTDIR GITDIR...');
  process.exit(2);
}

const git = (dir, ...args) => execFileSync('git', ['-C', dir, ...args], { maxBuffer: 1 << 28 }).toString('utf8');

// half says where a repository goes: the first byte of sha256(owner/name).
export const half = (repo) => (createHash('sha256').update(repo).digest()[0] % 2 === 0 ? 'seen' : 'unseen');

function firstLine(text) {
  const lines = text.split('\n');
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, j) => j > 0 && l.trim() === '---');
    if (end > 0) i = end + 1;
  }
  for (; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '' || t.startsWith('%%')) continue;
    return t;
  }
  return '';
}

function tidy(lines) {
  lines = lines.map((l) => l.replace(/[ \t]+$/, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  let indent = Infinity;
  for (const l of lines) {
    if (l === '') continue;
    indent = Math.min(indent, l.match(/^[ \t]*/)[0].length);
  }
  if (indent === Infinity) indent = 0;
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

// blocks returns the mermaid blocks of a Markdown text with their line.
function blocks(text) {
  const out = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^([ \t>]*)(`{3,}|~{3,})\s*\{?\s*mermaid\b/i);
    if (!m) continue;
    const fence = m[2];
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const t = lines[j].replace(/^[ \t>]*/, '');
      if (t.startsWith(fence[0].repeat(fence.length)) && t.replace(fence[0].repeat(fence.length), '').trim().replace(new RegExp(`^\\${fence[0]}*`), '') === '') break;
      body.push(lines[j].startsWith(m[1]) ? lines[j].slice(m[1].length) : lines[j]);
    }
    out.push({ line: i + 2, text: tidy(body) });
    i = j;
  }
  return out;
}

const seenText = new Set();
const prov = { seen: {}, unseen: {} };
for (const h of ['seen', 'unseen']) {
  fs.mkdirSync(path.join(outDir, h), { recursive: true });
  const p = path.join(outDir, h, 'provenance.json');
  if (fs.existsSync(p)) prov[h] = JSON.parse(fs.readFileSync(p, 'utf8'));
  for (const [name] of Object.entries(prov[h])) {
    seenText.add(fs.readFileSync(path.join(outDir, h, name), 'utf8'));
  }
}

for (const dir of gitDirs) {
  const repo = path.basename(path.dirname(path.resolve(dir))).replace('+', '/');
  const slug = repo.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  const h = half(repo);
  if (Object.keys(prov[h]).some((n) => n.startsWith(slug + '-'))) {
    console.error(`${repo}: already in the corpus, skipped`);
    continue;
  }
  const commit = git(dir, 'rev-parse', 'HEAD').trim();
  let listed = '';
  try {
    listed = git(dir, 'grep', '-l', 'sequenceDiagram', 'HEAD', '--');
  } catch {} // git grep exits 1 when nothing matches
  const files = listed
    .split('\n')
    .map((f) => f.replace(/^HEAD:/, ''))
    .filter((f) => /\.(md|mdx|markdown|mmd|mermaid)$/i.test(f))
    .sort();
  const perFile = [];
  for (const f of files) {
    let text;
    try {
      text = git(dir, 'show', `HEAD:${f}`);
    } catch {
      continue;
    }
    if (!text.includes('sequenceDiagram')) continue;
    const found = /\.(mmd|mermaid)$/i.test(f) ? [{ line: 1, text: tidy(text.split(/\r?\n/)) }] : blocks(text);
    const keep = found.filter((b) => /^sequenceDiagram\b/.test(firstLine(b.text)) && Buffer.byteLength(b.text) <= MAX_BYTES);
    if (keep.length) perFile.push({ f, keep });
  }
  // Round-robin over the files so one long file does not fill the quota.
  const chosen = [];
  for (let round = 0; chosen.length < PER_REPO; round++) {
    let any = false;
    for (const { f, keep } of perFile) {
      if (round >= keep.length || chosen.length >= PER_REPO) continue;
      any = true;
      const b = keep[round];
      if (seenText.has(b.text)) continue;
      seenText.add(b.text);
      chosen.push({ f, ...b });
    }
    if (!any) break;
  }
  chosen.sort((a, b) => (a.f === b.f ? a.line - b.line : a.f < b.f ? -1 : 1));
  chosen.forEach((c, i) => {
    const name = `${slug}-${String(i + 1).padStart(2, '0')}.mmd`;
    fs.writeFileSync(path.join(outDir, h, name), c.text);
    prov[h][name] = { repo, path: c.f, commit, line: c.line };
  });
  console.error(`${repo}: ${chosen.length} diagram(s) -> ${h}`);
}
for (const h of ['seen', 'unseen']) {
  const sorted = Object.fromEntries(Object.entries(prov[h]).sort(([a], [b]) => (a < b ? -1 : 1)));
  fs.writeFileSync(path.join(outDir, h, 'provenance.json'), JSON.stringify(sorted, null, 1) + '\n');
}
