// End-to-end: the explainer page — every section drawn, every control redraws what depends
// on it, formulas open, presets switch, German renders, phone width works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { serve, launch, newPage, chartSvg } from './harness.mjs';

// The model version every written link carries, and the scenario's defaults (a link writes
// only what differs from them), from the same code as the page: the CLI.
const CHANGELOG = JSON.parse(fs.readFileSync('src/data/changelog.json', 'utf8'));
const M = CHANGELOG[CHANGELOG.length - 1].version;
const cli = (...args) => execFileSync('cargo', ['run', '-q', '--locked', '--bin', 'fabrik-cli', '--', ...args], { encoding: 'utf8' });
function defaults() {
  const d = {};
  for (const line of cli('list', 'params').trim().split('\n')) {
    const p = JSON.parse(line);
    if (p.default !== null) d[p.key] = String(p.default);
  }
  const o = JSON.parse(cli('eval', 'v=1'));
  Object.assign(d, { gpu: o.gpu, model: o.model, precision: o.precision });
  return d;
}

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const CHARTS = ['energy-by-generation', 'claim-waterfall', 'frontier', 'cost-breakdown',
  'cost-sensitivity', 'scale', 'export-chips', 'power-split', 'calibration'];

async function allSvgs(page) {
  const out = {};
  for (const c of CHARTS) out[c] = await chartSvg(page, c);
  return out;
}

test('all eight sections render charts with real marks', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const svgs = await allSvgs(page);
  for (const [name, svg] of Object.entries(svgs)) {
    const marks = (svg.match(/<(circle|rect|polyline|polygon|line|path)\b/g) || []).length;
    assert.ok(marks > 10, `${name} has ${marks} marks`);
    assert.doesNotMatch(svg, /NaN|Infinity/, `${name} shows no non-finite number`);
  }
  assert.equal(await page.locator('main > section').count(), 9, 'eight sections and the controls');
  assert.deepEqual(errors, []);
});

// Which charts each control must change (the rest may stay).
const EFFECTS = {
  gpus: ['energy-by-generation', 'power-split'],
  tps_user: ['energy-by-generation', 'frontier', 'cost-breakdown', 'export-chips'],
  prompt: ['energy-by-generation', 'claim-waterfall', 'frontier', 'cost-breakdown'],
  output: ['energy-by-generation', 'claim-waterfall', 'frontier'],
  power_mw: ['scale'],
  usd_per_kwh: ['cost-breakdown', 'cost-sensitivity'],
  pue: ['energy-by-generation', 'frontier', 'power-split'],
  utilization: ['energy-by-generation', 'cost-breakdown', 'cost-sensitivity'],
  lifetime_years: ['cost-breakdown', 'cost-sensitivity'],
  gpu_price_usd: ['cost-breakdown', 'cost-sensitivity'],
  timeline: ['energy-by-generation', 'frontier', 'power-split'],
};

test('every control redraws the charts that depend on it, and only updates the URL in place', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const historyLength = await page.evaluate(() => history.length);
  for (const [control, charts] of Object.entries(EFFECTS)) {
    const before = await allSvgs(page);
    const slider = page.locator(`[data-control="${control}"] input[type=range]`);
    const max = Number(await slider.getAttribute('max'));
    const now = Number(await slider.inputValue());
    await slider.fill(String(now > max / 2 ? Math.round(max * 0.15) : Math.round(max * 0.85)));
    await page.waitForTimeout(50);
    const after = await allSvgs(page);
    for (const c of charts) assert.notEqual(after[c], before[c], `${control} changes ${c}`);
  }
  assert.equal(await page.evaluate(() => history.length), historyLength, 'replaceState, no history entries');
  const measures = await page.evaluate(() => performance.getEntriesByName('fabrik:update').length);
  assert.ok(measures >= Object.keys(EFFECTS).length, `fabrik:update measured (${measures})`);
  assert.deepEqual(errors, []);
});

test('pickers change the scenario; precision offers only what the chip supports', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const before = await chartSvg(page, 'energy-by-generation');
  await page.selectOption('#ctl-model', 'deepseek-r1');
  await page.waitForTimeout(50);
  assert.notEqual(await chartSvg(page, 'energy-by-generation'), before);
  await page.selectOption('#ctl-gpu', 'h100-sxm');
  const options = await page.$$eval('#ctl-precision option', (o) => o.map((x) => x.value));
  assert.ok(!options.includes('fp4'), `H100 offers no FP4: ${options}`);
  await page.selectOption('#ctl-gpu', 'b200');
  const b = await page.$$eval('#ctl-precision option', (o) => o.map((x) => x.value));
  assert.ok(b.includes('fp4'), `B200 offers FP4: ${b}`);
  assert.deepEqual(errors, []);
});

