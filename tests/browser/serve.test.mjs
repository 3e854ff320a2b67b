// helpbook serve in the browser: an edit reloads the open page, and a broken file shows its
// error over the page (with file and line) while the last good build stays served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, launchBrowser, newPage } from './lib.mjs';

let browser;
let server;
let work;
let url;

before(async () => {
  browser = await launchBrowser();
  work = mkdtempSync(join(tmpdir(), 'helpbook-serve-'));
  cpSync(join(ROOT, 'tests/fixtures/basic'), join(work, 'site'), { recursive: true });
  server = spawn(BIN, ['serve', join(work, 'site'), '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  url = await new Promise((resolve, reject) => {
    let log = '';
    server.stderr.on('data', (chunk) => {
      log += chunk;
      const found = log.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (found) resolve(found[1]);
    });
    server.on('exit', () => reject(new Error(`serve stopped: ${log}`)));
  });
});

after(async () => {
  server?.kill();
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('an edit reloads the open page, and a broken file is shown over it', async () => {
  const page = await newPage(browser);
  await page.goto(`${url}en/returns/refunds/`);
  await page.waitForLoadState('networkidle');
  const article = join(work, 'site/content/en/returns/refunds.md');
  const text = readFileSync(article, 'utf8');

  writeFileSync(article, text.replace('Within **5 days**', 'Within **9 days**'));
  await page.waitForFunction(() => document.body.textContent.includes('9 days'), null, { timeout: 30000 });

  writeFileSync(article, '+++\ntitle = \n+++\n');
  const overlay = page.locator('#helpbook-build-error');
  await overlay.waitFor({ timeout: 30000 });
  assert.match(await overlay.textContent(), /refunds\.md:2/);
  // The last good build stays served: a reload under the error still shows the edit.
  const again = await newPage(browser);
  await again.goto(`${url}en/returns/refunds/`);
  assert.match(await again.textContent('main'), /9 days/);
  await again.context().close();

  writeFileSync(article, text);
  await page.waitForFunction(() => document.body.textContent.includes('5 days') && !document.getElementById('helpbook-build-error'), null, { timeout: 30000 });
  await page.context().close();
});

test('a reload asks for the page again rather than revalidating a kept copy', async () => {
  // Last-Modified has whole seconds, so a kept copy revalidated after two edits of the same
  // length in one second would be "not modified": the edit would not show.
  const page = await newPage(browser);
  await page.goto(`${url}en/returns/refunds/`);
  const reloaded = page.waitForResponse((r) => r.url() === `${url}en/returns/refunds/`);
  await page.reload();
  const response = await reloaded;
  assert.equal(response.status(), 200);
  assert.equal(await response.request().headerValue('if-modified-since'), null);
  await page.context().close();
});
