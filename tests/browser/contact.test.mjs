// The path to a human: live channel status with a fixed clock, the helpfulness vote reaching
// an endpoint, announcements, and the opening-hours rules run in Chromium itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, PHONE, ROOT, SCREENSHOTS, SHOP, launchBrowser, newPage, serveSite } from './lib.mjs';

let browser;
let shop;
let basic;
let work;

/** The basic fixture with extra book.toml settings, built into a temporary folder. */
function buildFixture(extraConfig) {
  const site = join(work, 'site');
  cpSync(join(ROOT, 'tests/fixtures/basic'), site, { recursive: true });
  appendFileSync(join(site, 'book.toml'), extraConfig);
  execFileSync(BIN, ['build', site, '-o', join(work, 'out'), '--quiet', '--base-url', 'https://help.example.com/']);
  return join(work, 'out');
}

before(async () => {
  browser = await launchBrowser();
  shop = await serveSite(SHOP, { csp: true });
  work = mkdtempSync(join(tmpdir(), 'helpbook-contact-'));
  const out = buildFixture(`
[feedback]
endpoint = "/__votes"

[[announcements]]
id = "holiday-2026"
text = "Orders placed after 20 December arrive in January."
starts = 2020-01-01
ends = 2099-12-31
`);
  basic = await serveSite(out, { csp: true });
});

after(async () => {
  await browser?.close();
  await shop?.close();
  await basic?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function channelsAt(instant, lang = 'en') {
  const page = await newPage(browser, { viewport: PHONE, timezoneId: 'UTC' });
  await page.clock.setFixedTime(new Date(instant));
  await page.goto(`${shop.url}/${lang}/contact/`);
  await page.waitForSelector('[data-hb-open]');
  const channels = await page.$$eval('[data-hb-contact-channels] [data-hb-channel]', (items) =>
    items.map((i) => ({ kind: i.dataset.hbChannel, open: i.dataset.hbOpen, status: i.querySelector('[data-hb-status]').textContent })));
  return { page, channels };
}

test('on a weekday morning in Warsaw the phone line is open and says how fast it answers', async () => {
  const { page, channels } = await channelsAt('2026-11-23T07:30:00Z');
  const phone = channels.find((c) => c.kind === 'phone');
  assert.equal(phone.open, 'true');
  assert.equal(phone.status, 'Open now, replies within about 2 minutes');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('on Sunday the phone is closed, says when it opens in shop and customer time, and open channels come first', async () => {
  const { page, channels } = await channelsAt('2026-11-29T12:00:00Z');
  const phone = channels.find((c) => c.kind === 'phone');
  assert.equal(phone.open, 'false');
  assert.equal(phone.status, 'Closed, opens Monday 08:00 (your time: Monday 07:00)');
  const firstClosed = channels.findIndex((c) => c.open === 'false');
  assert.ok(channels.slice(firstClosed).every((c) => c.open === 'false'), JSON.stringify(channels));
  assert.deepEqual(channels.slice(0, firstClosed).map((c) => c.kind), ['whatsapp', 'email', 'instagram']);
  await page.screenshot({ path: join(SCREENSHOTS, 'en-contact-closed-phone.png'), fullPage: true });
  await page.context().close();
});

test('the Arabic contact page gives the status in Arabic', async () => {
  const { page, channels } = await channelsAt('2026-11-23T07:30:00Z', 'ar');
  assert.match(channels.find((c) => c.kind === 'phone').status, /^متاح الآن/);
  await page.context().close();
});

test('without JavaScript the contact page shows the opening hours table', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(`${shop.url}/en/contact/`);
  const rows = await page.$$eval('[data-hb-channel="phone"] ~ details.hours tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim()).join(' ')));
  assert.equal(rows[0], 'Monday 08:00-18:00');
  assert.equal(rows[6], 'Sunday Closed');
  await page.context().close();
});

test('article pages open e-mail and WhatsApp with the article named', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(`${shop.url}/en/returns/refunds/`);
  const whatsapp = await page.getAttribute('.need-help [data-hb-channel="whatsapp"]', 'href');
  assert.match(whatsapp, /^https:\/\/wa\.me\/48600100200\?text=/);
  assert.match(decodeURIComponent(whatsapp), /Refunds: when and how you get your money back.*\/en\/returns\/refunds\//);
  const email = await page.getAttribute('.need-help [data-hb-channel="email"]', 'href');
  assert.match(decodeURIComponent(email), /^mailto:help@juniperlane\.example\?subject=Question about: Refunds/);
  await page.context().close();
});

test('"No" sends the vote to the endpoint and offers the channels', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${basic.url}/en/returns/refunds/`);
  await page.click('[data-hb-vote="no"]');
  await page.waitForFunction(() => !document.querySelector('[data-hb-feedback-no]').hidden);
  await page.waitForTimeout(300);
  const votes = basic.posts.filter((p) => p.url === '/__votes');
  assert.equal(votes.length, 1);
  assert.deepEqual(JSON.parse(votes[0].body), { article: '/en/returns/refunds/', lang: 'en', vote: 'no' });
  assert.ok(await page.isVisible('[data-hb-feedback-no] a'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('with nothing configured a vote goes nowhere', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  const requests = [];
  page.on('request', (r) => requests.push(r.method()));
  await page.goto(`${shop.url}/en/returns/refunds/`);
  await page.click('[data-hb-vote="yes"]');
  await page.waitForSelector('[data-hb-feedback-thanks]:not([hidden])');
  await page.waitForTimeout(300);
  assert.ok(!requests.includes('POST'));
  await page.context().close();
});

test('an announcement shows between its dates and stays away once dismissed', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${basic.url}/en/`);
  const banner = page.locator('[data-hb-announcement]');
  assert.ok(await banner.isVisible());
  await page.click('[data-hb-dismiss]');
  assert.ok(!(await banner.isVisible()));
  await page.reload();
  await page.waitForLoadState('networkidle');
  assert.ok(!(await banner.isVisible()));
  await page.context().close();
});

test('the opening-hours vectors give the same answers in Chromium', async () => {
  const vectors = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/hours.json'), 'utf8'));
  const page = await newPage(browser);
  await page.goto(`${shop.url}/en/`);
  const results = await page.evaluate(async (v) => {
    const { statusAt } = await import('/assets/js/hours.js');
    return v.cases.map((c) => {
      const s = statusAt(v.schedules[c.schedule].parsed, Date.parse(c.now));
      return { open: s.open, change: s.change === null ? null : new Date(s.change).toISOString().replace('.000', '') };
    });
  }, vectors);
  assert.deepEqual(results, vectors.cases.map((c) => ({ open: c.open, change: c.change })));
  await page.context().close();
});

test('the contact page suggests the article for a typed question before the channels', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${shop.url}/en/contact/`);
  await page.locator('.contact-search [data-hb-search-input]').focus();
  const input = page.locator('.contact-search [data-hb-search-input][role="combobox"]');
  await input.waitFor();
  await input.fill('where is my parcel');
  const first = page.locator('.contact-search [role="option"]').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('href'), '/en/shipping/tracking-your-parcel/');
  assert.ok(await page.locator('a[href="#channels-title"]').isVisible(), 'the channels stay one tap away');
  await page.context().close();
});
