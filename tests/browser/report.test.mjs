// The content report of `helpbook report`, opened from disk in Chromium: it renders its charts
// without any request, and a screenshot is kept under target/screenshots for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT, SHOP_SOURCE, launchBrowser, newPage } from './lib.mjs';

let browser;
let work;

before(async () => {
  browser = await launchBrowser();
  work = mkdtempSync(join(tmpdir(), 'helpbook-report-'));
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the report of the shop fixture renders its charts and findings offline', async () => {
  const file = join(work, 'report.html');
  execFileSync(BIN, ['report', SHOP_SOURCE, '-o', file]);
  const page = await newPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(pathToFileURL(file).href);

  const headings = await page.locator('h2').allTextContents();
  assert.deepEqual(headings, [
    'Articles per category and language',
    'Translation coverage',
    'How long ago articles were updated',
    'Most used tags',
    'Words per article',
    'Findings of helpbook check',
  ]);
  const charts = page.locator('svg[role="img"]');
  assert.ok((await charts.count()) >= 6, 'one chart per section and one per rule set');
  for (const chart of await charts.all()) {
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 20, 'each chart has a visible size');
    assert.ok(box.x + box.width <= 1000, 'charts fit the page');
  }
  // The shop's articles are fully translated: every language has a third of them.
  assert.match(await page.locator('#translations + svg').textContent(), /100/);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'no request leaves the file');
  await page.screenshot({ path: join(ROOT, 'target/screenshots/report.png'), fullPage: true });
  await page.context().close();
});
