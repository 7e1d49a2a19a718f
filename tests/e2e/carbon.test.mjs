// End-to-end: carbon for the grid the reader picks, two scenarios compared (surviving a reload
// from their link), and the decade played (stopped by any input; stepped on demand where the
// reader asks for reduced motion).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, chartSvg } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const value = (page, name) => page.textContent(`[data-figure="${name}"] .value`);

test('the grid choice changes the CO₂ figures, by name and by number', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const before = { answer: await value(page, 'co2-per-answer'), year: await value(page, 'co2-per-year') };
  assert.match(before.answer, /^[0-9.]+( [kMGT])?$/, `a finite figure, got ${before.answer}`);
  const energy = await value(page, 'wh-per-answer');
  assert.match(await page.textContent('.carbon-line'), /USA, average \(367 g CO₂\/kWh, 2023\)/);
  await page.selectOption('#ctl-grid-name', 'no');
  await page.waitForFunction((old) => document.querySelector('[data-figure="co2-per-answer"] .value').textContent !== old, before.answer);
  assert.notEqual(await value(page, 'co2-per-year'), before.year);
  assert.equal(await value(page, 'wh-per-answer'), energy, 'the grid changes the carbon, not the energy');
  assert.match(await page.textContent('.carbon-line'), /Norway \(30 g CO₂e\/kWh, 2023\)/);
  await page.waitForURL(/grid=no/, { timeout: 2000 });
  // A number from the slider: the picker says so, the link carries it.
  const slider = page.locator('[data-control="grid"] input[type=range]');
  await slider.fill('800');
  await page.waitForURL(/grid=1200/, { timeout: 2000 });
  assert.equal(await page.inputValue('#ctl-grid-name'), 'custom');
  // German, with German numbers.
  await page.click('[data-lang="de"]');
  assert.match(await page.textContent('.carbon-line'), /Im Stromnetz Eigener Wert/);
  assert.match(await page.textContent('[data-figure="co2-per-year"] dt'), /CO₂ der Fabrik pro Jahr/);
  assert.deepEqual(errors, []);
});

test('a bad grid in the link gets a notice; a bad b. value one said for B', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?grid=mars&b.gpu=z9000`);
  const notice = await page.textContent('.notice');
  assert.match(notice, /grid=mars is not in the catalogue/);
  assert.match(notice, /Scenario B: gpu=z9000 is not in the catalogue/);
  assert.deepEqual(errors, []);
});

test('compare: pin A, change B, every figure shows A, B and the ratio, and the link restores both', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?gpu=b200&precision=fp4`);
  const a = await value(page, 'gpu-j-per-token');
  await page.click('[data-compare="pin"]');
  await page.selectOption('#ctl-gpu', 'h100-sxm');
  await page.waitForURL(/b\.gpu=h100-sxm/, { timeout: 3000 });
  const figures = await page.locator('.figures:not(.small) .figure').count();
  assert.equal(await page.locator('.figures:not(.small) .figure .ab').count(), figures, 'every headline figure compared');
  assert.equal(await page.textContent('[data-figure="gpu-j-per-token"] [data-ab="a"]'), a);
  const b = await value(page, 'gpu-j-per-token');
  assert.notEqual(b, a);
  const ratio = await page.textContent('[data-figure="gpu-j-per-token"] [data-ab="ratio"]');
  assert.match(ratio, /^×[0-9.]+/);
  const url = page.url();
  assert.match(url, /gpu=b200/);
  // Reload from the link: both come back.
  await page.goto(url);
  assert.equal(await page.getAttribute('.compare-bar', 'data-comparing'), 'true');
  assert.equal(await page.inputValue('#ctl-gpu'), 'h100-sxm', 'the controls hold B');
  assert.equal(await page.textContent('[data-figure="gpu-j-per-token"] [data-ab="a"]'), a);
  assert.equal(await value(page, 'gpu-j-per-token'), b);
  assert.equal(await page.textContent('[data-figure="gpu-j-per-token"] [data-ab="ratio"]'), ratio);
  // The frontier marks both: B (the page's scenario) ringed, A as a square in its legend.
  const frontier = page.locator('[data-chart="frontier"]');
  await frontier.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /Scenario A \(pinned\)/.test(document.querySelector('[data-chart="frontier"] svg')?.textContent || ''));
  // Leave: one scenario again, the link without b.
  await page.click('[data-compare="leave"]');
  assert.equal(await page.locator('.figure .ab').count(), 0);
  await page.waitForURL((u) => !/b\.gpu/.test(u.toString()), { timeout: 3000 });
  await page.waitForFunction(() => !/Scenario A/.test(document.querySelector('[data-chart="frontier"] svg')?.textContent || ''));
  assert.deepEqual(errors, []);
});

// The charts that show the reader's scenario, each marking A beside B while comparing.
const MARKED = ['energy-by-generation', 'frontier', 'cost-breakdown', 'cost-sensitivity', 'scale',
  'export-chips', 'power-split'];

