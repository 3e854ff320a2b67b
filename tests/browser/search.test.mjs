// Search in Chromium: the public API, the combobox, the results page, Arabic and Polish
// folding, typos, synonyms, the no-results handover, and the shared analyser vectors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHONE, ROOT, SCREENSHOTS, SHOP, holdRequests, launchBrowser, newPage, serveSite } from './lib.mjs';

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await serveSite(SHOP, { csp: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function apiPage(lang = 'en') {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/${lang}/`);
  await page.waitForFunction(() => window.helpbook && typeof window.helpbook.search === 'function');
  return page;
}

const topUrls = (page, query, lang) =>
  page.evaluate(([q, l]) => window.helpbook.search(q, { lang: l, limit: 5 }).then((r) => r.map((x) => x.url)), [query, lang]);

test('window.helpbook.search returns ranked results with the documented fields', async () => {
  const page = await apiPage();
  const results = await page.evaluate(() => window.helpbook.search('refund', { lang: 'en', limit: 3 }));
  assert.equal(results.length, 3);
  assert.deepEqual(Object.keys(results[0]).sort(), ['category', 'excerpt', 'score', 'title', 'url']);
  assert.equal(results[0].url, '/en/returns/refunds/');
  assert.equal(results[0].category, 'Returns and refunds');
  assert.ok(results[0].score >= results[1].score && results[1].score >= results[2].score);
  assert.match(results[0].excerpt, /refund/i);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

const CASES = [
  ['ar', 'سياسه الارجاع', '/ar/returns/return-policy/', 'Arabic without hamza or diacritics finds the title written with them'],
  ['ar', 'تتبع شحنتك', '/ar/shipping/tracking-your-parcel/', 'Arabic without shadda finds تتبُّع'],
  ['pl', 'zwrot pieniedzy', '/pl/returns/refunds/', 'Polish without diacritics'],
  ['pl', 'sledzenie przesylki', '/pl/shipping/tracking-your-parcel/', 'Polish without ś and ł'],
  ['en', 'refnd', '/en/returns/refunds/', 'a typo'],
  ['en', 'trackign', '/en/shipping/tracking-your-parcel/', 'a swapped pair of letters'],
  ['en', 'reimbursement', '/en/returns/refunds/', 'a synonym from synonyms/en.toml'],
  ['pl', 'refundacja', '/pl/returns/refunds/', 'a Polish synonym phrase'],
  ['en', 'refu', '/en/returns/refunds/', 'the last word as a prefix'],
];
test('a word being typed that is also one typo from a term counts once, below the word typed in full', async () => {
  const page = await apiPage();
  const top = (q) => page.evaluate((query) => window.helpbook.search(query, { lang: 'en', limit: 1 }).then((r) => r[0]), q);
  const [typing, started, full] = [await top('retur'), await top('retu'), await top('return')];
  assert.equal(typing.url, full.url);
  assert.equal(typing.score, started.score, '"retur" reaches "return" as a prefix only, like "retu"');
  assert.ok(typing.score < full.score, `"retur" ${typing.score} must rank below "return" ${full.score}`);
  await page.context().close();
});

for (const [lang, query, expected, why] of CASES) {
  test(`${why}: "${query}" puts ${expected} first`, async () => {
    const page = await apiPage(lang);
    assert.equal((await topUrls(page, query, lang))[0], expected);
    await page.context().close();
  });
}

test('typing shows instant results that the keyboard can walk and open', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/en/`);
  const input = page.locator('.hero [data-hb-search-input]');
  await input.focus();
  // Typed at once, before the search code has loaded: nothing typed may be lost.
  await input.pressSequentially('parcel', { delay: 20 });
  const listbox = page.locator('.hero [role="listbox"]');
  await listbox.locator('[role="option"]').first().waitFor();
  assert.equal(await input.getAttribute('role'), 'combobox');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  assert.match(await page.locator('.hero [role="status"]').textContent(), /results/);
  assert.ok(await listbox.locator('mark').count() > 0, 'matched words are highlighted');
  await page.keyboard.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
  const href = await page.locator(`#${active}`).getAttribute('href');
  await page.screenshot({ path: join(SCREENSHOTS, 'en-search-instant-phone.png') });
  await page.keyboard.press('Enter');
  await page.waitForURL(`**${href}`);
  await page.goBack();
  await page.locator('.hero [data-hb-search-input]').focus();
  await page.locator('.hero [data-hb-search-input][role="combobox"]').waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.hero [data-hb-search-input]').getAttribute('aria-expanded'), 'false');
  await page.context().close();
});

