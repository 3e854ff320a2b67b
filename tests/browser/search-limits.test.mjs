// Ranking over a site larger than the shop fixture, where a query reaches hundreds of articles: a
// small limit keeps only the best few while scoring and a large one sorts everything, so the
// two must agree; and the scoring arrays reused from query to query must not leak between
// queries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, launchBrowser, newPage, serveSite } from './lib.mjs';

const ARTICLES = 240;
const WORDS = ['parcel', 'delivery', 'refund', 'order', 'courier', 'locker', 'invoice', 'return', 'card', 'address'];

let browser;
let server;
let work;

/** Article `i`: a few words picked by a fixed rule, so articles share words unevenly. */
function article(i) {
  const pick = (n) => WORDS[(i * 7 + n * 3 + (i % (n + 2))) % WORDS.length];
  const body = Array.from({ length: 5 + (i % 9) }, (_, n) => pick(n)).join(' ');
  return `+++\ntitle = "${pick(1)} ${pick(4)} ${i}"\ndescription = "${pick(2)} and ${pick(3)}."\n+++\n\n${body}.\n`;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'helpbook-limits-'));
  const site = join(work, 'site');
  mkdirSync(join(site, 'content/en/help'), { recursive: true });
  writeFileSync(join(site, 'book.toml'), '[site]\ntitle = "Limits"\nbase_url = "https://help.example.com"\nlanguages = ["en"]\n');
  writeFileSync(join(site, 'content/en/help/_index.md'), '+++\ntitle = "Help"\n+++\n');
  for (let i = 0; i < ARTICLES; i += 1) writeFileSync(join(site, `content/en/help/article-${i}.md`), article(i));
  execFileSync(BIN, ['build', site, '-o', join(work, 'out'), '--quiet']);
  browser = await launchBrowser();
  server = await serveSite(join(work, 'out'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

test('a small limit gives the first results of a large one, query after query', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/en/`);
  await page.waitForFunction(() => window.helpbook && typeof window.helpbook.search === 'function');
  const queries = ['parcel', 'delivery refund', 'courier locker card', 'retur', 'invoce', 'order', 'parcel'];
  const answers = await page.evaluate(async (list) => {
    const ranked = (q, limit) => window.helpbook.search(q, { lang: 'en', limit }).then((r) => r.map((x) => `${x.url} ${x.score}`));
    const out = [];
    for (const q of list) out.push({ q, all: await ranked(q, 1000), three: await ranked(q, 3), ten: await ranked(q, 10) });
    return out;
  }, queries);
  for (const { q, all, three, ten } of answers) {
    assert.ok(all.length > 80, `"${q}" reaches many articles (${all.length})`);
    assert.deepEqual(three, all.slice(0, 3), `"${q}" with limit 3`);
    assert.deepEqual(ten, all.slice(0, 10), `"${q}" with limit 10`);
  }
  assert.deepEqual(answers.at(-1), answers[0], 'the same query again, after others, ranks the same');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