/** The hover titles of chart `name`'s marks of scenario A (`prefix`: its words in the language). */
const aMarks = (page, name, prefix) => page.$$eval(`[data-chart="${name}"] svg .hotspots title`,
  (ts, p) => ts.map((t) => t.textContent).filter((s) => s.startsWith(p)), prefix);

test('compare: every chart of the reader\'s scenario marks A with its own figure and says so; none without', async () => {
  const { page, errors } = await newPage(browser);
  // A: the default (H100, Llama 3.1 70B, one of the export chart's rows); B: a B200 in FP4.
  await page.goto(`${server.url}?b.gpu=b200&b.precision=fp4`);
  assert.equal(await page.getAttribute('.compare-bar', 'data-comparing'), 'true');
  const a = await page.textContent('[data-figure="facility-j-per-token"] [data-ab="a"]');
  for (const name of MARKED) {
    await chartSvg(page, name);
    // The hover titles are drawn while a pointer is over the chart.
    await page.hover(`[data-chart="${name}"] .plot`);
    await page.waitForFunction((n) => [...document.querySelectorAll(`[data-chart="${n}"] svg .hotspots title`)]
      .some((t) => t.textContent.startsWith('Scenario A (pinned): ')), name);
    const marks = await aMarks(page, name, 'Scenario A (pinned): ');
    assert.equal(marks.length, 1, `${name}: one mark of A: ${marks}`);
    assert.match(await page.textContent(`[data-chart="${name}"] .takeaway`), /Pinned scenario A: /, `${name}'s takeaway speaks of A`);
  }
  // A's own figure: the energy chart's mark of A carries A's joules per token, all-in, as the
  // headline figure shows it for A.
  await chartSvg(page, 'energy-by-generation');
  await page.hover('[data-chart="energy-by-generation"] .plot');
  await page.waitForSelector('[data-chart="energy-by-generation"] svg .hotspots title', { state: 'attached' });
  const [energy] = await aMarks(page, 'energy-by-generation', 'Scenario A (pinned): ');
  assert.match(energy, new RegExp(`, ${a.replace('.', '\\.')} J per token, all-in$`), energy);
  // German words for the same marks.
  await page.click('[data-lang="de"]');
  await chartSvg(page, 'power-split');
  await page.hover('[data-chart="power-split"] .plot');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-chart="power-split"] svg .hotspots title')]
    .some((t) => t.textContent.startsWith('Szenario A (festgehalten): ')));
  assert.match(await page.textContent('[data-chart="power-split"] .takeaway'), /Festgehaltenes Szenario A: /);
  // Leave the comparison: no chart marks A any more.
  await page.click('[data-compare="leave"]');
  for (const name of MARKED) {
    await chartSvg(page, name);
    await page.hover(`[data-chart="${name}"] .plot`);
    await page.waitForFunction((n) => {
      const titles = [...document.querySelectorAll(`[data-chart="${n}"] svg .hotspots title`)];
      return titles.length > 0 && !titles.some((t) => /^Szenario A/.test(t.textContent));
    }, name);
    assert.doesNotMatch(await page.textContent(`[data-chart="${name}"] .takeaway`), /Szenario A/, name);
  }
  assert.deepEqual(errors, []);
});

test('play walks the timeline one generation a second and stops on any input', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?gpu=p100-sxm2&precision=fp16`);
  const play = page.locator('[data-play="play"]');
  assert.match(await play.textContent(), /Play the decade 2016 → 2026/);
  assert.equal(await play.getAttribute('aria-pressed'), 'false');
  await play.click();
  assert.equal(await play.getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => document.querySelector('#ctl-gpu').value === 'v100-sxm2', null, { timeout: 3000 });
  await page.waitForFunction(() => document.querySelector('#ctl-gpu').value === 'a100-sxm', null, { timeout: 3000 });
  // Any input stops it.
  await page.locator('[data-control="pue"] input[type=range]').fill('500');
  assert.equal(await play.getAttribute('aria-pressed'), 'false');
  const gpu = await page.inputValue('#ctl-gpu');
  await page.waitForTimeout(2500);
  assert.equal(await page.inputValue('#ctl-gpu'), gpu, 'no step after the input');
  await page.click('[data-lang="de"]');
  assert.match(await play.textContent(), /Das Jahrzehnt 2016 → 2026 abspielen/);
  assert.deepEqual(errors, []);
});

test('with reduced motion the decade steps only when asked, and says why', async () => {
  const { page, errors } = await newPage(browser);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${server.url}?gpu=p100-sxm2&precision=fp16`);
  assert.equal(await page.locator('[data-play="play"]').count(), 0);
  const step = page.locator('[data-play="step"]');
  assert.match(await page.textContent('[data-play-hint]'), /reduced motion/);
  await step.click();
  assert.equal(await page.inputValue('#ctl-gpu'), 'v100-sxm2');
  await page.waitForTimeout(1500);
  assert.equal(await page.inputValue('#ctl-gpu'), 'v100-sxm2', 'no step by itself');
  assert.deepEqual(errors, []);
});