test('a figure opens to its formula and sources', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const fig = page.locator('[data-figure="facility-j-per-token"]');
  await fig.locator('summary').click();
  const formula = await fig.locator('.formula').textContent();
  assert.match(formula, /PUE/);
  assert.match(await fig.locator('.sources').textContent(), /src\/model/);
  assert.deepEqual(errors, []);
});

test('the page links to the full, sourced catalogue files shipped beside it', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const links = page.locator('#trust > .sources a');
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['data/hardware.json', 'data/engines.json', 'data/models.json', 'data/constants.json',
    'data/presets.json', 'data/calibration.json']);
  // The measurements the per-family table of section 8 compares with, shipped as they are.
  const measured = await page.locator('[data-table="inferencemax"] .sources a').first().getAttribute('href');
  assert.equal(measured, 'data/inferencemax.csv');
  hrefs.push(measured);
  for (const href of hrefs) {
    const res = await page.request.get(new URL(href, server.url).href);
    assert.equal(res.status(), 200, href);
    const shipped = await res.text();
    // The very file in the repository, with every source text (the wasm leaves them out).
    assert.equal(shipped, fs.readFileSync(`src/data/${href.slice(5)}`, 'utf8'), href);
  }
  const gpus = JSON.parse(fs.readFileSync('src/data/hardware.json', 'utf8'));
  assert.ok(gpus.every((g) => Object.keys(g.sources).length >= 5), 'each chip sourced');
  assert.deepEqual(errors, []);
});

test('section 8 sets the model beside InferenceMAX, family by family, once it is near the screen', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const table = page.locator('[data-table="inferencemax"]');
  await table.scrollIntoViewIfNeeded();
  const rows = table.locator('tbody tr');
  await page.waitForFunction(() => document.querySelectorAll('[data-table="inferencemax"] tbody tr').length === 14);
  const families = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.family));
  assert.ok(families.includes('gb200-nvl72/deepseek-r1/fp4/dynamo-trt/mtp'), families.join(' '));
  const first = await rows.first().innerText();
  // The engine with the release its container ran.
  assert.match(first, /B200 · DeepSeek R1 · FP4 · SGLang \d+\.\d+/);
  // Signed medians and the largest error, in percent, for three measured quantities.
  assert.match(first, /[+−]?\d+ % \(max \d+ %\)/);
  const lead = await table.locator('.lead').innerText();
  assert.match(lead, /398 configurations/);
  // What software alone does, from pairs of rows that differ only in the engine.
  assert.match(lead, /Software alone moves these figures: .*\(\d+ pairs\).* served a median of \d+ % more tokens\/s per GPU than /);
  // Notes under the table, each marked on its family: what a family's own figures contradict,
  // and what is published about an engine's software on a chip, with its sources.
  const notes = table.locator('ol.notes li');
  const marks = await table.locator('tbody th sup').count();
  assert.ok(marks >= 2 && (await notes.count()) === marks, `${marks} marks`);
  const mi300x = table.locator('tbody tr[data-family="mi300x/deepseek-r1/fp8/sglang/none"] th sup');
  assert.equal(await mi300x.count(), 1);
  const noted = await table.locator('ol.notes').innerText();
  assert.match(noted, /MI300X · DeepSeek R1 · FP8 · SGLang[^:]*: Until February 2026 SGLang ran/);
  assert.match(noted, /Little's law/);
  assert.equal(await table.locator('ol.notes a[href="https://github.com/sgl-project/sglang/pull/18242"]').count(), 1);
  // In German the words and the numbers follow the language.
  await page.click('[data-lang="de"]');
  await page.waitForFunction(() => /Konfigurationen/.test(document.querySelector('[data-table="inferencemax"] .lead').textContent));
  assert.match(await rows.nth(3).innerText(), /disaggregiert/);
  assert.match(await table.locator('.lead').innerText(), /Software allein verschiebt diese Zahlen/);
  assert.match(await table.locator('ol.notes').innerText(), /Bis Februar 2026 rechnete SGLang .*1,47-Fache/);
  assert.match(await table.locator('ol.notes').innerText(), /Littles Gesetz/);
  assert.deepEqual(errors, []);
});

