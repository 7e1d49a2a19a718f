// End-to-end: charts a lay reader can read. Every chart has a title that asks its question and
// a takeaway computed from the scenario (it changes when its input changes); no text in any
// chart's drawing overlaps other text, a tick mark or a mark, at a phone's, a tablet's and a
// desktop's width, in English and German, in the light and the dark colour scheme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, chartSvg } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const CHARTS = ['energy-by-generation', 'claim-waterfall', 'frontier', 'cost-breakdown',
  'cost-sensitivity', 'scale', 'export-chips', 'power-split', 'calibration'];

/**
 * Runs in the page: every overlap in the drawing of chart `name`, as readable strings.
 *
 * The geometry, in CSS pixels of the screen (getBoundingClientRect, getScreenCTM):
 * - a text box is its element's bounding box, shrunk by TOL = 1 px on every side (the box
 *   holds the font's whole ascent and descent, more than the ink; a pixel absorbs rounding);
 * - text overlaps text when two such boxes intersect;
 * - text overlaps a tick mark, an axis or a line when a segment of a `<polyline>` or a
 *   stroked `<polygon>` crosses its box (ticks and axes are two-point polylines in plotters'
 *   SVG; the light grid, `<line>`, is not a mark: text may sit on the grid);
 * - text overlaps a mark when its box intersects a `<circle>` (but not a transparent hover
 *   target), a `<polygon>` or a filled `<rect>` other than the background and other than a
 *   backdrop filled with the background's colour (a legend's box).
 */
function overlapsIn(name) {
  const TOL = 1;
  const svg = document.querySelector(`[data-chart="${name}"] svg`);
  if (!svg) return [`${name}: no drawing`];
  const all = [...svg.querySelectorAll('*')].filter((e) => !e.closest('.hotspots'));
  const bgRect = svg.querySelector('rect');
  const bg = bgRect?.getAttribute('fill');
  const box = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
  const texts = all.filter((e) => e.tagName === 'text' && e.textContent.trim() !== '')
    .map((e) => { const b = box(e); return { e, s: e.textContent.trim(), l: b.l + TOL, t: b.t + TOL, r: b.r - TOL, b: b.b - TOL }; });
  const hit = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  const out = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      if (hit(texts[i], texts[j])) out.push(`"${texts[i].s}" overlaps "${texts[j].s}"`);
    }
  }
  // Segments of polylines (axes, ticks, data lines), in screen pixels.
  const segments = [];
  for (const e of all.filter((x) => x.tagName === 'polyline' || (x.tagName === 'polygon' && x.getAttribute('stroke') && x.getAttribute('stroke') !== 'none'))) {
    const m = e.getScreenCTM();
    const pts = [...e.points].map((p) => ({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f }));
    if (e.tagName === 'polygon' && pts.length) pts.push(pts[0]);
    for (let k = 1; k < pts.length; k++) segments.push({ a: pts[k - 1], b: pts[k], e });
  }
  // Liang–Barsky: does the segment a→b pass through the box?
  const crosses = (s, r) => {
    let t0 = 0, t1 = 1;
    const dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
    for (const [p, q] of [[-dx, s.a.x - r.l], [dx, r.r - s.a.x], [-dy, s.a.y - r.t], [dy, r.b - s.a.y]]) {
      if (p === 0) { if (q < 0) return false; continue; }
      const u = q / p;
      if (p < 0) { if (u > t1) return false; if (u > t0) t0 = u; } else { if (u < t0) return false; if (u < t1) t1 = u; }
    }
    return t0 <= t1;
  };
  const marks = all.filter((e) => {
    if (e.tagName === 'circle') return e.getAttribute('fill') !== 'transparent';
    if (e.tagName === 'polygon') return true;
    if (e.tagName === 'rect') {
      const f = e.getAttribute('fill');
      return e !== bgRect && f && f !== 'none' && f !== bg;
    }
    return false;
  }).map((e) => ({ e, ...box(e) }));
  const what = (e) => `${e.tagName}${e.tagName === 'polyline' ? ` (${e.points.length} points)` : ''}`;
  for (const t of texts) {
    for (const s of segments) if (crosses(s, t)) { out.push(`"${t.s}" crosses a ${what(s.e)}`); break; }
    for (const m of marks) if (hit(t, m)) { out.push(`"${t.s}" covers a ${what(m.e)}`); break; }
  }
  return out.map((o) => `${name}: ${o}`);
}

