// A category too long for one page, on a phone: its pages link to each other with links big
// enough to tap, each lists its share of the articles, the page fits the screen, and the
// links follow the reading direction (Arabic puts "previous" on the right).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, PHONE, SHOP_SOURCE, launchBrowser, newPage, serveSite } from './lib.mjs';

let browser;
let server;
let work;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'helpbook-pages-'));
  const site = join(work, 'site');
  cpSync(SHOP_SOURCE, site, { recursive: true });
  appendFileSync(join(site, 'book.toml'), '\n[build]\narticles_per_page = 2\n');
  execFileSync(BIN, ['build', site, '-o', join(work, 'out'), '--quiet']);
  browser = await launchBrowser();
  server = await serveSite(join(work, 'out'), { csp: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

for (const lang of ['en', 'ar']) {
  test(`${lang}: the pages of a long category link to each other and fit a phone`, async () => {
    const page = await newPage(browser, { viewport: PHONE });
    await page.goto(`${server.url}/${lang}/returns/`);
    const next = page.locator('.pagination a[rel="next"]');
    const box = await next.boundingBox();
    assert.ok(box.height >= 44, `the link is ${box.height}px tall`);
    assert.equal(await page.locator('main .article-list li').count(), 2);
    await next.click();
    await page.waitForURL(`${server.url}/${lang}/returns/page/2/`);
    const layout = await page.evaluate(() => {
      const nav = document.querySelector('.pagination');
      const side = (selector) => nav.querySelector(selector).getBoundingClientRect().left;
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        previousLeft: side('a[rel="prev"]'),
        label: nav.querySelector('[aria-current="page"]').textContent,
      };
    });
    assert.ok(layout.scrollWidth <= layout.innerWidth, `page is ${layout.scrollWidth}px wide`);
    assert.match(layout.label, lang === 'ar' ? /الصفحة 2 من 2/ : /Page 2 of 2/);
    assert.equal(await page.locator('main .article-list li').count(), 2);
    assert.equal(await page.locator('.pagination a[rel="next"]').count(), 0, 'the last page has no next link');
    // "Previous" leads back, on the reading side: left in English, right in Arabic.
    const middle = layout.innerWidth / 2;
    assert.ok(lang === 'ar' ? layout.previousLeft > middle : layout.previousLeft < middle, `previous at ${layout.previousLeft}px`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}
