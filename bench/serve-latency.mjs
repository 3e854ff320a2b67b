// How long a writer waits in `helpbook serve`: from saving an article to the open page in
// Chromium showing the edit, over a generated help center (bench/generate_site.py). The
// site is copied to a temporary folder first, so the benchmark's own site stays as it was.
// Saves alternate between appending to the file and writing a new file over it by rename,
// as editors do. Prints each round, then the median, 90th percentile and worst, and how
// many saves showed within 300 ms.
// Usage: node bench/serve-latency.mjs [SITE_DIR] [rounds]
//   (default: bench/out/site-10000, made by `bench/build.sh 10000`; 12 rounds)
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launchBrowser, newPage } from '../tests/browser/lib.mjs';

const source = process.argv[2] ?? join(ROOT, 'bench/out/site-10000');
const rounds = Number(process.argv[3] ?? 12);
const bin = process.env.HELPBOOK_BIN ?? join(ROOT, 'target/release/helpbook');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const work = mkdtempSync(join(tmpdir(), 'helpbook-latency-'));
const site = join(work, 'site');
cpSync(source, site, { recursive: true });
const category = readdirSync(join(site, 'content/en')).find((name) => !name.endsWith('.md'));
const file = readdirSync(join(site, 'content/en', category)).find((name) => name !== '_index.md');
const article = join(site, 'content/en', category, file);
const slug = file.replace(/\.md$/, '');

const server = spawn(bin, ['serve', site, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
const url = await new Promise((resolve, reject) => {
  server.stderr.on('data', (chunk) => {
    log += chunk;
    const found = log.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
    if (found) resolve(found[1]);
  });
  server.on('exit', () => reject(new Error(`serve stopped: ${log}`)));
});
const browser = await launchBrowser();
const page = await newPage(browser);
// The page reports itself, with the browser's clock, when it has been parsed with the text
// the benchmark waits for (kept in window.name, which lasts across reloads) and painted:
// polling from here through the DevTools protocol would add its own tens of milliseconds.
const shownAt = new Map();
page.on('console', (message) => {
  const found = message.text().match(/^hb-shown (\d+) (.*)$/s);
  if (found) shownAt.set(found[2], Number(found[1]));
});
await page.addInitScript(() => {
  document.addEventListener('DOMContentLoaded', () => {
    const marker = window.name;
    if (!marker || !document.body.textContent.includes(marker)) return;
    requestAnimationFrame(() => setTimeout(() => console.log(`hb-shown ${Date.now()} ${marker}`)));
  });
});
await page.goto(`${url}en/${category}/${slug}/`);
await page.waitForLoadState('networkidle');

/** Milliseconds from `savedAt` until the open page showed `marker`; it reloads on its own. */
async function shown(marker, savedAt) {
  while (!shownAt.has(marker)) {
    if (Date.now() - savedAt > 30000) throw new Error(`the page never showed ${marker}`);
    await sleep(5);
  }
  return shownAt.get(marker) - savedAt;
}

const times = [];
for (let round = 1; round <= rounds; round += 1) {
  const marker = `Latency check number ${round}.`;
  const byRename = round % 2 === 0;
  await page.evaluate((m) => { window.name = m; }, marker);
  const started = Date.now();
  if (byRename) {
    const temporary = `${article}.tmp`;
    writeFileSync(temporary, `${readFileSync(article, 'utf8')}\n${marker}\n`);
    renameSync(temporary, article);
  } else {
    appendFileSync(article, `\n${marker}\n`);
  }
  const ms = await shown(marker, started);
  times.push(ms);
  console.log(`round ${String(round).padStart(2)}  ${byRename ? 'rename' : 'append'}  ${ms.toFixed(0).padStart(5)} ms`);
  // Let the rest of the rebuild (search index, exports) finish before the next save.
  await sleep(1500);
}
times.sort((a, b) => a - b);
const at = (share) => times[Math.min(times.length - 1, Math.floor(times.length * share))].toFixed(0);
const within = times.filter((ms) => ms <= 300).length;
console.log(`save to page shown: median ${at(0.5)} ms, 90th percentile ${at(0.9)} ms, worst ${at(1)} ms; ${within} of ${times.length} saves within 300 ms`);
const rebuilds = [...log.matchAll(/rebuilt in (\d+) ms \((?:edited files read, )?(?:pages in (\d+) ms, )?/g)].slice(1);
console.log(`serve's own figures (after the first build): ${rebuilds.map((m) => (m[2] ? `${m[2]}/${m[1]}` : m[1])).join(' ')} ms (pages/all)`);
await browser.close();
server.kill();
rmSync(work, { recursive: true, force: true });
