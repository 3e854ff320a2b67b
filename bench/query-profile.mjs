// Where warm queries spend their time: runs queries through window.helpbook.search in
// Chromium with the DevTools CPU profiler on, after one unprofiled round has loaded the index,
// and prints self time per function (file, line and the start of its code), largest first.
// Usage: node bench/query-profile.mjs BUILT_SITE_DIR [lang [query...]]
// Without queries it runs the language's list from bench/queries.mjs. PROFILE_OUT=file.cpuprofile
// also writes the whole profile, which Chromium's DevTools open.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, newPage, serveSite } from '../tests/browser/lib.mjs';
import { QUERIES } from './queries.mjs';

const ROUNDS = 40;
const [site, lang = 'en', ...given] = process.argv.slice(2);
if (!site) {
  console.error('usage: node bench/query-profile.mjs BUILT_SITE_DIR [lang [query...]]');
  process.exit(2);
}
const queries = given.length ? given : QUERIES[lang] ?? QUERIES.en;
const server = await serveSite(site);
const browser = await launchBrowser();
const page = await newPage(browser);
await page.goto(`${server.url}/${lang}/`);
await page.waitForFunction(() => window.helpbook && window.helpbook.search);
const run = (rounds) => page.evaluate(async ([qs, l, n]) => {
  for (let round = 0; round < n; round += 1) {
    for (const q of qs) await window.helpbook.search(q, { lang: l, limit: 10 });
  }
}, [queries, lang, rounds]);
await run(1);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const started = Date.now();
await run(ROUNDS);
const elapsed = Date.now() - started;
const { profile } = await cdp.send('Profiler.stop');
await browser.close();
await server.close();
if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));

// Self time of a node is its sample count times the sampling interval.
const interval = (profile.endTime - profile.startTime) / profile.samples.length;
const hits = new Map(profile.nodes.map((n) => [n.id, 0]));
for (const id of profile.samples) hits.set(id, hits.get(id) + 1);
// Theme scripts are minified, so a function is shown with the start of its code.
const sources = new Map();
function snippet(url, line, column) {
  const path = join(site, new URL(url).pathname);
  if (!sources.has(path)) sources.set(path, existsSync(path) ? readFileSync(path, 'utf8').split('\n') : []);
  return (sources.get(path)[line] || '').slice(column, column + 50).replace(/\s+/g, ' ');
}
const byFunction = new Map();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const file = url.split('/').pop();
  const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}${url ? ` ${snippet(url, lineNumber, columnNumber)}` : ''}`;
  byFunction.set(key, (byFunction.get(key) || 0) + hits.get(node.id) * interval);
}
const total = [...byFunction.values()].reduce((a, b) => a + b, 0);
const count = ROUNDS * queries.length;
console.log(`${count} queries in ${elapsed} ms (${(elapsed / count).toFixed(2)} ms each); self time:`);
for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
}
