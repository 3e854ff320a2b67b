// The shop fixture in a real browser: phone and desktop, English and Arabic, under a
// strict Content-Security-Policy. Screenshots go to target/screenshots for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DESKTOP, PHONE, SCREENSHOTS, SHOP, launchBrowser, newPage, serveSite } from './lib.mjs';

let browser;
let server;

before(async () => {
  assert.ok(SHOP, 'HELPBOOK_SHOP names the built shop fixture (run tests/browser/run.sh)');
  browser = await launchBrowser();
  server = await serveSite(SHOP, { csp: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const PAGES = [
  ['home', ''],
  ['category', 'returns/'],
  ['article', 'returns/refunds/'],
  ['faq', 'orders/order-faq/'],
  ['contact', 'contact/'],
];

for (const [viewportName, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  for (const lang of ['en', 'ar', 'pl']) {
    for (const [pageName, path] of PAGES) {
      test(`${lang} ${pageName} at ${viewportName} width: fits, follows the language's direction, no CSP violation`, async () => {
        const page = await newPage(browser, { viewport });
        await page.goto(`${server.url}/${lang}/${path}`);
        await page.waitForLoadState('networkidle');
        const layout = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          dir: document.documentElement.dir,
          direction: getComputedStyle(document.querySelector('main')).direction,
          lang: document.documentElement.lang,
        }));
        assert.ok(layout.scrollWidth <= layout.innerWidth, `page is ${layout.scrollWidth}px wide in a ${layout.innerWidth}px window`);
        assert.equal(layout.lang, lang);
        const expected = lang === 'ar' ? 'rtl' : 'ltr';
        assert.equal(layout.dir, expected);
        assert.equal(layout.direction, expected);
        assert.deepEqual(page.problems, []);
        await page.screenshot({ path: join(SCREENSHOTS, `${lang}-${pageName}-${viewportName}.png`), fullPage: true });
        await page.context().close();
      });
    }
  }
}

test('Arabic layout mirrors: breadcrumbs run right to left, code stays left to right', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/ar/account/order-notifications/`);
  const crumbs = await page.$$eval('.breadcrumbs li', (items) => items.map((i) => i.getBoundingClientRect().right));
  assert.ok(crumbs.length >= 2);
  assert.ok(crumbs[0] > crumbs[1], `the first crumb is the rightmost: ${crumbs}`);
  const code = await page.$eval('pre', (pre) => ({ dir: getComputedStyle(pre).direction, align: getComputedStyle(pre).textAlign }));
  assert.equal(code.dir, 'ltr');
  const toc = await page.$eval('.toc', (t) => getComputedStyle(t).borderRightWidth);
  assert.notEqual(toc, '0px', 'the table of contents rule sits on the right, where Arabic lines start');
  await page.context().close();
});

test('the skip link is the first stop and moves focus to the content', async () => {
  const page = await newPage(browser, { viewport: DESKTOP });
  await page.goto(`${server.url}/en/returns/refunds/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.ok(await page.evaluate(() => document.activeElement.getBoundingClientRect().top >= 0), 'visible when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.context().close();
});

test('the language switcher leads to the same article in Arabic, and back', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/en/returns/refunds/`);
  await page.click('.languages a[hreflang="ar"]');
  assert.equal(new URL(page.url()).pathname, '/ar/returns/refunds/');
  await page.click('.languages a[hreflang="pl"]');
  assert.equal(new URL(page.url()).pathname, '/pl/returns/refunds/');
  await page.context().close();
});

for (const [locale, expected] of [['pl-PL', '/pl/'], ['ar-SA', '/ar/'], ['de-DE', '/en/']]) {
  test(`the root sends a ${locale} browser to ${expected}`, async () => {
    const page = await newPage(browser, { locale });
    await page.goto(`${server.url}/`);
    await page.waitForURL(`**${expected}`);
    assert.equal(new URL(page.url()).pathname, expected);
    await page.context().close();
  });
}

test('without JavaScript the root lists the languages and FAQ answers still open', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(`${server.url}/`);
  assert.deepEqual(await page.$$eval('[data-hb-languages] a', (links) => links.map((a) => a.hreflang)), ['en', 'ar', 'pl']);
  await page.goto(`${server.url}/en/orders/order-faq/`);
  const first = page.locator('details.faq-item').first();
  assert.equal(await first.getAttribute('open'), null);
  await first.locator('summary').click();
  assert.equal(await first.getAttribute('open'), '');
  await page.context().close();
});

for (const lang of ['en', 'ar']) {
  test(`${lang} pages are usable at 320 px: nothing overflows`, async () => {
    const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
    for (const path of ['', 'returns/refunds/', 'account/order-notifications/', 'contact/']) {
      await page.goto(`${server.url}/${lang}/${path}`);
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert.ok(fits, `${lang}/${path} overflows at 320 px`);
    }
    await page.context().close();
  });
}

/** WCAG contrast of each element's text against the first opaque background behind it. */
function contrastReport(selectors) {
  // Colours come back as rgb()/rgba() or, from color-mix(), as color(srgb r g b / a) in 0..1.
  const channels = (color) => {
    const numbers = color.match(/[\d.]+/g).map(Number);
    if (!color.startsWith('color(srgb')) return numbers;
    return [...numbers.slice(0, 3).map((c) => c * 255), ...numbers.slice(3)];
  };
  const luminance = ([r, g, b]) => {
    const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const c = channels(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0.9) return c.slice(0, 3);
    }
    return channels(getComputedStyle(document.documentElement).backgroundColor).slice(0, 3);
  };
  return selectors.map((selector) => {
    const element = document.querySelector(selector);
    if (!element) return { selector, ratio: null };
    const [a, b] = [luminance(channels(getComputedStyle(element).color)), luminance(background(element))];
    return { selector, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`text meets WCAG AA contrast in the ${colorScheme} scheme`, async () => {
    const page = await newPage(browser, { viewport: DESKTOP, colorScheme });
    await page.goto(`${server.url}/en/returns/refunds/`);
    const report = await page.evaluate(contrastReport, [
      '.prose p', '.lead', '.meta', '.breadcrumbs a', '.prose a', '.search button', '.languages a[aria-current]',
      '.languages a:not([aria-current])', '.callout-title', '.toc a', '.channel-label', '.site-footer a', '.related .summary',
    ]);
    for (const { selector, ratio } of report) {
      assert.ok(ratio !== null, `${selector} is on the page`);
      assert.ok(ratio >= 4.5, `${selector}: contrast ${ratio.toFixed(2)} is under 4.5`);
    }
    await page.context().close();
  });
}

test('directional icons point the other way in Arabic', async () => {
  const page = await newPage(browser, { viewport: DESKTOP });
  await page.goto(`${server.url}/ar/`);
  const transform = await page.$eval('.icon-return', (icon) => getComputedStyle(icon).transform);
  assert.equal(transform, 'matrix(-1, 0, 0, 1, 0, 0)');
  await page.goto(`${server.url}/en/`);
  assert.equal(await page.$eval('.icon-return', (icon) => getComputedStyle(icon).transform), 'none');
  await page.context().close();
});
