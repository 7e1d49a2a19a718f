// Browser side of `make bench`: the release bundle in dist/, served on a free loopback port
// and driven in headless Debian Chromium (tests/e2e/harness.mjs). Prints figures and writes
// them as JSON; asserts no timing. Exits non-zero only if the bench itself cannot run
// (no dist/, no browser, the page never loads).
//
//   node tests/bench/browser.mjs [--out FILE] [--moves N] [--loads N] [--dist DIR (default dist)] [--only key,key]
//     [--query '?gpu=…&model=…' (the scenario the slider moves start from; default the page's)]
//     [--chart NAME (scrolled into view before the moves, so it redraws with them)]
//
// Measured (all times from the page's own performance.now(), ~0.1 ms resolution in a
// page that is not cross-origin isolated):
// - first load: every response body of a cold load (fresh browser context), gzipped with
//   zlib level 9, summed; navigation start → the first contentful paint (the page built
//   with the site, readable before the wasm), and navigation start → the first chart the
//   app itself drew (`[data-chart][data-drawn="true"] svg`: the app has taken over the built
//   page and drawn; a MutationObserver installed before any page script), medians of --loads
//   cold loads;
// - updates: --moves slider moves spread round-robin over every visible range control
//   (`[data-control] input[type=range]`), each set with locator.fill() and followed by a
//   wait for the next `fabrik:update` measure; then every `fabrik:update` duration, and as
//   a diagnostic the input → settled time without the wait for the next frame; then, unless
//   --chart is given, half as many moves with the page's first chart (energy by generation)
//   on the screen, redrawn in the frame as a reader who has scrolled to it sees it;
// - sweep: `?bench=1`, after which the app times its full Pareto sweep 20 times as
//   `fabrik:sweep` and writes the configuration count to `<body data-sweep-configs>`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, chartSvg } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const OUT = opt('--out', 'target/bench/browser.json');
const MOVES = Number(opt('--moves', '200'));
const LOADS = Number(opt('--loads', '5'));
const SWEEP_WAIT_MS = Number(opt('--sweep-wait', '60000'));
// The built site to measure (another build beside this one, for before/after figures).
const DIST = opt('--dist', 'dist');
// Only these sliders (comma-separated keys), to compare one control's cost between builds.
const ONLY = opt('--only', '') ? opt('--only', '').split(',') : null;
// The scenario the slider moves start from, and a chart kept on screen while they run (e.g.
// `--query '?gpu=h100-sxm&model=deepseek-r1&precision=fp8' --chart frontier --only prompt,output`).
const QUERY = opt('--query', '');
const ON_SCREEN = opt('--chart', '');
// The chart kept on the screen for the second update figure (the first chart of the page).
const ON_SCREEN_DEFAULT = 'energy-by-generation';
const VIEWPORT = { width: 1280, height: 900 };
const CHART = '[data-chart][data-drawn="true"] svg';

const log = (...a) => console.log('[bench]', ...a);

/** Nearest-rank percentile of an unsorted list. */
function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so runs are comparable. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Runs before any page script: records performance.now() when the app has drawn its first
// chart (the built page's charts carry data-drawn="false").
const FIRST_CHART_PROBE = `(() => {
  window.__fabrikFirstChart = null;
  // Long tasks (over 50 ms) from the start: the longest is the app's takeover of the page.
  window.__fabrikLong = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__fabrikLong.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* no longtask entries in this browser */ }
  const sel = ${JSON.stringify(CHART)};
  const check = (obs) => {
    if (window.__fabrikFirstChart === null && document.querySelector(sel)) {
      window.__fabrikFirstChart = performance.now();
      if (obs) obs.disconnect();
    }
  };
  new MutationObserver((_, obs) => check(obs))
    .observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
})();`;

/** One cold load in a fresh context: bytes of every response, time to the first chart. */
async function coldLoad(browser, url) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  await ctx.addInitScript(FIRST_CHART_PROBE);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const bodies = [];
  let recording = true;
  page.on('response', (r) => {
    if (!recording) return;
    bodies.push(r.body()
      .then((b) => ({ url: r.url(), status: r.status(), raw: b.length, gz: zlib.gzipSync(b, { level: 9 }).length }))
      .catch(() => ({ url: r.url(), status: r.status(), raw: 0, gz: 0 })));
  });
  try {
    await page.goto(url, { waitUntil: 'load' });
    let chartMs = null;
    try {
      await page.waitForSelector(CHART, { timeout: 30000, state: 'attached' });
      chartMs = await page.evaluate(() => window.__fabrikFirstChart);
    } catch { /* no chart: reported below */ }
    const paintMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    // Settled: the takeover and the charts' first redraws have run.
    await page.waitForTimeout(500);
    const longMs = await page.evaluate(() => Math.max(0, ...window.__fabrikLong));
    await page.waitForLoadState('networkidle').catch(() => {});
    recording = false;
    const files = await Promise.all(bodies);
    return { chartMs, paintMs, longMs, files, errors };
  } finally {
    await ctx.close();
  }
}

