// Shared harness for the end-to-end tests: a static server over dist/ on a free loopback
// port, and headless Debian Chromium driven by playwright-core (no browser download).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';


const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

/** Types a static host sends compressed. */
const COMPRESSED = new Set(['.html', '.js', '.wasm', '.css', '.svg', '.json']);

/**
 * Serves `dir` (default dist/) on 127.0.0.1 at a free port; resolves to { url, close }.
 * Text and wasm go out gzip-compressed (level 9) to a client that accepts it, as a static
 * host sends them: Lighthouse's simulated network then costs the bytes a reader would fetch
 * (the size budget counts the same gzip -9 bytes).
 */
export function serve(dir = 'dist') {
  const DIST = path.resolve(process.cwd(), dir);
  const gzipped = new Map();
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    let p = path.normalize(path.join(DIST, decodeURIComponent(u.pathname)));
    if (!p.startsWith(DIST)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, 'index.html');
    fs.readFile(p, (err, body) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      const ext = path.extname(p);
      const headers = { 'content-type': TYPES[ext] || 'application/octet-stream' };
      if (COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        const key = `${p}:${body.length}:${fs.statSync(p).mtimeMs}`;
        if (!gzipped.has(key)) gzipped.set(key, zlib.gzipSync(body, { level: 9 }));
        body = gzipped.get(key);
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers);
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Headless Chromium with the flags a closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Waits until the app has taken over the page built with the site (`#pre`, the default view
 * readable before the wasm arrives, removed when the app mounts), or the page has said that
 * the app could not start (`[data-fault]`).
 */
export async function takenOver(page, timeout = 20000) {
  await page.waitForFunction(
    () => (!document.getElementById('pre') && document.querySelector('main')) || document.querySelector('[data-fault]'),
    null, { timeout },
  );
}

/**
 * A page that records console errors and uncaught exceptions into `errors`. Its `goto` also
 * waits for the app to take over the built page, so a test never clicks the built page's
 * controls, which need the app.
 */
export async function newPage(browser, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    await takenOver(page);
    return response;
  };
  return { page, errors };
}

/**
 * Waits for the app to take over the built page, scrolls the chart named `name` into view (charts draw only near the viewport), waits until
 * it holds a drawn SVG, and returns that SVG's markup.
 */
export async function chartSvg(page, name) {
  await takenOver(page);
  const fig = page.locator(`[data-chart="${name}"]`);
  await fig.waitFor({ state: 'attached', timeout: 15000 });
  await fig.scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-chart="${name}"][data-drawn="true"] svg`, { timeout: 15000 });
  // Let the visibility callback and the redraw it triggers run.
  await page.waitForTimeout(60);
  return page.$eval(`[data-chart="${name}"] svg`, (e) => e.outerHTML);
}
