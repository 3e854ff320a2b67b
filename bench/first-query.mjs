// What a customer's first search costs on a built site: the bytes downloaded (gzip, as a
// static host serves them) from focusing the search box to the first results, scripts
// included, and the time queries take once the index is loaded (Chromium, 95th percentile).
// Usage: node bench/first-query.mjs BUILT_SITE_DIR [lang] [query...]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launchBrowser, newPage, serveSite } from '../tests/browser/lib.mjs';

const [site, lang = 'en', ...given] = process.argv.slice(2);
const queries = given.length ? given : ['order', 'delivery time', 'refund card', 'pasword', 'parcel locker', 'invoice vat', 'retrn', 'track'];
const server = await serveSite(site);
const browser = await launchBrowser();
const page = await newPage(browser);
const searchFiles = new Set();
page.on('request', (r) => {
  const path = new URL(r.url()).pathname;
  if (path.includes('/search/') || path.includes('/js/')) searchFiles.add(path);
});
const firstArticle = readFileSync(join(site, 'sitemap.xml'), 'utf8').match(new RegExp(`<loc>https?://[^/]+(/${lang}/[^<]+/[^<]+/)</loc>`))[1];
await page.goto(`${server.url}${firstArticle}`);
await page.waitForLoadState('networkidle');
const before = new Set(searchFiles);
const input = page.locator('[data-hb-search-input]').first();
await input.focus();
await input.fill(queries[0]);
await page.locator('[role="option"]').first().waitFor({ timeout: 30000 });
const gz = (path) => gzipSync(readFileSync(join(site, decodeURIComponent(path)))).length;
const scripts = [...before].reduce((sum, p) => sum + gz(p), 0);
const loaded = [...searchFiles].filter((p) => !before.has(p));
const firstQuery = loaded.reduce((sum, p) => sum + gz(p), 0);

const times = await page.evaluate(async ([qs, l]) => {
  const measured = [];
  for (let round = 0; round < 25; round += 1) {
    for (const q of qs) {
      const start = performance.now();
      await window.helpbook.search(q, { lang: l, limit: 10 });
      if (round > 0) measured.push(performance.now() - start);
    }
  }
  return measured.sort((a, b) => a - b);
}, [queries, lang]);
await browser.close();
await server.close();

const p = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`first query "${queries[0]}" in ${lang}: ${kb(scripts + firstQuery)} gzip (page scripts ${kb(scripts)}; search code and index ${kb(firstQuery)} in ${loaded.length} files)`);
console.log(`query time over ${times.length} warm queries: median ${p(0.5).toFixed(2)} ms, p95 ${p(0.95).toFixed(2)} ms`);
