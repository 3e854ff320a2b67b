// axe-core's WCAG 2.1 A and AA rules on every kind of page, in English and Arabic, light and
// dark, at a phone's width. axe is served from the site's own origin through a route, so the
// strict Content-Security-Policy stays on while it runs: what axe sees is what a visitor gets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PHONE, SCREENSHOTS, SECTIONS, SHOP, launchBrowser, newPage, serveSite } from './lib.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_PATH = '/__axe.min.js';
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Sunday noon in Warsaw: the phone line is closed while the other channels are open, so every
// page that lists channels shows both states, whatever the time the suite runs.
const PHONE_CLOSED = '2026-11-29T12:00:00Z';

let browser;
let shop;
let sections;

before(async () => {
  assert.ok(SHOP && SECTIONS, 'HELPBOOK_SHOP and HELPBOOK_SECTIONS name the built fixtures (run tests/browser/run.sh)');
  browser = await launchBrowser();
  shop = await serveSite(SHOP, { csp: true });
  sections = await serveSite(SECTIONS, { csp: true });
});

after(async () => {
  await browser?.close();
  await shop?.close();
  await sections?.close();
});

// [name, site, path under /<lang>/ per language, what to wait for once loaded, screenshot name].
// Tags and search words differ per language, so the Arabic pages get Arabic ones and so show
// highlighted matches.
const PAGES = [
  ['home', () => shop, { en: '', ar: '' }],
  ['category', () => shop, { en: 'returns/', ar: 'returns/' }],
  ['section', () => sections, { en: 'orders/tracking/', ar: 'orders/tracking/' }],
  ['article', () => shop, { en: 'returns/refunds/', ar: 'returns/refunds/' }],
  ['tag', () => shop, { en: 'tags/refund/', ar: 'tags/استرداد-الأموال/' }],
  ['contact with a closed channel', () => shop, { en: 'contact/', ar: 'contact/' }, '[data-hb-channel][data-hb-open="false"]', 'contact'],
  ['search with results', () => shop, { en: 'search/?q=refund', ar: 'search/?q=استرداد' }, '[data-hb-search-page] .results li mark', 'search'],
  ['search without results', () => shop, { en: 'search/?q=xylophone%20qwzx', ar: 'search/?q=xylophone%20qwzx' }, '[data-hb-search-page] .no-results'],
  ['404', () => shop, { en: '404.html', ar: '404.html' }],
  ['widget panel', () => shop, { en: 'widget/', ar: 'widget/' }],
];

/** Each failing node: rule, impact, its selectors, and axe's own account of why it fails. */
function describeViolations(violations) {
  return violations.flatMap((v) => v.nodes.map((node) =>
    `${v.id} (${v.impact}) at ${node.target.join(' ')}\n    ${node.failureSummary.replaceAll('\n', '\n    ')}`)).join('\n');
}

for (const scheme of ['light', 'dark']) {
  for (const lang of ['en', 'ar']) {
    for (const [name, site, paths, ready, shot] of PAGES) {
      test(`${lang} ${name} in ${scheme} at phone width passes axe's WCAG 2.1 AA rules`, async () => {
        const page = await newPage(browser, { viewport: PHONE, colorScheme: scheme, timezoneId: 'UTC' });
        await page.clock.setFixedTime(new Date(PHONE_CLOSED));
        await page.route(`**${AXE_PATH}`, (route) => route.fulfill({ path: AXE, contentType: 'text/javascript' }));
        await page.goto(`${site().url}/${lang}/${paths[lang]}`);
        await page.waitForLoadState('networkidle');
        if (ready) await page.locator(ready).first().waitFor();
        await page.addScriptTag({ url: AXE_PATH });
        const { violations } = await page.evaluate((tags) =>
          window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), WCAG_AA);
        assert.equal(violations.length, 0, `axe found:\n${describeViolations(violations)}`);
        assert.deepEqual(page.problems, []);
        if (shot) await page.screenshot({ path: join(SCREENSHOTS, `a11y-${lang}-${shot}-${scheme}.png`), fullPage: true });
        await page.context().close();
      });
    }
  }
}
