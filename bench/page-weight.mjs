// What an article page costs before any search: HTML, CSS and JavaScript as loaded by
// Chromium, uncompressed and gzip. Usage: node bench/page-weight.mjs BUILT_SITE_DIR [path]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, newPage, serveSite } from '../tests/browser/lib.mjs';

const [site, path = '/en/returns/refunds/'] = process.argv.slice(2);
const server = await serveSite(site);
const browser = await launchBrowser();
const page = await newPage(browser);
const loaded = new Set();
page.on('request', (r) => loaded.add(new URL(r.url()).pathname));
await page.goto(`${server.url}${path}`);
await page.waitForLoadState('networkidle');
await browser.close();
await server.close();
let raw = 0;
let gz = 0;
for (const p of loaded) {
  if (!/(\.html|\.css|\.js|\/)$/.test(p)) continue;
  const bytes = readFileSync(join(site, p.endsWith('/') ? `${p}index.html` : p));
  raw += bytes.length;
  gz += gzipSync(bytes).length;
  console.log(`${String(bytes.length).padStart(7)} ${p}`);
}
console.log(`${path}: ${(raw / 1024).toFixed(1)} KB of HTML, CSS and JS (${(gz / 1024).toFixed(1)} KB gzip)`);
