// Lighthouse (desktop) on the release build: accessibility, best practices and SEO at 100.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serve } from './harness.mjs';

let server, chrome;
before(async () => {
  server = await serve();
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'fabrik-lh-')),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await chrome?.kill(); await server?.close(); });

test('Lighthouse desktop: accessibility, best practices and SEO score 100', async () => {
  const result = await lighthouse(server.url, {
    port: chrome.port, output: 'json', logLevel: 'error',
    onlyCategories: ['accessibility', 'best-practices', 'seo'],
    formFactor: 'desktop', screenEmulation: { disabled: true }, throttlingMethod: 'provided',
  });
  const cats = result.lhr.categories;
  const scores = Object.fromEntries(Object.entries(cats).map(([k, v]) => [k, Math.round(v.score * 100)]));
  const failing = Object.values(result.lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => a.id);
  console.log('lighthouse', scores, failing);
  assert.deepEqual(scores, { accessibility: 100, 'best-practices': 100, seo: 100 }, `failing audits: ${failing}`);
});
