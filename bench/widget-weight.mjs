// What the embeddable widget costs a shop's visitor, without the search index: every
// response from the help center while a blank shop page (served on another port) loads
// widget.js, opens the panel and runs a first search, gzip-compressed (level 9) as a static
// host would serve it. Responses under /search/ (root.json, terms/, docs/, text/) are the
// index and are left out; the shop's own page is not the widget's and is left out too.
// Each address counts once, as a browser cache would keep it.
// Usage: node bench/widget-weight.mjs BUILT_SITE_DIR [lang] [query]
// Build the site first, e.g. `helpbook build . -o /tmp/widget-demo`.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, newPage, serveSite } from '../tests/browser/lib.mjs';

// A query each demo language has an answer for; any other language needs one given.
const QUERIES = { en: 'refund', pl: 'zwrot', ar: 'استرجاع' };
const [dir, lang = 'en', query = QUERIES[lang] ?? 'refund'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/widget-weight.mjs BUILT_SITE_DIR [lang] [query]');
  process.exit(2);
}

const help = await serveSite(resolve(dir));
const shop = createServer((request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Shop</title></head><body>
<script src="${help.url}/widget.js" data-lang="${lang}" defer></script></body></html>`);
});
await new Promise((done) => shop.listen(0, '127.0.0.1', done));

const browser = await launchBrowser();
const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
const bodies = new Map();
const pending = [];
page.on('response', (response) => {
  const url = new URL(response.url());
  if (url.origin !== help.url || bodies.has(url.pathname)) return;
  bodies.set(url.pathname, null);
  pending.push(response.body().then((body) => bodies.set(url.pathname, body), () => bodies.delete(url.pathname)));
});

await page.goto(`http://127.0.0.1:${shop.address().port}/`);
await page.waitForFunction(() => window.HelpbookWidget);
await page.click('[data-helpbook-widget] button');
const panel = page.frameLocator('[data-helpbook-widget] iframe');
await panel.locator('[data-hb-search-input]').focus();
const input = panel.locator('[data-hb-search-input][role="combobox"]');
await input.waitFor();
await input.fill(query);
await panel.locator('[role="option"]').first().waitFor();
await panel.locator('[data-hb-status]:not([hidden])').first().waitFor();
await page.waitForLoadState('networkidle');
await Promise.all(pending);
const problems = [...page.problems];
await browser.close();
await help.close();
await new Promise((done) => shop.close(done));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [];
let index = { raw: 0, gz: 0, files: 0 };
for (const [path, body] of [...bodies].sort(([a], [b]) => a.localeCompare(b))) {
  if (!body) continue;
  const gz = gzipSync(body, { level: 9 }).length;
  if (path.startsWith('/search/')) {
    index = { raw: index.raw + body.length, gz: index.gz + gz, files: index.files + 1 };
  } else {
    rows.push({ path, raw: body.length, gz });
  }
}
console.log(`${'raw'.padStart(8)} ${'gzip'.padStart(8)}  file`);
for (const r of rows) console.log(`${String(r.raw).padStart(8)} ${String(r.gz).padStart(8)}  ${r.path}`);
const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gz: sum.gz + r.gz }), { raw: 0, gz: 0 });
console.log(`${String(total.raw).padStart(8)} ${String(total.gz).padStart(8)}  total, ${rows.length} files`);
console.log(`widget in ${lang} without the index: ${kb(total.gz)} gzip (${kb(total.raw)} uncompressed); `
  + `the index for "${query}" adds ${kb(index.gz)} gzip in ${index.files} files`);
if (problems.length) console.log(`page problems:\n  ${problems.join('\n  ')}`);
