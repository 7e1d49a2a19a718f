// End-to-end: embed mode, exports, accessibility (axe-core, both colour schemes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, newPage, chartSvg } from './harness.mjs';
import { AxeBuilder } from '@axe-core/playwright';

const CHANGELOG = JSON.parse(fs.readFileSync('src/data/changelog.json', 'utf8'));
const M = CHANGELOG[CHANGELOG.length - 1].version;

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const width of [320, 640]) {
  test(`embed at ${width}px draws one chart without horizontal scroll and posts its height`, async () => {
    const { page, errors } = await newPage(browser, { width: 1000, height: 900 });
    const src = `${server.url}?v=1&gpu=b200&embed=1&view=frontier&controls=tps_user,usd_per_kwh`;
    await page.setContent(`<!doctype html><body style="margin:0"><iframe id="f" src="${src}" style="width:${width}px;height:600px;border:0"></iframe>
      <script>window.heights=[];addEventListener('message',e=>{if(e.data&&e.data.type==='fabrik:height')heights.push(e.data.height)})</script></body>`);
    const frame = page.frameLocator('#f');
    await frame.locator('[data-chart="frontier"] svg').waitFor();
    assert.equal(await frame.locator('[data-chart]').count(), 1, 'one chart');
    assert.equal(await frame.locator('header.masthead').count(), 0, 'no page chrome');
    assert.equal(await frame.locator('[data-control]').count(), 2, 'the two named controls');
    const f = page.frame({ url: /embed=1/ });
    const overflow = await f.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
    const back = await frame.locator('.back a').getAttribute('href');
    assert.match(back, /gpu=b200/);
    assert.doesNotMatch(back, /embed=1/);
    assert.match(await frame.locator('.back .version').textContent(), new RegExp(`model ${M.replace('.', '\\.')}`), 'the embed names its model version');
    await page.waitForFunction(() => window.heights.length > 0, null, { timeout: 5000 });
    const h = await page.evaluate(() => window.heights.at(-1));
    assert.ok(h > 200, `posted height ${h}`);
    assert.deepEqual(errors, []);
  });
}

test('each export downloads a valid file with a telling name', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?v=1&gpu=h20&model=deepseek-r1`);
  await chartSvg(page, 'cost-breakdown');
  const chart = page.locator('[data-chart="cost-breakdown"]');
  const grab = async (locator) => {
    const [d] = await Promise.all([page.waitForEvent('download'), locator.click()]);
    const p = await d.path();
    return { name: d.suggestedFilename(), body: fs.readFileSync(p) };
  };
  // An export stands alone in an article: the chart's question and its live takeaway travel
  // with it, above the drawing (SVG, PNG) or as the first comment lines (CSV).
  const title = (await chart.locator('.chart-title').textContent()).trim();
  const takeaway = (await chart.locator('.takeaway').textContent()).trim();
  assert.ok(takeaway.length > 20, takeaway);
  const svg = await grab(chart.locator('[data-export="svg"]'));
  assert.equal(svg.name, 'fabrik-cost-breakdown-h20-deepseek-r1.svg');
  const svgText = svg.body.toString();
  assert.match(svgText, /^<svg[\s\S]*<\/svg>\s*$/);
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const lines = (cls) => [...svgText.matchAll(new RegExp(`<text class="${cls}"[^>]*>([^<]*)</text>`, 'g'))]
    .map((m) => unescape(m[1]));
  assert.equal(lines('export-title').join(' '), title, 'the title, wrapped, above the drawing');
  assert.equal(lines('export-takeaway').join(' '), takeaway, 'the takeaway, wrapped, under it');
  const [, w, h] = svgText.match(/^<svg width="(\d+)" height="(\d+)"/).map(Number);
  const drawn = await chart.locator('.plot svg').evaluate((s) => Number(s.getAttribute('height')));
  assert.ok(h >= drawn + 18 + 20 * lines('export-title').length + 17 * lines('export-takeaway').length,
    `the export (${h} px) holds the words, the drawing (${drawn} px) and the caption`);
  const png = await grab(chart.locator('[data-export="png"]'));
  assert.equal(png.name, 'fabrik-cost-breakdown-h20-deepseek-r1.png');
  assert.deepEqual([...png.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.deepEqual([png.body.readUInt32BE(16), png.body.readUInt32BE(20)], [2 * w, 2 * h], 'the PNG is the SVG export, words and all, at twice its size');
  const csv = await grab(chart.locator('[data-export="csv"]'));
  assert.equal(csv.name, 'fabrik-cost-breakdown-h20-deepseek-r1.csv');
  const csvLines = csv.body.toString().trim().split('\n');
  assert.equal(csvLines[0], `# ${title}`);
  assert.equal(csvLines[1], `# ${takeaway}`);
  const rows = csvLines.slice(2);
  assert.ok(rows.length >= 7, 'header + five cases + provenance');
  assert.equal(rows[0].split(',').length, rows[1].split(',').length);
  // Every export names the model version and the link that made it.
  assert.match(rows[rows.length - 1], new RegExp(`^# fabrik, model ${M.replace('.', '\\.')}: http.*gpu=h20`));
  assert.match(svgText, new RegExp(`fabrik, model ${M.replace('.', '\\.')}: http[^<]*gpu=h20`));
  const json = await grab(page.locator('[data-export="scenario-json"]'));
  assert.equal(json.name, 'fabrik-scenario-h20-deepseek-r1.json');
  const o = JSON.parse(json.body.toString());
  assert.equal(o.gpu, 'h20');
  assert.equal(o.model_version, M);
  assert.match(o.query, new RegExp(`m=${M.replace('.', '\\.')}`));
  assert.ok(o.serving.usd_per_million_output_tokens > 0);
  assert.match(o.query, /gpu=h20/);
  // The embed snippet carries the scenario and the chart.
  await chart.locator('[data-export="embed"]').click();
  const snippet = await chart.locator('textarea').inputValue();
  assert.match(snippet, /<iframe src="[^"]*gpu=h20[^"]*embed=1&amp;view=cost-breakdown|<iframe src="[^"]*gpu=h20[^"]*embed=1&view=cost-breakdown/);
  assert.deepEqual(errors, []);
});

