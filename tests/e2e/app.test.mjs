// End-to-end: the release build in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, newPage, chartSvg } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('page loads without console errors and draws the generation chart', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const svg = await chartSvg(page, 'energy-by-generation');
  // A drawn chart has axes, labels and marks: many elements, and the claim in its legend.
  assert.ok((svg.match(/<(circle|polygon|line|polyline|path|rect)\b/g) || []).length > 30, 'chart has marks');
  const figure = await page.textContent('[data-figure="gpu-j-per-token"] .value');
  assert.match(figure, /^[0-9.]+( [kMGT])?$/, `a finite figure, got ${figure}`);
  // The README's screenshot is this one: written over it only on request
  // (FABRIK_SCREENSHOTS=readme), else into target/, so that make test leaves the tree clean.
  const dir = process.env.FABRIK_SCREENSHOTS === 'readme' ? 'tests/e2e/screenshots' : 'target/screenshots';
  fs.mkdirSync(dir, { recursive: true });
  // The top of the page (title, claim cards, headline figures), as the README shows it.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${dir}/desktop.png`, fullPage: false });
  assert.deepEqual(errors, []);
});

test('moving a slider redraws the chart and updates the URL', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const before = await chartSvg(page, 'energy-by-generation');
  const slider = page.locator('[data-control="tps_user"] input[type=range]');
  await slider.focus();
  await slider.fill('900');
  await page.waitForFunction(
    (old) => document.querySelector('[data-chart="energy-by-generation"] svg')?.outerHTML !== old,
    before, { timeout: 5000 });
  const after = await chartSvg(page, 'energy-by-generation');
  assert.notEqual(after, before);
  await page.waitForURL(/tps_user=/, { timeout: 2000 });
  assert.deepEqual(errors, []);
});

test('a shared link restores the scenario; the 17,000 J claim is marked for its model', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?v=1&gpu=b200&model=gpt-moe-1.8t&precision=fp4`);
  const svg = await chartSvg(page, 'energy-by-generation');
  assert.match(svg, /17,000 J/);
  assert.equal(await page.inputValue('#ctl-gpu'), 'b200');
  assert.equal(await page.inputValue('#ctl-model'), 'gpt-moe-1.8t');
  assert.deepEqual(errors, []);
});

test('a bad link value is ignored with a notice, not an error', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?pue=banana&gpu=nope`);
  await chartSvg(page, 'energy-by-generation');
  const notice = await page.textContent('.notice');
  assert.match(notice, /pue=banana/);
  assert.match(notice, /gpu=nope/);
  assert.deepEqual(errors, []);
});
