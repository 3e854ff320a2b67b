// Shared pieces of the browser tests: a static server for a built site, Chromium, and the
// paths the runner passes in.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = process.env.HELPBOOK_ROOT ?? resolve(import.meta.dirname, '../..');
/** The shop fixture, as a source folder and as the site run.sh built from it. */
export const SHOP_SOURCE = join(ROOT, 'tests/fixtures/shop');
export const SHOP = process.env.HELPBOOK_SHOP;
export const SECTIONS = process.env.HELPBOOK_SECTIONS;
export const BIN = process.env.HELPBOOK_BIN ?? join(ROOT, 'target/debug/helpbook');
export const SCREENSHOTS = join(ROOT, 'target/screenshots');

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 800 };

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain',
  '.gz': 'application/octet-stream',
};

/**
 * Serves `dir` on 127.0.0.1 at a free port. With `csp`, every response carries
 * `Content-Security-Policy: default-src 'self'`. POSTs are recorded in `server.posts`.
 */
export async function serveSite(dir, { csp = false, headers = {} } = {}) {
  const posts = [];
  const server = createServer(async (request, response) => {
    const extra = { ...headers, ...(csp ? { 'Content-Security-Policy': "default-src 'self'" } : {}) };
    if (request.method === 'POST') {
      let body = '';
      for await (const chunk of request) body += chunk;
      posts.push({ url: request.url, body, type: request.headers['content-type'] });
      response.writeHead(204, extra).end();
      return;
    }
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      response.writeHead(403, extra).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...extra });
      response.end(body);
    } catch {
      const notFound = await readFile(join(dir, '404.html')).catch(() => 'not found');
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', ...extra }).end(notFound);
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, posts, close: () => new Promise((done) => server.close(done)) };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page that records CSP violations and script errors in `page.problems`. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return page;
}

/**
 * Holds back the requests of `page` that match `glob`, as a slow connection would, until the
 * returned function is called.
 */
export async function holdRequests(page, glob) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(glob, async (route) => { await held; await route.continue(); });
  return release;
}