for (const scheme of ['light', 'dark']) {
  for (const mode of ['full', 'embed']) {
    test(`axe: no WCAG A/AA violation (${mode}, ${scheme})`, async () => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const url = mode === 'full' ? server.url : `${server.url}?embed=1&view=frontier&controls=tps_user`;
      await page.goto(url);
      await chartSvg(page, mode === 'full' ? 'calibration' : 'frontier');
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const summary = result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`);
      assert.deepEqual(summary, []);
      await context.close();
    });
  }
}

test('a share link reproduces the same charts', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  await page.selectOption('#ctl-gpu', 'mi355x');
  await page.selectOption('#ctl-model', 'qwen3-32b');
  await page.locator('[data-control="tps_user"] input[type=range]').fill('700');
  await page.locator('[data-control="usd_per_kwh"] input[type=range]').fill('400');
  await page.waitForTimeout(700); // the address is written at most every 200 ms, when idle
  const link = page.url();
  const names = ['energy-by-generation', 'frontier', 'cost-breakdown'];
  const here = [];
  for (const n of names) here.push(await chartSvg(page, n));
  const other = await newPage(browser);
  await other.page.goto(link);
  for (const [i, n] of names.entries()) assert.equal(await chartSvg(other.page, n), here[i], `${n} is the same from the link`);
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
});

test('a link made with another model version opens with a notice saying so, in both languages', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?v=1&m=2025.01&gpu=b200`);
  await chartSvg(page, 'energy-by-generation');
  const text = await page.textContent('[data-notice="model-version"]');
  assert.match(text, new RegExp(`These figures come from the model of ${M.replace('.', '\\.')}; the link names a model version this page does not know \\(2025\\.01\\)`));
  assert.equal(await page.inputValue('#ctl-gpu'), 'b200', 'the link is read as it is');
  assert.equal(await page.locator('.notice:not([data-notice])').count(), 0, 'nothing was ignored');
  await page.click('[data-lang="de"]');
  assert.match(await page.textContent('[data-notice="model-version"]'), /Diese Zahlen stammen aus dem Modell/);
  // The page's own link names today's model; the footer says which and links the changelog.
  await page.waitForURL(new RegExp(`m=${M.replace('.', '\\.')}`), { timeout: 3000 });
  assert.equal(await page.getAttribute('footer [data-model-version]', 'data-model-version'), M);
  assert.deepEqual(errors, []);
});