async function measureLoads(browser, url) {
  const loads = [];
  for (let i = 0; i < LOADS; i++) loads.push(await coldLoad(browser, url));
  const first = loads[0];
  const transfer = {
    raw: first.files.reduce((s, f) => s + f.raw, 0),
    gzip: first.files.reduce((s, f) => s + f.gz, 0),
    files: first.files.map((f) => ({ ...f, url: new URL(f.url).pathname })),
  };
  for (const f of transfer.files) log(`first load: ${f.status} ${f.url}: ${f.raw} B, ${f.gz} B gzip -9`);
  log(`first load: ${transfer.files.length} responses, ${transfer.raw} B raw, ${transfer.gzip} B gzip -9`);
  const times = loads.map((l) => l.chartMs).filter((t) => typeof t === 'number');
  const nav = times.length === loads.length
    ? { ok: true, median: pct(times, 0.5), all: times }
    : { ok: false, why: `no ${CHART} within 30 s of navigation` };
  if (nav.ok) log(`navigation → first chart drawn by the app: ${times.map((t) => t.toFixed(1)).join(', ')} ms (median ${nav.median.toFixed(1)} ms)`);
  const paints = loads.map((l) => l.paintMs).filter((t) => typeof t === 'number');
  if (paints.length) {
    nav.paint = pct(paints, 0.5);
    log(`navigation → first contentful paint: ${paints.map((t) => t.toFixed(1)).join(', ')} ms (median ${nav.paint.toFixed(1)} ms)`);
  }
  const longs = loads.map((l) => l.longMs).filter((t) => typeof t === 'number');
  if (longs.length) {
    nav.longTask = pct(longs, 0.5);
    log(`longest task of each cold load (usually the app's takeover): ${longs.map((t) => t.toFixed(0)).join(', ')} ms (median ${nav.longTask.toFixed(0)} ms)`);
  }
  const errors = [...new Set(loads.flatMap((l) => l.errors))];
  return { transfer, nav, errors };
}

// Diagnostic beside `fabrik:update`: input event (capture phase, before the app's handler)
// → the first task after it (setTimeout 0, after Leptos' microtask effects). It does not
// wait for the next animation frame, but includes that frame's style/layout/paint when the
// frame comes first; the app's measure ends in the frame's rAF callback, before them.
const WORK_PROBE = `(() => {
  window.__fabrikWork = [];
  document.addEventListener('input', (e) => {
    if (!(e.target instanceof HTMLInputElement) || e.target.type !== 'range') return;
    const t0 = performance.now();
    setTimeout(() => window.__fabrikWork.push(performance.now() - t0), 0);
  }, true);
})();`;

