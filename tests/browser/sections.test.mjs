// Sections in a real browser: the fixture site tests/fixtures/sections, whose folders go three
// levels deep under a category, served under a strict Content-Security-Policy. The deepest pages
// carry the longest breadcrumbs, and the Arabic deep article has a title long enough to force
// them onto several lines, so this is where a 375 px phone finds overflow first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PHONE, SCREENSHOTS, SECTIONS, launchBrowser, newPage, serveSite } from './lib.mjs';

let browser;
let server;

before(async () => {
  assert.ok(SECTIONS, 'HELPBOOK_SECTIONS names the built sections fixture (run tests/browser/run.sh)');
  browser = await launchBrowser();
  server = await serveSite(SECTIONS, { csp: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const DEEP_ARTICLE = 'orders/tracking/couriers/late-parcel/';

// Each page with the folders its breadcrumbs must link to, home first; the page itself follows
// as the last crumb, which is not a link.
const PAGES = [
  ['category', 'orders/', ['']],
  ['section', 'orders/tracking/', ['', 'orders/']],
  ['article', DEEP_ARTICLE, ['', 'orders/', 'orders/tracking/', 'orders/tracking/couriers/']],
];

/** Sizes that matter at a phone's width, measured in the page. */
function measureLayout() {
  const width = window.innerWidth;
  const outside = (box) => box.width > 0 && (box.left < -0.5 || box.right > width + 0.5);
  const describe = (element) => `${element.tagName.toLowerCase()}.${element.className} "${element.textContent.trim().slice(0, 40)}"`;
  const crumbs = [...document.querySelectorAll('.breadcrumbs li')].map((item) => {
    const box = item.getBoundingClientRect();
    return { top: Math.round(box.top), left: box.left, right: box.right, text: item.textContent.trim() };
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: width,
    dir: document.documentElement.dir,
    direction: getComputedStyle(document.querySelector('main')).direction,
    // The breadcrumbs sit inside main; naming them keeps the check if a template moves them.
    tooWide: [...document.querySelectorAll('main, main *, .breadcrumbs, .breadcrumbs *')]
      .filter((element) => outside(element.getBoundingClientRect()))
      .map(describe),
    crumbs,
    crumbLinks: [...document.querySelectorAll('.breadcrumbs li a')].map((a) => a.getAttribute('href')),
    current: document.querySelector('.breadcrumbs [aria-current="page"]')?.textContent.trim(),
    heading: document.querySelector('h1')?.textContent.trim(),
  };
}

for (const lang of ['en', 'ar']) {
  for (const [pageName, path, parents] of PAGES) {
    test(`${lang} ${pageName} /${lang}/${path} at phone width: fits, whole breadcrumb chain, no CSP violation`, async () => {
      const page = await newPage(browser, { viewport: PHONE });
      const response = await page.goto(`${server.url}/${lang}/${path}`);
      assert.equal(response.status(), 200);
      await page.waitForLoadState('networkidle');
      const layout = await page.evaluate(measureLayout);
      await page.screenshot({ path: join(SCREENSHOTS, `sections-${lang}-${pageName}-phone.png`), fullPage: true });

      assert.ok(layout.scrollWidth <= layout.innerWidth, `page is ${layout.scrollWidth}px wide in a ${layout.innerWidth}px window`);
      assert.deepEqual(layout.tooWide, [], 'every box in main and the breadcrumbs stays inside the window');
      const expected = lang === 'ar' ? 'rtl' : 'ltr';
      assert.equal(layout.dir, expected);
      assert.equal(layout.direction, expected);

      assert.equal(layout.crumbs.length, parents.length + 1, `crumbs: ${layout.crumbs.map((c) => c.text).join(' › ')}`);
      assert.deepEqual(layout.crumbLinks, parents.map((parent) => `/${lang}/${parent}`));
      assert.equal(layout.current, layout.heading, 'the last crumb names the page');

      for (const crumb of layout.crumbs) {
        assert.ok(crumb.left >= 0 && crumb.right <= layout.innerWidth,
          `crumb "${crumb.text}" spans ${crumb.left}..${crumb.right} in a ${layout.innerWidth}px window`);
      }
      if (lang === 'ar' && pageName === 'article') {
        const lines = new Set(layout.crumbs.map((crumb) => crumb.top));
        assert.ok(lines.size > 1, 'the long Arabic title pushes the crumbs onto more than one line');
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }
}

const hrefs = (list) => list.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));

test('a category page previews each section: its first five articles and a link to all of them', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/en/orders/tracking/`);
  const sectionFirstFive = (await hrefs(page.locator('main > .article-list'))).slice(0, 5);

  await page.goto(`${server.url}/en/orders/`);
  const preview = page.locator('.section-preview').filter({ has: page.locator('h2', { hasText: 'Tracking' }) });
  assert.equal(await preview.count(), 1, 'the Orders page has a Tracking section');
  assert.equal(await preview.locator('h2 a').getAttribute('href'), '/en/orders/tracking/');
  const previewed = await hrefs(preview.locator('.article-list'));
  assert.equal(previewed.length, 5);
  assert.deepEqual(previewed, sectionFirstFive, 'the preview shows the section page\'s first five, in its order');

  // Seven articles of its own and two in Couriers.
  const seeAll = preview.locator('.more a');
  assert.equal((await seeAll.textContent()).trim(), 'See all (9 articles)');
  assert.equal(await seeAll.getAttribute('href'), '/en/orders/tracking/');
  await seeAll.click();
  await page.waitForURL('**/en/orders/tracking/');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a section page lists its own articles and links its subsections', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/en/orders/tracking/`);
  const own = await hrefs(page.locator('main > .article-list'));
  const expected = ['where-is-my-order', 'step-1', 'step-2', 'step-3', 'step-4', 'step-5', 'step-6']
    .map((slug) => `/en/orders/tracking/${slug}/`);
  assert.deepEqual([...own].sort(), [...expected].sort());

  const subsection = page.locator('.section-preview h2 a');
  assert.equal(await subsection.count(), 1);
  assert.equal((await subsection.textContent()).trim(), 'Couriers');
  assert.equal(await subsection.getAttribute('href'), '/en/orders/tracking/couriers/');
  const underCouriers = await hrefs(page.locator('.section-preview .article-list'));
  assert.ok(underCouriers.includes(`/en/${DEEP_ARTICLE}`), `Couriers previews the deep article: ${underCouriers}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Words that only the deep article holds ("courier" is in its title and text, nowhere else).
const DEEP_QUERY = 'courier late';

test('instant search finds the deep article and says where it sits', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/en/`);
  const input = page.locator('.hero [data-hb-search-input]');
  await input.focus();
  await input.pressSequentially(DEEP_QUERY, { delay: 20 });
  const first = page.locator('.hero [role="listbox"] [role="option"]').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('href'), `/en/${DEEP_ARTICLE}`);
  assert.equal((await first.locator('.result-category').textContent()).trim(), 'Orders › Tracking › Couriers');
  await page.screenshot({ path: join(SCREENSHOTS, 'sections-en-search-instant-phone.png') });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('submitting the search from the home page lands on the moved results page with the deep article', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/en/`);
  await page.locator('.hero [data-hb-search-input]').fill(DEEP_QUERY);
  await page.locator('.hero button[type="submit"]').click();
  await page.waitForURL('**/en/search-results/?q=*');
  const result = page.locator('[data-hb-search-page] .results li a').first();
  await result.waitFor();
  assert.equal(await result.getAttribute('href'), `/en/${DEEP_ARTICLE}`);
  assert.match(await result.locator('.result-category').textContent(), /Couriers/);
  assert.equal(await page.locator('main [data-hb-search-input]').inputValue(), DEEP_QUERY);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** Every page of the built site under /<lang>/, as paths. */
async function builtPages(lang) {
  const files = await readdir(join(SECTIONS, lang), { recursive: true });
  return files
    .filter((file) => file === 'index.html' || file.endsWith('/index.html'))
    .map((file) => `/${lang}/${file.slice(0, -'index.html'.length)}`)
    .sort();
}

test('the search form on every page sends to /<lang>/search-results/, since the writer took /search/', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  for (const lang of ['en', 'ar', 'pl']) {
    const paths = await builtPages(lang);
    assert.ok(paths.includes(`/${lang}/${DEEP_ARTICLE}`), `the walk finds the deep ${lang} article`);
    for (const path of paths) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' });
      const actions = await page.$$eval('form[role="search"]', (forms) => forms.map((form) => new URL(form.action).pathname));
      assert.ok(actions.length >= 1, `${path} has a search form`);
      for (const action of actions) assert.equal(action, `/${lang}/search-results/`, `the search form on ${path}`);
    }
  }
  await page.context().close();
});

test('the language switcher on the deep article leads to its Arabic and Polish translations', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/en/${DEEP_ARTICLE}`);
  const targets = {};
  for (const lang of ['ar', 'pl']) {
    targets[lang] = await page.locator(`.languages a[hreflang="${lang}"]`).getAttribute('href');
  }
  assert.deepEqual(targets, { ar: `/ar/${DEEP_ARTICLE}`, pl: `/pl/${DEEP_ARTICLE}` });
  for (const lang of ['ar', 'pl']) {
    await page.goto(`${server.url}/en/${DEEP_ARTICLE}`);
    await page.click(`.languages a[hreflang="${lang}"]`);
    await page.waitForURL(`**/${lang}/${DEEP_ARTICLE}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.equal(await page.locator('.breadcrumbs li').count(), 5, `the ${lang} article sits as deep`);
  }
  await page.context().close();
});
