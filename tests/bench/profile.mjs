// Where a slider move's time goes: a CPU profile (Chrome DevTools Protocol) of slider moves made
// inside the page (input events dispatched in a loop, one per frame, so the profile holds the
// app's work and not the driver's), printed as self time and as inclusive time per function.
// A diagnostic for `make bench`'s update figures; asserts nothing.
//
//   node tests/bench/profile.mjs [--dist DIR] [--only key,key] [--query '?…'] [--chart NAME]
//     [--moves N (100)] [--filter fabrik:: (inclusive table: functions whose name contains it)]
//
// Function names need a wasm that keeps them: build one beside dist/ with the loader's line in
// index.html changed to `data-wasm-opt="0" data-keep-debug` (no wasm-opt, names kept; slower
// than the release build, so compare shares, not milliseconds), e.g.
//   sed -i 's|data-wasm-opt="z"|data-wasm-opt="0" data-keep-debug|' index.html &&
//   trunk build index.html --release --skip-version-check --dist target/dist-names; git checkout index.html
// and run with `--dist target/dist-names`. Without names the tables show wasm-function[N].
import { serve, launch } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const DIST = opt('--dist', 'dist');
const ONLY = opt('--only', 'prompt').split(',');
const QUERY = opt('--query', '');
const CHART = opt('--chart', '');
const MOVES = Number(opt('--moves', '100'));
const FILTER = opt('--filter', 'fabrik::');

const server = await serve(DIST);
const browser = await launch();
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(server.url + QUERY);
  await page.waitForSelector('[data-chart][data-drawn="true"] svg', { timeout: 30000, state: 'attached' });
  await page.waitForLoadState('networkidle');
  // What is on screen decides which charts redraw: the chart asked for, else the first slider.
  await page.locator(CHART ? `[data-chart="${CHART}"]` : `[data-control="${ONLY[0]}"] input[type=range]`)
    .first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 40 });
  await cdp.send('Profiler.start');
  const res = await page.evaluate(async ([keys, moves]) => {
    const els = keys.map((k) => document.querySelector(`[data-control="${k}"] input[type=range]`));
    if (els.some((e) => !e)) return { error: `no slider for ${keys.join(',')}` };
    performance.clearMeasures('fabrik:update');
    for (let i = 0; i < moves; i++) {
      const e = els[i % els.length];
      const min = +e.min, max = +e.max, step = e.step === 'any' || !e.step ? 1 : +e.step;
      const n = Math.floor((max - min) / step);
      e.value = String(min + ((i * 7919) % (n + 1)) * step);
      e.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    const d = performance.getEntriesByName('fabrik:update', 'measure').map((m) => m.duration).sort((a, b) => a - b);
    return { n: d.length, p50: d[Math.floor(d.length / 2)] };
  }, [ONLY, MOVES]);
  const { profile } = await cdp.send('Profiler.stop');
  if (res.error) throw new Error(res.error);

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const name = (id) => {
    const f = byId.get(id).callFrame;
    return (f.functionName || `(${f.url.split('/').pop() || 'anonymous'})`).replace(/::h[0-9a-f]{16}$/, '');
  };
  const self = new Map();
  const inclusive = new Map();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i];
    self.set(name(id), (self.get(name(id)) || 0) + dt);
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const nm = name(x);
      if (!nm.includes(FILTER) || seen.has(nm)) continue;
      seen.add(nm);
      inclusive.set(nm, (inclusive.get(nm) || 0) + dt);
    }
  });
  const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
  const busy = [...self.entries()].filter(([k]) => !idle.has(k)).reduce((s, [, v]) => s + v, 0);
  const perMove = (us) => (us / 1000 / MOVES).toFixed(3).padStart(8);
  console.log(`${ONLY.join(',')}${QUERY ? ` ${QUERY}` : ''}${CHART ? `, ${CHART} on screen` : ''}: update p50 ${res.p50?.toFixed(2)} ms over ${res.n} measures; script ${perMove(busy).trim()} ms per move, rendering outside script ${perMove(self.get('(program)') || 0).trim()} ms, GC ${perMove(self.get('(garbage collector)') || 0).trim()} ms`);
  console.log('\nself time, ms per move:');
  for (const [k, v] of [...self.entries()].filter(([k]) => !idle.has(k)).sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${perMove(v)} ${(100 * v / busy).toFixed(1).padStart(5)} %  ${k.slice(0, 140)}`);
  }
  console.log(`\ninclusive time of functions matching "${FILTER}", ms per move:`);
  for (const [k, v] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${perMove(v)}  ${k.slice(0, 140)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