test('the frontier draws InferenceMAX measurements of the chosen chip as crosses, and says how the model compares', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?gpu=b200&model=deepseek-r1&precision=fp4&output=1024`);
  const chart = page.locator('[data-chart="frontier"]');
  await chart.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /InferenceMAX/.test(document.querySelector('[data-chart="frontier"] svg')?.textContent || ''));
  assert.match(await chart.locator('svg').textContent(), /Measured, 1,024 → 1,024 tokens \(InferenceMAX\)/);
  const sentence = page.locator('[data-claim="measured"]');
  assert.match(await sentence.innerText(), /configurations InferenceMAX measured on this chip/);
  assert.match(await sentence.innerText(), /SGLang/);
  // The default scenario (H100, Llama 3.1 70B) was not measured: no crosses, and it says so.
  await page.goto(server.url);
  await page.locator('[data-claim="measured"]').scrollIntoViewIfNeeded();
  assert.match(await page.locator('[data-claim="measured"]').innerText(), /has measured no configuration/);
  assert.deepEqual(errors, []);
});

test('presets switch the scenario and the link', async () => {
  const DEFAULTS = defaults();
  assert.equal(DEFAULTS.gpu, 'h100-sxm');
  assert.equal(DEFAULTS.power_mw, '100');
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const presets = JSON.parse(fs.readFileSync('src/data/presets.json', 'utf8'));
  assert.ok(presets.length >= 5);
  for (const p of presets) {
    await page.click(`[data-preset="${p.id}"]`);
    await page.waitForTimeout(700); // the address is written at most every 200 ms, when idle
    const want = new URLSearchParams(p.query);
    assert.equal(await page.inputValue('#ctl-gpu'), want.get('gpu') ?? 'h100-sxm', `${p.id}: gpu`);
    assert.equal(await page.inputValue('#ctl-model'), want.get('model') ?? 'llama-3.1-70b', `${p.id}: model`);
    // The link carries every key of the preset: with the preset's value, or left out because
    // that value is the default (only differences are written). A dropped key fails here.
    const url = new URL(page.url());
    let keys = 0;
    for (const [k, v] of want) {
      if (k === 'v') continue;
      const got = url.searchParams.get(k);
      if (got === null) assert.equal(DEFAULTS[k], v, `${p.id}: ${k}=${v} is missing from the link and is not the default`);
      else assert.equal(got, v, `${p.id}: ${k}`);
      keys += 1;
    }
    assert.ok(keys >= 1, `${p.id}: a preset sets something`);
    assert.equal(url.searchParams.get('m'), M, `${p.id}: the link names the model version`);
    assert.notEqual(url.search, `?v=1&m=${M}`, `${p.id} changes the link`);
  }
  await page.click('[data-preset="default"]');
  await page.waitForTimeout(700);
  assert.equal(new URL(page.url()).search, `?v=1&m=${M}`);
  assert.deepEqual(errors, []);
});

test('German: texts, decimal comma and <html lang>', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?lang=de&pue=banana&gpu=h100-sxm&precision=fp4`);
  await chartSvg(page, 'frontier');
  assert.match(await page.textContent('.notice'), /Aus dem Link ignoriert: pue=banana ist keine Zahl/);
  assert.match(await page.textContent('.warnings'), /H100 rechnet nicht in fp4/);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.match(await page.textContent('#h-tokens'), /Was eine KI-Fabrik herstellt/);
  const v = await page.textContent('[data-figure="gpu-j-per-token"] .value');
  assert.match(v, /^\d+,\d+$/, `decimal comma: ${v}`);
  await page.click('[data-lang="en"]');
  await page.waitForTimeout(50);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.waitForURL(/lang=en/, { timeout: 2000 });
  assert.deepEqual(errors, []);
});

