// `make bench`: Lighthouse's mobile run (a mid-range phone on a slow 4G network, simulated)
// on the release build in dist/, served gzip-compressed as a static host would, --runs times
// (default 3); writes the scores and metrics as JSON. Asserts nothing: the performance score
// scales with this machine's CPU speed and load (its total blocking time), so it is a figure
// here (target ≥ 95; tests/e2e/lighthouse.test.mjs checks what does not depend on the machine).
//
//   node tests/bench/lighthouse.mjs [--out FILE] [--runs N] [--dist DIR (default dist)]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serve } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt; };
const OUT = opt('--out', 'target/bench/lighthouse.json');
const RUNS = Number(opt('--runs', '3'));
// The built site to measure (another build beside this one, for before/after figures).
const DIST = opt('--dist', 'dist');

const server = await serve(DIST);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'fabrik-lh-')),
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const { lhr } = await lighthouse(server.url, { port: chrome.port, output: 'json', logLevel: 'error' });
    const a = lhr.audits;
    const run = {
      performance: Math.round(lhr.categories.performance.score * 100),
      lcpMs: a['largest-contentful-paint'].numericValue,
      tbtMs: a['total-blocking-time'].numericValue,
      fcpMs: a['first-contentful-paint'].numericValue,
      cls: a['cumulative-layout-shift'].numericValue,
      ttiMs: a.interactive.numericValue,
    };
    runs.push(run);
    console.log(`[bench] lighthouse mobile run ${i + 1}: performance ${run.performance}, FCP ${run.fcpMs.toFixed(0)} ms, LCP ${run.lcpMs.toFixed(0)} ms, TBT ${run.tbtMs.toFixed(0)} ms, CLS ${run.cls}, TTI ${run.ttiMs.toFixed(0)} ms`);
  }
} finally {
  await chrome.kill();
  await server.close();
}
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify({ runs }, null, 1));
