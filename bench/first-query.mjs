// What a customer's first search costs on a built site: the bytes downloaded (gzip, as a
// static host serves them) from focusing the search box to the first results, scripts
// included, and the time queries take once the index is loaded (Chromium, median and 95th
// percentile through window.helpbook.search; the first round of queries loads the index and
// is not counted).
// Usage: node bench/first-query.mjs BUILT_SITE_DIR [lang [query...]]
// Without a language it measures en, pl and ar in turn, each with its own queries, and ends
// with one line of median and p95 per language. Each language's line also times a fixed piece
// of arithmetic the same way: when its p95 is far above its median, the machine was busy.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launchBrowser, newPage, serveSite } from '../tests/browser/lib.mjs';
import { QUERIES } from './queries.mjs';

const ROUNDS = 25;

const [site, onlyLang, ...given] = process.argv.slice(2);
if (!site) {
  console.error('usage: node bench/first-query.mjs BUILT_SITE_DIR [lang [query...]]');
  process.exit(2);
}
const langs = onlyLang ? [onlyLang] : Object.keys(QUERIES);
const server = await serveSite(site);
const browser = await launchBrowser();
const gz = (path) => gzipSync(readFileSync(join(site, decodeURIComponent(path)))).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The site's sitemap, with the parts a sitemap index names (a site of more than 50,000 URLs). */
function sitemapText() {
  const root = readFileSync(join(site, 'sitemap.xml'), 'utf8');
  if (!root.includes('<sitemapindex')) return root;
  const parts = [...root.matchAll(/<loc>https?:\/\/[^/]+\/(?:[^<]*\/)?(sitemap-[^<\/]+\.xml)<\/loc>/g)];
  return parts.map((m) => readFileSync(join(site, m[1]), 'utf8')).join('\n');
}

/** Opens an article of `lang` in a fresh context, types the first query and weighs what loaded. */
async function firstQuery(page, lang, queries) {
  const searchFiles = new Set();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.includes('/search/') || path.includes('/js/')) searchFiles.add(path);
  });
  const article = sitemapText().match(new RegExp(`<loc>https?://[^/]+(/${lang}/[^<]+/[^<]+/)</loc>`))[1];
  await page.goto(`${server.url}${article}`);
  await page.waitForLoadState('networkidle');
  const before = new Set(searchFiles);
  const input = page.locator('[data-hb-search-input]').first();
  await input.focus();
  await input.fill(queries[0]);
  await page.locator('[role="option"]').first().waitFor({ timeout: 30000 });
  const scripts = [...before].reduce((sum, p) => sum + gz(p), 0);
  const loaded = [...searchFiles].filter((p) => !before.has(p));
  const index = loaded.reduce((sum, p) => sum + gz(p), 0);
  console.log(`first query "${queries[0]}" in ${lang}: ${kb(scripts + index)} gzip (page scripts ${kb(scripts)}; search code and index ${kb(index)} in ${loaded.length} files)`);
}

/** Times of every query after the first round, sorted. */
function warmTimes(page, lang, queries) {
  return page.evaluate(async ([qs, l, rounds]) => {
    const measured = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const q of qs) {
        const start = performance.now();
        await window.helpbook.search(q, { lang: l, limit: 10 });
        if (round > 0) measured.push(performance.now() - start);
      }
    }
    return measured.sort((a, b) => a - b);
  }, [queries, lang, ROUNDS]);
}

/**
 * Times of a fixed piece of arithmetic (about half a millisecond) taken the same way, sorted:
 * on a shared machine its p95 shows how much of the queries' p95 is the machine's.
 */
function fixedWorkTimes(page) {
  return page.evaluate(async (rounds) => {
    const measured = [];
    let x = 0;
    for (let round = 0; round < rounds; round += 1) {
      const start = performance.now();
      for (let i = 0; i < 300000; i += 1) x = (x * 31 + i) % 1000003;
      await Promise.resolve(x);
      measured.push(performance.now() - start);
    }
    return measured.sort((a, b) => a - b);
  }, ROUNDS * 8);
}

const percentile = (times, q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const summary = [];
for (const lang of langs) {
  const queries = given.length ? given : QUERIES[lang] ?? QUERIES.en;
  const page = await newPage(browser);
  await firstQuery(page, lang, queries);
  const times = await warmTimes(page, lang, queries);
  const fixed = await fixedWorkTimes(page);
  await page.context().close();
  const p = (q) => percentile(times, q).toFixed(2);
  console.log(`query time over ${times.length} warm queries in ${lang}: median ${p(0.5)} ms, p95 ${p(0.95)} ms (fixed work in the same page: median ${percentile(fixed, 0.5).toFixed(2)} ms, p95 ${percentile(fixed, 0.95).toFixed(2)} ms)`);
  summary.push(`${lang} ${p(0.5)} / ${p(0.95)}`);
}
await browser.close();
await server.close();
if (langs.length > 1) console.log(`warm median / p95 ms: ${summary.join(', ')}`);
