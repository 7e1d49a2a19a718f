// The table `make bench` ends with: each figure, its target, whether it is met.
// Reads the browser bench's JSON and the native bench's output (`bench-result k=v` lines).
// A missing input gives "not run" rows; the exit status is always 0 (.ci/bench decides).
//
//   node tests/bench/report.mjs target/bench/browser.json target/bench/native.txt target/bench/lighthouse.json
import fs from 'node:fs';

const [browserFile, nativeFile, lighthouseFile] = process.argv.slice(2);
const read = (f) => { try { return fs.readFileSync(f, 'utf8'); } catch { return null; } };
const browserText = browserFile && read(browserFile);
const b = browserText ? JSON.parse(browserText) : null;
const native = {};
for (const line of (nativeFile && read(nativeFile) || '').split('\n')) {
  const m = line.match(/^bench-result (\w+)=([-0-9.eE+]+)$/);
  if (m) native[m[1]] = Number(m[2]);
}

const ms = (v) => `${v.toFixed(2)} ms`;
const kb = (v) => `${(v / 1000).toFixed(1)} KB`;
const int = (v) => Math.round(v).toLocaleString('en-US');
const rows = [];
/** A row: figure, measured text or null, target text, met (true/false/null = no target). */
function row(figure, value, target, met, why) {
  rows.push([figure, value ?? '—', target, value === null ? `not measured (${why})` : met === null ? '—' : met ? 'yes' : 'NO']);
}

const bNotRun = 'browser bench did not run';
const u = b?.updates;
const uWhy = !b ? bNotRun : u?.why;
const uOk = !!(b && u?.ok);
const moves = uOk ? ` (${u.count} of ${u.moves} moves, ${u.controls.length} sliders)` : '';
row(`update p50${moves}`, uOk ? ms(u.p50) : null, '≤ 2 ms', uOk && u.p50 <= 2, uWhy);
row('update p95', uOk ? ms(u.p95) : null, '≤ 4 ms', uOk && u.p95 <= 4, uWhy);
// The same moves with a chart on the screen (the top of the page shows none; charts off the
// screen are redrawn after the frame).
const c = b?.updatesOnScreen;
const cOk = !!(b && c?.ok);
const cWhy = !b ? bNotRun : c ? c.why : 'not measured (--chart given)';
row(`update p50 / p95 with ${cOk ? c.chart : 'a chart'} on the screen (${cOk ? c.count : '?'} moves)`,
  cOk ? `${ms(c.p50)} / ${ms(c.p95)}` : null, '≤ 2 / 4 ms', cOk && c.p50 <= 2 && c.p95 <= 4, cWhy);
row('update max', uOk ? ms(u.max) : null, '(none)', null, uWhy);
row('  input → next task p50 / p95 (with the frame\'s layout and paint when one comes first)',
  uOk && u.work ? `${u.work.p50.toFixed(2)} / ${ms(u.work.p95)}` : null, '(diagnostic)', null, uWhy || 'no input events seen');

const nav = b?.nav;
const navOk = !!(b && nav?.ok);
row(`navigation → first contentful paint: the built page, readable (median of ${navOk ? nav.all.length : '?'} cold loads)`,
  navOk && Number.isFinite(nav.paint) ? ms(nav.paint) : null, '(none)', null, !b ? bNotRun : nav?.why || 'no paint entry');
row('navigation → first chart drawn by the app (it has taken over the built page)',
  navOk ? ms(nav.median) : null, '≤ 250 ms', navOk && nav.median <= 250, !b ? bNotRun : nav?.why);
row('  longest task of a cold load (usually the app taking the page over; 0: none over 50 ms), median',
  navOk && Number.isFinite(nav.longTask) ? ms(nav.longTask) : null, '(diagnostic)', null, !b ? bNotRun : 'no longtask entries');

const t = b?.transfer;
const tOk = !!(b && t && t.files.length);
row(`first-load transfer, gzip -9 (${tOk ? t.files.length : '?'} responses, ${tOk ? kb(t.raw) : '?'} raw)`,
  tOk ? kb(t.gzip) : null, '≤ 396 KB', tOk && t.gzip <= 396000, !b ? bNotRun : 'no responses recorded');