for (const [lang, query] of [['en', 'refund'], ['ar', 'استرجاع']]) {
  test(`the results page works at 375 px in ${lang} and can be linked to`, async () => {
    const page = await newPage(browser, { viewport: PHONE });
    await page.goto(`${server.url}/${lang}/search/?q=${encodeURIComponent(query)}`);
    await page.locator('[data-hb-search-page] .results li').first().waitFor();
    assert.ok(await page.locator('[data-hb-search-page] .results li').count() >= 2);
    assert.equal(await page.locator('main [data-hb-search-input]').inputValue(), query);
    const width = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(width, 'nothing overflows');
    assert.deepEqual(page.problems, []);
    await page.screenshot({ path: join(SCREENSHOTS, `${lang}-search-page-phone.png`), fullPage: true });
    await page.context().close();
  });
}

test('no results: says so, suggests a correction, shows popular articles and hands over with the query', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/en/search/?q=${encodeURIComponent('xylophone warranty')}`);
  const box = page.locator('[data-hb-search-page] .no-results');
  await box.waitFor();
  assert.match(await box.textContent(), /No articles match “xylophone warranty”/);
  assert.ok(await box.locator('.no-results-popular + ul li').count() >= 1);
  const whatsapp = await box.locator('[data-hb-channel="whatsapp"]').getAttribute('href');
  assert.match(decodeURIComponent(whatsapp), /text=I searched the help center for: xylophone warranty/);
  const email = await box.locator('[data-hb-channel="email"]').getAttribute('href');
  assert.match(decodeURIComponent(email), /subject=I searched the help center for: xylophone warranty/);
  await page.screenshot({ path: join(SCREENSHOTS, 'en-search-no-results-phone.png'), fullPage: true });
  await page.goto(`${server.url}/en/search/?q=${encodeURIComponent('pasword')}`);
  await page.locator('[data-hb-search-page] .results li').first().waitFor();
  const didYouMean = await page.evaluate(() => import('/assets/js/search.js').then((m) => m.searchDetailed('pasword', { lang: 'en' })).then((a) => a.didYouMean));
  assert.equal(didYouMean, 'password');
  await page.context().close();
});

test('the index loads on the first focus, not with the page', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}/en/returns/refunds/`);
  await page.waitForLoadState('networkidle');
  assert.ok(!fetched.some((p) => p.startsWith('/search/')), 'no index before the box is used');
  const rootRequest = page.waitForRequest((r) => r.url().endsWith('/search/en/root.json'));
  await page.locator('[data-hb-search-input]').first().focus();
  await rootRequest;
  await page.context().close();
});

test('a box focused before the page script ran still gets search', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  // Hold the page's script back until the box has focus.
  const release = await holdRequests(page, '**/helpbook*.js');
  // A held module script holds DOMContentLoaded back too, so the page is only committed.
  await page.goto(`${server.url}/en/returns/refunds/`, { waitUntil: 'commit' });
  const box = page.locator('[data-hb-search-input]').first();
  await box.focus();
  const rootRequest = page.waitForRequest((r) => r.url().endsWith('/search/en/root.json'));
  release();
  await rootRequest;
  await box.fill('refund');
  await page.locator('[role="option"]').first().waitFor();
  await page.context().close();
});

test('the analyser vectors give the same terms in Chromium', async () => {
  const vectors = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/analyzers.json'), 'utf8'));
  const page = await apiPage();
  const terms = await page.evaluate(async (cases) => {
    const { analyze } = await import('/assets/js/analyze.js');
    return cases.map((c) => analyze(c.input, c.lang).map((t) => t.term));
  }, vectors.cases);
  assert.deepEqual(terms, vectors.cases.map((c) => c.terms));
  await page.context().close();
});
