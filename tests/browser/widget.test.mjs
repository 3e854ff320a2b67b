// The embeddable widget on a shop page served from another origin: it searches the help
// center, shows the channels with live status, works right to left and by keyboard, leaves
// the host page alone, and stays small.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DESKTOP, SCREENSHOTS, SHOP, holdRequests, launchBrowser, newPage, serveSite } from './lib.mjs';

let browser;
let help;
let shop;

function shopPage(lang, withWidget = true) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Shop</title>
<style>button { background: rgb(255, 0, 0); font-size: 11px; } body { margin: 0; }</style></head>
<body><h1>Juniper Lane shop</h1><button id="buy">Buy</button>
${withWidget ? `<script src="${help.url}/widget.js" data-lang="${lang}" defer></script>` : ''}</body></html>`;
}

before(async () => {
  browser = await launchBrowser();
  help = await serveSite(SHOP, { csp: true });
  shop = createServer((request, response) => {
    const params = new URL(request.url, 'http://x').searchParams;
    const page = shopPage(params.get('lang') || 'en', !params.has('bare'));
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise((done) => shop.listen(0, '127.0.0.1', done));
});

after(async () => {
  await browser?.close();
  await help?.close();
  await new Promise((done) => shop.close(done));
});

const shopUrl = (lang) => `http://127.0.0.1:${shop.address().port}/?lang=${lang}`;

test('the widget searches the help center and shows the channels with their status', async (t) => {
  const page = await newPage(browser, { viewport: DESKTOP });
  const fromHelp = [];
  page.on('response', (r) => {
    if (r.url().startsWith(help.url)) fromHelp.push(new URL(r.url()).pathname);
  });
  await page.goto(`${shopUrl('en')}&bare`);
  const globalsBefore = await page.evaluate(() => Object.keys(window));
  await page.goto(shopUrl('en'));
  await page.waitForFunction(() => window.HelpbookWidget);
  const added = await page.evaluate((before) => Object.keys(window).filter((k) => !before.includes(k)), globalsBefore);
  assert.deepEqual(added, ['HelpbookWidget']);
  assert.equal(await page.$eval('#buy', (b) => getComputedStyle(b).backgroundColor), 'rgb(255, 0, 0)');

  await page.click('[data-helpbook-widget] button');
  const panel = page.frameLocator('[data-helpbook-widget] iframe');
  // The script makes the box a combobox once it has loaded; typing before that would be lost.
  await panel.locator('[data-hb-search-input]').focus();
  const input = panel.locator('[data-hb-search-input][role="combobox"]');
  await input.waitFor();
  await input.fill('refund');
  await panel.locator('[role="option"]').first().waitFor();
  assert.equal(await panel.locator('[role="option"]').first().getAttribute('href'), '/en/returns/refunds/');
  await panel.locator('[data-hb-status]:not([hidden])').first().waitFor();
  assert.ok(await panel.locator('[data-hb-channel]').count() >= 4);
  await page.screenshot({ path: join(SCREENSHOTS, 'widget-en-desktop.png') });
  assert.equal(await page.$eval('#buy', (b) => getComputedStyle(b).fontSize), '11px', 'host styles untouched');

  const code = [...new Set(fromHelp)].filter((p) => !p.startsWith('/search/'));
  const bytes = code.reduce((sum, p) => sum + gzipSync(readFileSync(join(SHOP, p.endsWith('/') ? `${p}index.html` : p))).length, 0);
  // The size goal (15 KB) is a benchmark figure, reported rather than asserted.
  t.diagnostic(`widget without the index: ${(bytes / 1024).toFixed(1)} KB gzip in ${code.length} files`);
  await page.context().close();
});

test('a panel box focused before the panel script ran still gets search', async () => {
  const page = await newPage(browser, { viewport: DESKTOP });
  // Hold the panel's script back until its box has focus.
  const release = await holdRequests(page, '**/widget-page.js');
  await page.goto(shopUrl('en'));
  await page.waitForFunction(() => window.HelpbookWidget);
  await page.click('[data-helpbook-widget] button');
  const panel = page.frameLocator('[data-helpbook-widget] iframe');
  const box = panel.locator('[data-hb-search-input]');
  await box.focus();
  assert.equal(await box.getAttribute('role'), null, 'the panel script has not run yet');
  const rootRequest = page.waitForRequest((r) => r.url().endsWith('/search/en/root.json'));
  release();
  await rootRequest;
  await box.fill('refund');
  await panel.locator('[role="option"]').first().waitFor();
  await page.context().close();
});

test('the widget opens by keyboard, closes with Escape and gives focus back', async () => {
  const page = await newPage(browser, { viewport: DESKTOP });
  await page.goto(shopUrl('en'));
  await page.waitForFunction(() => window.HelpbookWidget);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.hasAttribute('data-helpbook-widget')), true);
  await page.keyboard.press('Enter');
  const frame = page.frameLocator('[data-helpbook-widget] iframe');
  await frame.locator('main').waitFor();
  await frame.locator('[data-hb-search-input]').focus();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('[data-helpbook-widget]').shadowRoot.querySelector('iframe').hidden);
  const expanded = await page.evaluate(() => document.querySelector('[data-helpbook-widget]').shadowRoot.querySelector('button').getAttribute('aria-expanded'));
  assert.equal(expanded, 'false');
  await page.context().close();
});

test('in Arabic the button sits on the left and the panel reads right to left', async () => {
  const page = await newPage(browser, { viewport: DESKTOP });
  await page.goto(shopUrl('ar'));
  await page.waitForFunction(() => window.HelpbookWidget);
  const box = await page.locator('[data-helpbook-widget] button').boundingBox();
  assert.ok(box.x < DESKTOP.width / 2, `button at x=${box.x}`);
  await page.click('[data-helpbook-widget] button');
  const frame = await (await page.waitForSelector('[data-helpbook-widget] iframe')).contentFrame();
  await frame.waitForURL('**/ar/widget/');
  await frame.waitForLoadState();
  assert.equal(await frame.evaluate(() => document.documentElement.dir), 'rtl');
  await page.screenshot({ path: join(SCREENSHOTS, 'widget-ar-desktop.png') });
  await page.context().close();
});
