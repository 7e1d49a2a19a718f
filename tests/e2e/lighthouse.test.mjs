// Lighthouse on the release build, served gzip-compressed as a static host would (harness.mjs):
// desktop scores 100 in all four categories; mobile (Lighthouse's default: a mid-range phone
// on a slow 4G network, simulated) scores at least 95 for performance. Every score and the
// load metrics are printed.
//
// The mobile performance figure is the one number here that depends on the machine (its CPU
// speed scales the simulated main-thread work): on the 2-core machine it was written on it
// measured 95 to 99 over ten runs. LIGHTHOUSE_MOBILE_MIN lowers the bar where a slower machine
// needs it (`make bench` prints the same figure without a threshold).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { serve } from './harness.mjs';

const MOBILE_MIN = Number(process.env.LIGHTHOUSE_MOBILE_MIN || 95);

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

/** Runs Lighthouse (`config`: undefined for mobile); prints and returns the scores. */
async function run(name, config) {
  const result = await lighthouse(server.url, { port: chrome.port, output: 'json', logLevel: 'error' }, config);
  const { categories, audits } = result.lhr;
  const scores = Object.fromEntries(Object.entries(categories).map(([k, v]) => [k, Math.round(v.score * 100)]));
  const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive']
    .map((k) => `${k} ${audits[k]?.displayValue}`).join(', ');
  const failing = Object.values(audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => a.id);
  console.log(`lighthouse ${name}: ${JSON.stringify(scores)}; ${metrics}${failing.length ? `; failing: ${failing}` : ''}`);
  return { scores, failing };
}

test('Lighthouse desktop: performance, accessibility, best practices and SEO score 100', async () => {
  const { scores, failing } = await run('desktop', desktopConfig);
  assert.deepEqual(scores, { performance: 100, accessibility: 100, 'best-practices': 100, seo: 100 }, `failing audits: ${failing}`);
});

test(`Lighthouse mobile: performance at least ${MOBILE_MIN}; accessibility, best practices and SEO 100`, async () => {
  const { scores, failing } = await run('mobile');
  assert.ok(scores.performance >= MOBILE_MIN, `mobile performance ${scores.performance} < ${MOBILE_MIN}`);
  assert.deepEqual({ ...scores, performance: 0 }, { performance: 0, accessibility: 100, 'best-practices': 100, seo: 100 }, `failing audits: ${failing}`);
});