for (const width of [375, 768, 1280]) {
  for (const lang of ['en', 'de']) {
    for (const scheme of ['light', 'dark']) {
      test(`no text overlaps text, ticks or marks at ${width} px (${lang}, ${scheme})`, async () => {
        const { page, errors } = await newPage(browser, { width, height: 800 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${server.url}?lang=${lang}`);
        const found = [];
        for (const name of CHARTS) {
          await chartSvg(page, name);
          found.push(...await page.evaluate(overlapsIn, name));
        }
        assert.deepEqual(found, [], `${found.length} overlaps:\n${found.join('\n')}`);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  }
}

// Two scenarios compared (A the default, B a B200 in FP4): A's rows, marks and legend entries
// are laid out as carefully as the rest (the colour scheme moves nothing: light only).
for (const width of [375, 768, 1280]) {
  for (const lang of ['en', 'de']) {
    test(`no text overlaps text, ticks or marks at ${width} px while comparing (${lang})`, async () => {
      const { page, errors } = await newPage(browser, { width, height: 800 });
      await page.goto(`${server.url}?lang=${lang}&b.gpu=b200&b.precision=fp4`);
      assert.equal(await page.getAttribute('.compare-bar', 'data-comparing'), 'true');
      const found = [];
      for (const name of CHARTS) {
        await chartSvg(page, name);
        found.push(...await page.evaluate(overlapsIn, name));
      }
      assert.deepEqual(found, [], `${found.length} overlaps:\n${found.join('\n')}`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
}

// A change of the scenario that moves each chart's takeaway.
const MOVES = {
  'energy-by-generation': 'gpu=b200',
  'claim-waterfall': 'output=4096',
  frontier: 'tps_user=100',
  'cost-breakdown': 'usd_per_kwh=0.3',
  'cost-sensitivity': 'utilization=0.3',
  scale: 'power_mw=2000',
  'export-chips': 'usd_per_kwh=0.5',
  'power-split': 'pue=1.8',
  calibration: 'gpu=b200',
};

async function titles(page) {
  const out = {};
  for (const name of CHARTS) {
    await chartSvg(page, name);
    out[name] = await page.$eval(`[data-chart="${name}"]`, (f) => ({
      title: f.querySelector('.chart-title')?.textContent.trim() ?? '',
      takeaway: f.querySelector('.takeaway')?.textContent.trim() ?? '',
    }));
  }
  return out;
}

test('every chart has a question for a title and a takeaway that follows its input', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  assert.equal(await page.locator('[data-chart]').count(), CHARTS.length, 'the charts tested are the page\'s');
  const before = await titles(page);
  for (const name of CHARTS) {
    assert.match(before[name].title, /\?$/, `${name}'s title asks a question: "${before[name].title}"`);
    assert.ok(before[name].takeaway.length > 20, `${name} has a takeaway: "${before[name].takeaway}"`);
    assert.doesNotMatch(before[name].takeaway, /NaN|Infinity|undefined/);
  }
  for (const [name, move] of Object.entries(MOVES)) {
    await page.goto(`${server.url}?${move}`);
    const after = await titles(page);
    assert.equal(after[name].title, before[name].title, `${name}'s title stays`);
    assert.notEqual(after[name].takeaway, before[name].takeaway, `${name}'s takeaway follows ${move}`);
  }
  // German: the same charts, other words.
  await page.goto(`${server.url}?lang=de`);
  const de = await titles(page);
  for (const name of CHARTS) {
    assert.notEqual(de[name].title, before[name].title, `${name}'s title in German`);
    assert.notEqual(de[name].takeaway, before[name].takeaway, `${name}'s takeaway in German`);
  }
  assert.deepEqual(errors, []);
});

test('a control moves a takeaway without a reload', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  await chartSvg(page, 'scale');
  const takeaway = () => page.$eval('[data-chart="scale"] .takeaway', (e) => e.textContent);
  const first = await takeaway();
  const slider = page.locator('#ctl-power_mw');
  await slider.evaluate((el) => { el.value = String(Number(el.value) + 200); el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction((f) => document.querySelector('[data-chart="scale"] .takeaway').textContent !== f, first);
  assert.deepEqual(errors, []);
});

test('the page built with the site carries every title and takeaway', async () => {
  for (const [path, lang] of [['', 'en'], ['de/', 'de']]) {
    const html = await (await fetch(`${server.url}${path}`)).text();
    const figures = html.match(/<figure class="chart"[\s\S]*?<\/figure>/g) || [];
    assert.equal(figures.length, CHARTS.length, `${lang}: every chart`);
    for (const f of figures) {
      assert.match(f, /class="chart-title"[^>]*>[^<]+\?</, `${lang}: a title`);
      assert.match(f, /class="takeaway"[^>]*>[^<]{20,}</, `${lang}: a takeaway`);
    }
  }
});

test('a chart carries its hover titles with exact values only while a pointer is over it', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?model=gpt-oss-120b&gpu=b200&precision=fp4`);
  await chartSvg(page, 'frontier');
  const titles = () => page.$$eval('[data-chart="frontier"] svg .hotspots title', (ts) => ts.length);
  // A control moved while the pointer is elsewhere redraws the marks only.
  await page.mouse.move(1, 1);
  assert.equal(await titles(), 0, 'no hover targets without a pointer over the chart');
  await page.hover('[data-chart="frontier"] .plot');
  await page.waitForFunction(() => document.querySelectorAll('[data-chart="frontier"] svg .hotspots title').length > 0);
  const texts = await page.$$eval('[data-chart="frontier"] svg .hotspots title', (ts) => ts.map((t) => t.textContent));
  assert.ok(texts.some((t) => /^InferenceMAX · /.test(t)), 'the measured points carry their source');
  assert.ok(texts.every((t) => /\d/.test(t)), 'every title carries a figure');
  await page.mouse.move(1, 1);
  await page.waitForFunction(() => document.querySelectorAll('[data-chart="frontier"] svg .hotspots title').length === 0);
  assert.deepEqual(errors, []);
});