const lhText = lighthouseFile && read(lighthouseFile);
const lh = lhText ? JSON.parse(lhText).runs : null;
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];
const lhOk = !!(lh && lh.length);
const lhWhy = 'Lighthouse did not run';
row(`Lighthouse mobile performance (median of ${lhOk ? lh.length : '?'} runs${lhOk ? `: ${lh.map((r) => r.performance).join(', ')}` : ''})`,
  lhOk ? String(median(lh.map((r) => r.performance))) : null, '≥ 95', lhOk && median(lh.map((r) => r.performance)) >= 95, lhWhy);
row('  Lighthouse mobile LCP / TBT (medians)',
  lhOk ? `${ms(median(lh.map((r) => r.lcpMs)))} / ${ms(median(lh.map((r) => r.tbtMs)))}` : null, '(diagnostic)', null, lhWhy);

const s = b?.sweep;
const sOk = !!(b && s?.ok);
const sWhy = !b ? bNotRun : s?.why;
const configsKnown = sOk && Number.isFinite(s.configs) && s.configs > 0;
row(`full sweep in wasm, p50 of ${sOk ? s.runs : '?'} runs`, sOk ? ms(s.p50) : null,
  '≤ 2 ms with ≥ 10,000 configs', sOk && s.p50 <= 2 && configsKnown && s.configs >= 10000, sWhy);
row('  configurations in one sweep', configsKnown ? int(s.configs) : null, '≥ 10,000',
  configsKnown && s.configs >= 10000, !sOk ? sWhy : s.configsWhy || 'app lacks body[data-sweep-configs]');

const nWhy = 'native bench did not run';
const ev = native.native_evals_per_s;
row(`native evaluations/s (${native.native_scenarios ? int(native.native_scenarios) : '?'} distinct scenarios)`,
  Number.isFinite(ev) ? `${int(ev)} /s` : null, '≥ 1,000,000 /s', ev >= 1e6, nWhy);
const rep = native.native_repeat_evals_per_s;
row('  native re-evaluations/s of 64 scenarios (caches warm)',
  Number.isFinite(rep) ? `${int(rep)} /s` : null, '(diagnostic)', null, nWhy);
const cps = native.native_sweep_configs_per_s;
row(`native sweep configurations/s (${native.native_sweep_configs ? int(native.native_sweep_configs) : '?'} per sweep, ${Number.isFinite(native.native_sweep_ms) ? ms(native.native_sweep_ms) : '?'} each)`,
  Number.isFinite(cps) ? `${int(cps)} /s` : null, '(none)', null, nWhy);

const moeMs = native.native_sweep_moe_ms;
row(`  native sweep of DeepSeek-R1 (${native.native_sweep_moe_configs ? int(native.native_sweep_moe_configs) : '?'} configurations, experts over up to 144 GPUs)`,
  Number.isFinite(moeMs) ? ms(moeMs) : null, '(diagnostic)', null, nWhy);

const gqaMs = native.native_sweep_gqa_moe_ms;
row(`  native sweep of gpt-oss-120b (${native.native_sweep_gqa_moe_configs ? int(native.native_sweep_gqa_moe_configs) : '?'} configurations, both attention layouts)`,
  Number.isFinite(gqaMs) ? ms(gqaMs) : null, '(diagnostic)', null, nWhy);

const head = ['figure', 'measured', 'target', 'met'];
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]].length)));
const pad = (c, i) => c + ' '.repeat(w[i] - [...c].length);
const line = (r) => `| ${r.map(pad).join(' | ')} |`;
console.log('');
console.log('fabrik benchmarks' + (b?.browser ? ` (headless Chromium ${b.browser})` : ''));
console.log(line(head));
console.log(`|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
const missed = rows.filter((r) => r[3] === 'NO').length;
const notMeasured = rows.filter((r) => r[3].startsWith('not measured')).length;
console.log(`\n${missed} target(s) missed, ${notMeasured} figure(s) not measured. Timings are from this machine; they are figures, not pass/fail.`);
if (b?.errors?.length) console.log(`page errors during the bench: ${b.errors.join(' | ')}`);
