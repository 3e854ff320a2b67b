// What an article page costs before any search: HTML, CSS and JavaScript as loaded by
// Chromium, uncompressed and gzip.
// Usage: node bench/page-weight.mjs BUILT_SITE_DIR [path | --all]
// With --all, every article page of the sitemap is weighed and the heaviest are listed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, newPage, serveSite } from '../tests/browser/lib.mjs';

const [site, which = '/en/returns/refunds/'] = process.argv.slice(2);
const articlePaths = () => [...readFileSync(join(site, 'sitemap.xml'), 'utf8').matchAll(/<loc>https?:\/\/[^/]+(\/[^<]*)<\/loc>/g)]
  .map((m) => m[1])
  .filter((p) => p.split('/').filter(Boolean).length === 3);
const paths = which === '--all' ? articlePaths() : [which];

const server = await serveSite(site);
const browser = await launchBrowser();
const weights = [];
for (const path of paths) {
  const page = await newPage(browser);
  const loaded = new Set();
  page.on('request', (r) => loaded.add(new URL(r.url()).pathname));
  await page.goto(`${server.url}${path}`);
  await page.waitForLoadState('networkidle');
  let raw = 0;
  let gz = 0;
  for (const p of loaded) {
    if (!/(\.html|\.css|\.js|\/)$/.test(p)) continue;
    const bytes = readFileSync(join(site, p.endsWith('/') ? `${p}index.html` : p));
    raw += bytes.length;
    gz += gzipSync(bytes).length;
    if (paths.length === 1) console.log(`${String(bytes.length).padStart(7)} ${p}`);
  }
  weights.push({ path, raw, gz });
  await page.context().close();
}
await browser.close();
await server.close();
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
weights.sort((a, b) => b.raw - a.raw);
for (const w of weights.slice(0, 5)) console.log(`${w.path}: ${kb(w.raw)} of HTML, CSS and JS (${kb(w.gz)} gzip)`);
if (paths.length > 1) {
  const over = weights.filter((w) => w.raw >= 30 * 1024).length;
  console.log(`${weights.length} article pages, ${over} at 30 KB or more; the heaviest is ${kb(weights[0].raw)}`);
}
