// Relevance benchmark: runs bench/relevance.json through window.helpbook.search in Chromium on
// a built demo and prints success at 1 and 3 and the mean reciprocal rank, per language and
// kind of query. Usage: node bench/relevance.mjs [built-site-dir] (builds the demo if omitted).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, newPage, serveSite } from '../tests/browser/lib.mjs';

const root = resolve(import.meta.dirname, '..');
let site = process.argv[2];
if (!site) {
  site = join(mkdtempSync(join(tmpdir(), 'helpbook-relevance-')), 'site');
  execFileSync('cargo', ['run', '--quiet', '--', 'build', root, '-o', site, '--quiet'], { cwd: root, stdio: 'inherit' });
}
const { queries } = JSON.parse(readFileSync(join(root, 'bench/relevance.json'), 'utf8'));
const server = await serveSite(site);
const browser = await launchBrowser();
const page = await newPage(browser);
await page.goto(`${server.url}/en/`);
await page.waitForFunction(() => window.helpbook && window.helpbook.search);

const rows = [];
for (const q of queries) {
  const urls = await page.evaluate(([query, lang]) => window.helpbook.search(query, { lang, limit: 10 }).then((r) => r.map((x) => x.url)), [q.query, q.lang]);
  const rank = urls.indexOf(q.expected) + 1;
  rows.push({ ...q, rank });
}
await browser.close();
await server.close();

function summary(list) {
  const at1 = list.filter((r) => r.rank === 1).length / list.length;
  const at3 = list.filter((r) => r.rank >= 1 && r.rank <= 3).length / list.length;
  const mrr = list.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / list.length;
  return `${String(list.length).padStart(3)} queries  success@1 ${(at1 * 100).toFixed(0).padStart(3)}%  success@3 ${(at3 * 100).toFixed(0).padStart(3)}%  MRR ${mrr.toFixed(3)}`;
}

const groups = (key) => [...new Set(rows.map((r) => r[key]))];
console.log(`all         ${summary(rows)}`);
for (const lang of groups('lang')) console.log(`lang ${lang.padEnd(7)}${summary(rows.filter((r) => r.lang === lang))}`);
for (const kind of groups('kind')) console.log(`kind ${kind.padEnd(7)}${summary(rows.filter((r) => r.kind === kind))}`);
const misses = rows.filter((r) => r.rank !== 1);
if (misses.length) {
  console.log('\nnot first:');
  for (const r of misses) console.log(`  ${r.lang} ${r.kind.padEnd(7)} "${r.query}" -> ${r.rank ? `rank ${r.rank}` : 'not in the top 10'}`);
}