async function measureUpdates(browser, url, onScreen = ON_SCREEN, moves = MOVES) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  await ctx.addInitScript(WORK_PROBE);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(url + QUERY);
    if (onScreen) await chartSvg(page, onScreen);
    else await page.waitForSelector(CHART, { timeout: 30000, state: 'attached' }).catch(() => {});
    await page.waitForLoadState('networkidle').catch(() => {});
    const all = page.locator('[data-control] input[type=range]');
    const n = await all.count();
    const sliders = [];
    for (let i = 0; i < n; i++) {
      const s = all.nth(i);
      if (!(await s.isVisible()) || !(await s.isEnabled())) continue;
      const key = await s.evaluate((e) => e.closest('[data-control]').dataset.control);
      if (ONLY && !ONLY.includes(key)) continue;
      const [min, max, step] = await s.evaluate((e) => [e.min, e.max, e.step]);
      sliders.push({ s, key, min: Number(min || 0), max: Number(max || 100), step: step === 'any' || !step ? 1 : Number(step) });
    }
    if (!sliders.length) return { ok: false, why: 'app lacks range controls in [data-control]', errors };
    log(`updates${onScreen ? ` (${onScreen} on the screen)` : ''}: ${moves} moves over ${sliders.length} range controls: ${sliders.map((x) => x.key).join(', ')}`);
    await page.evaluate(() => { performance.clearMeasures('fabrik:update'); window.__fabrikWork = []; });
    const count = () => page.evaluate(() => performance.getEntriesByName('fabrik:update', 'measure').length);
    const rand = rng(6);
    let missed = 0;
    const byControl = {};
    for (let i = 0; i < moves; i++) {
      const c = sliders[i % sliders.length];
      const steps = Math.max(1, Math.floor((c.max - c.min) / c.step + 1e-9));
      const now = Math.round((Number(await c.s.inputValue()) - c.min) / c.step);
      let k = Math.floor(rand() * (steps + 1));
      if (k === now) k = (k + 1 + Math.floor(rand() * steps)) % (steps + 1);
      const value = String(Number((c.min + k * c.step).toFixed(10)));
      const before = await count();
      await c.s.fill(value);
      try {
        await page.waitForFunction((b) => performance.getEntriesByName('fabrik:update', 'measure').length > b,
          before, { timeout: 5000 });
        // The move's own measure (the newest), for the per-control figures below.
        const d = await page.evaluate(() => performance.getEntriesByName('fabrik:update', 'measure').at(-1).duration);
        (byControl[c.key] ??= []).push(d);
      } catch {
        if (i === 0 && before === 0) {
          return { ok: false, why: "app lacks 'fabrik:update' measures: none within 5 s of a slider move", errors };
        }
        missed++;
      }
    }
    const durations = await page.evaluate(() => performance.getEntriesByName('fabrik:update', 'measure').map((e) => e.duration));
    await page.waitForTimeout(50);
    const work = await page.evaluate(() => window.__fabrikWork);
    const perControl = {};
    const res = {
      ok: true, moves, missed, chart: onScreen || null, controls: sliders.map((x) => x.key), count: durations.length,
      p50: pct(durations, 0.5), p95: pct(durations, 0.95), max: Math.max(...durations), perControl, errors,
      work: work.length ? { count: work.length, p50: pct(work, 0.5), p95: pct(work, 0.95), max: Math.max(...work) } : null,
    };
    log(`updates: ${durations.length} fabrik:update measures (${missed} moves without one): p50 ${res.p50.toFixed(2)} ms, p95 ${res.p95.toFixed(2)} ms, max ${res.max.toFixed(2)} ms`);
    if (res.work) log(`updates: input → next task (${work.length} inputs): p50 ${res.work.p50.toFixed(2)} ms, p95 ${res.work.p95.toFixed(2)} ms, max ${res.work.max.toFixed(2)} ms`);
    // Per control, to see which one is slow (each move's own measure; a move without one is
    // left out).
    for (const [k, ds] of Object.entries(byControl)) {
      perControl[k] = { p50: pct(ds, 0.5), max: Math.max(...ds), moves: ds.length };
      log(`updates: ${k.padEnd(16)} p50 ${perControl[k].p50.toFixed(2)} ms, max ${perControl[k].max.toFixed(2)} ms (${ds.length} moves)`);
    }
    return res;
  } finally {
    await ctx.close();
  }
}

async function measureSweep(browser, url) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    const u = new URL(url);
    u.searchParams.set('bench', '1');
    await page.goto(u.href);
    await page.waitForSelector(CHART, { timeout: 30000, state: 'attached' }).catch(() => {});
    let configs = null;
    try {
      await page.waitForFunction(() => document.body?.dataset.sweepConfigs, null, { timeout: SWEEP_WAIT_MS });
      configs = Number(await page.evaluate(() => document.body.dataset.sweepConfigs));
    } catch { /* reported below */ }
    const durations = await page.evaluate(() => performance.getEntriesByName('fabrik:sweep', 'measure').map((e) => e.duration));
    if (!durations.length) {
      return { ok: false, why: "app lacks ?bench=1 ('fabrik:sweep' measures)", configs, errors };
    }
    const res = { ok: true, runs: durations.length, p50: pct(durations, 0.5), min: Math.min(...durations), max: Math.max(...durations), configs, errors };
    log(`sweep: ${durations.length} runs of ${configs ?? '?'} configurations: p50 ${res.p50.toFixed(2)} ms, min ${res.min.toFixed(2)} ms, max ${res.max.toFixed(2)} ms`);
    if (configs === null) res.configsWhy = 'app lacks body[data-sweep-configs]';
    return res;
  } finally {
    await ctx.close();
  }
}

async function main() {
  if (!fs.existsSync(path.resolve('dist/index.html'))) {
    console.error('[bench] dist/index.html missing: run trunk build index.html --release first');
    process.exit(2);
  }
  const server = await serve(DIST);
  let browser;
  try {
    browser = await launch();
    log(`${browser.version()} (headless), serving dist/ on ${server.url}`);
    const load = await measureLoads(browser, server.url);
    const updates = await measureUpdates(browser, server.url);
    // The same with a chart on the screen (at the top of the page none is: charts off the
    // screen are redrawn after the frame that answers a control, so the first figure leaves
    // them out).
    const updatesOnScreen = ON_SCREEN ? null
      : await measureUpdates(browser, server.url, ON_SCREEN_DEFAULT, Math.ceil(MOVES / 2));
    const sweep = await measureSweep(browser, server.url);
    const errors = [...new Set([...load.errors, ...(updates.errors || []), ...(updatesOnScreen?.errors || []), ...(sweep.errors || [])])];
    for (const e of errors) log(`page error: ${e}`);
    const result = { browser: browser.version(), transfer: load.transfer, nav: load.nav, updates, updatesOnScreen, sweep, errors };
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, JSON.stringify(result, null, 2));
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error('[bench] browser bench could not run:', e?.stack || e);
  process.exit(1);
});