test('phone width: no horizontal scroll; screenshot', async () => {
  const { page, errors } = await newPage(browser, { width: 375, height: 800 });
  await page.goto(server.url);
  await chartSvg(page, 'calibration');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
  // The top of the page as a reader arriving from an article sees it: title and claim cards.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150);
  const dir = process.env.FABRIK_SCREENSHOTS === 'readme' ? 'tests/e2e/screenshots' : 'target/screenshots';
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/phone.png`, fullPage: false });
  // Charts are drawn at the column's width (text keeps its size) and redrawn on resize.
  const w = async () => Number(await page.getAttribute('[data-chart="energy-by-generation"] svg', 'width'));
  await chartSvg(page, 'energy-by-generation');
  assert.ok((await w()) <= 340, `narrow drawing: ${await w()}`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForTimeout(100);
  await chartSvg(page, 'energy-by-generation');
  assert.equal(await w(), 760);
  assert.deepEqual(errors, []);
});

test('charts follow the colour scheme, also when it changes', async () => {
  const { page, errors } = await newPage(browser);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(server.url);
  assert.match(await chartSvg(page, 'energy-by-generation'), /fill="#FFFFFF"/i);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(100);
  assert.match(await chartSvg(page, 'energy-by-generation'), /fill="#181A1F"/i);
  assert.deepEqual(errors, []);
});

test('section 5 sets reported AI campuses beside what the model builds, in both languages', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const table = page.locator('[data-table="sites"]');
  await table.scrollIntoViewIfNeeded();
  const rows = table.locator('tbody tr');
  assert.ok((await rows.count()) >= 6, 'one row per site or claim');
  const abilene = table.locator('tr[data-site="stargate-abilene"]');
  assert.match(await abilene.textContent(), /400,000 GPUs, 1,200 MW/);
  assert.match(await abilene.locator('td').nth(3).textContent(), /^×\d/, 'a ratio for a comparable site');
  assert.match(await table.locator('tr[data-site="xai-colossus-1-phase1"]').textContent(), /grid allocation/);
  // The scale figures say which power they use.
  assert.match(await page.textContent('[data-figure="mw"] dt'), /as built/);
  assert.match(await page.textContent('[data-figure="average-mw"] dt'), /Average draw/);
  await page.click('[data-lang="de"]');
  assert.match(await table.locator('thead').textContent(), /Modell, gleiche Leistung/);
  assert.match(await abilene.textContent(), /400\.000 GPUs, 1\.200 MW/);
  assert.deepEqual(errors, []);
});

test('sliders announce value and unit; the ISO-power check reads as a sentence', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?power_mw=1200`);
  assert.equal(await page.getAttribute('#ctl-power_mw', 'aria-valuetext'), '1,200 MW');
  assert.match(await page.getAttribute('#ctl-tps_user', 'aria-valuetext'), /^30 tokens\/s$/);
  assert.match(await page.getAttribute('#ctl-pue', 'aria-valuetext'), /^1\.3$/);
  await chartSvg(page, 'frontier');
  assert.match(await page.textContent('[data-claim="iso-power"]'),
    /^At [\d.]+ tokens\/s per user, GB200 NVL72 \(FP4\) makes [\d.,]+ times the tokens per megawatt of H100 \(FP8\) in the model; NVIDIA claims 25 times\.$/);
  assert.deepEqual(errors, []);
});

test('the claims are answered at the top, live, and link to their sections', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const card = (n) => page.locator(`[data-claim-card="${n}"]`);
  for (const [n, href] of [['energy', '#history'], ['iso-power', '#floor'], ['build-out', '#scale'], ['export', '#export']]) {
    assert.equal(await card(n).getAttribute('href'), href);
    assert.ok((await card(n).locator('.answer').textContent()).length > 30, `${n} has an answer`);
  }
  assert.match(await card('energy').locator('.claim').textContent(), /^17,000 J → 0\.4 J per token/);
  assert.match(await card('energy').locator('.answer').textContent(), /times less; the claim says 42,500 times\.$/);
  assert.match(await card('build-out').locator('.answer').textContent(), /^With H100: [\d,]+ GPUs on [\d.]+ GW/);
  assert.match(await card('export').locator('.answer').textContent(), /on H20, \$[\d.]+ on H100\.$/);
  // Live: another chip changes what $500 billion buys; another model changes the ISO check.
  const before = await card('build-out').locator('.answer').textContent();
  const iso = await card('iso-power').locator('.answer').textContent();
  await page.selectOption('#ctl-gpu', 'b200');
  await page.waitForFunction((b) => document.querySelector('[data-claim-card="build-out"] .answer').textContent !== b, before);
  assert.match(await card('build-out').locator('.answer').textContent(), /^With B200: /);
  await page.selectOption('#ctl-model', 'deepseek-r1');
  await page.waitForFunction((t) => document.querySelector('[data-claim-card="iso-power"] .answer').textContent !== t, iso);
  await page.click('[data-lang="de"]');
  assert.match(await card('build-out').locator('.claim').textContent(), /^500 Milliarden Dollar/);
  assert.deepEqual(errors, []);
});
