// The page built with the site (src/bin/fabrik-prerender/, .ci/prerender.mjs): readable
// without JavaScript, taken over by the app without a layout shift, and shared with a
// preview. Runs on the release build in dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, newPage, takenOver } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** What a reader sees of the page: section titles, headline figures, charts, the lede. */
async function reading(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    titles: [...document.querySelectorAll('main h2')].map((h) => h.textContent.trim()),
    figures: Object.fromEntries([...document.querySelectorAll('[data-figure]')]
      .map((f) => [f.dataset.figure, f.querySelector('.value')?.textContent.trim()])),
    charts: [...document.querySelectorAll('[data-chart]')]
      .filter((c) => c.querySelector('.plot svg'))
      .map((c) => c.dataset.chart),
    lede: document.querySelector('.lede')?.textContent.trim(),
    cards: document.querySelectorAll('[data-claim-card] .answer').length,
  }));
}

for (const [path, lang, title] of [['', 'en', 'What an AI factory makes'], ['de/', 'de', 'Was eine KI-Fabrik herstellt']]) {
  test(`without JavaScript, ${path || '/'} shows the default view in ${lang}: titles, figures, charts, one line on the knobs`, async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(server.url + path);
    const r = await reading(page);
    assert.equal(r.lang, lang);
    assert.equal(r.titles.length, 9, `section titles: ${r.titles}`);
    assert.ok(r.titles[0].includes(title), r.titles[0]);
    for (const f of ['tokens-per-s', 'gpu-j-per-token', 'facility-j-per-token', 'wh-per-answer', 'usd-per-mtok', 'facility-mw']) {
      assert.match(r.figures[f] ?? '', /\d/, `headline figure ${f}: ${r.figures[f]}`);
    }
    assert.ok(r.charts.length >= 6, `charts drawn: ${r.charts}`);
    assert.equal(r.cards, 4);
    const line = page.locator('[data-noscript]');
    assert.equal(await line.count(), 1);
    assert.ok(await line.isVisible(), 'the one line about the knobs is shown');
    assert.match(await line.textContent(), lang === 'de' ? /JavaScript/ : /knobs need JavaScript/);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

// `#floor`: the page opens at a chart, which the app redraws at once at the phone's width.
for (const [path, width] of [['', 1280], ['', 375], ['#floor', 375], ['de/', 1280]]) {
  test(`with JavaScript the app takes over ${path || '/'} at ${width} px: same page, no console error, no layout shift`, async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
    const still = await ctx.newPage();
    await still.goto(server.url + path);
    const built = await reading(still);
    await ctx.close();

    const { page, errors } = await newPage(browser, { width, height: 900 });
    // Every layout shift from the start of the load, the app's takeover included.
    await page.addInitScript(() => {
      window.shifts = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.shifts.push(e.value); })
        .observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(server.url + path);
    await takenOver(page);
    await page.waitForTimeout(500);
    const app = await reading(page);
    assert.equal(await page.locator('#pre').count(), 0, 'the built page made way for the app');
    assert.equal(await page.locator('main').count(), 1);
    assert.deepEqual(app.titles, built.titles);
    assert.deepEqual(app.figures, built.figures);
    assert.equal(app.lede, built.lede);
    assert.ok(app.charts.length >= 6, `charts: ${app.charts}`);
    // Scroll through the page: every chart the app redraws near the screen keeps its height.
    for (let y = 0; y < 12000; y += 600) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => window.shifts);
    const cls = shifts.reduce((a, b) => a + b, 0);
    console.log(`takeover ${path || '/'} ${width}px: ${shifts.length} layout shifts, CLS ${cls}`);
    assert.equal(cls, 0, `layout shifts: ${shifts}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('a link to another scenario shows the default dimmed until the app applies it', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?gpu=b200&precision=fp4`, { waitUntil: 'commit' });
  await takenOver(page);
  await page.waitForTimeout(100);
  const chip = await page.$eval('#ctl-gpu', (s) => s.value);
  assert.equal(chip, 'b200');
  assert.equal(await page.evaluate(() => 'pending' in document.documentElement.dataset), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('share preview: Open Graph and Twitter tags, a favicon, theme and colour scheme; og:image exists in dist/', async () => {
  for (const [file, img] of [['dist/index.html', 'og.png'], ['dist/de/index.html', 'og.png']]) {
    const html = fs.readFileSync(file, 'utf8');
    const meta = (attr, name) => html.match(new RegExp(`<meta ${attr}="?${name}"? content="([^"]*)"`))?.[1];
    assert.ok(meta('property', 'og:title')?.startsWith('fabrik'), `${file}: og:title`);
    assert.ok((meta('property', 'og:description') ?? '').length > 50, `${file}: og:description`);
    assert.equal(meta('property', 'og:image'), img, `${file}: og:image`);
    // The preview's words: its question and what it shows (NVIDIA's line of GPUs and claim).
    assert.match(meta('property', 'og:image:alt') ?? '', /\?.*2016 → 2026.*17[,.]000 J/, `${file}: og:image:alt`);
    assert.equal(meta('name', 'twitter:card'), 'summary_large_image', `${file}: twitter:card`);
    assert.match(html, /rel=icon|rel="icon"/, `${file}: favicon`);
    assert.match(html, /name="?theme-color/, `${file}: theme-color`);
    assert.match(html, /content="light dark" name=color-scheme|name="color-scheme" content="light dark"/, `${file}: color-scheme`);
    // No canonical link without the site's address (a relative one is invalid).
    if (!process.env.FABRIK_SITE_URL) assert.doesNotMatch(html, /rel="?canonical/, file);
    // The built page adds no inline style and no inline script besides Trunk's loader.
    assert.doesNotMatch(html, /<style|\sstyle=/i, `${file}: inline style`);
    assert.equal([...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].length, 1, `${file}: inline scripts`);
  }
  // One preview per language (the German one writes its numbers with a decimal comma).
  const pngs = ['dist/og.png', 'dist/de/og.png'].map((f) => fs.readFileSync(f));
  for (const png of pngs) {
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.equal(png.readUInt32BE(16), 1200);
    assert.equal(png.readUInt32BE(20), 630);
  }
  assert.ok(!pngs[0].equals(pngs[1]), 'the German preview differs from the English one');
});
