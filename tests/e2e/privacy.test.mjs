// Reliability and security in the browser: a strict CSP with no violation on any path, no
// request leaving the origin, nothing stored, hostile links survived, any sub-path, offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { serve, launch, newPage, chartSvg } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const RECORD_CSP = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
};

test('the built page carries a strict CSP and subresource integrity', async () => {
  const html = fs.readFileSync('dist/index.html', 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'CSP meta present');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  for (const d of ["style-src 'self'", "object-src 'none'", "base-uri 'none'", "connect-src 'self'"]) assert.ok(csp.includes(d), d);
  const refs = [...html.matchAll(/<link[^>]+href=\.?\/?[^ >]+\.(js|css)[^>]*>/g)].map((m) => m[0]);
  assert.ok(refs.length >= 2, 'css and js are referenced');
  for (const r of refs) assert.match(r, /integrity=sha384-/, r);
  // The wasm is fetched by the loader with its integrity (a preload's is ignored for wasm):
  // the hash must be the file's.
  const [, wasm, sri] = html.match(/fetch\('\.\/([^']+\.wasm)', \{ integrity: '(sha384-[^']+)' \}\)/) ?? [];
  assert.ok(wasm, 'the loader fetches the wasm with an integrity');
  const digest = crypto.createHash('sha384').update(fs.readFileSync(path.join('dist', wasm))).digest('base64');
  assert.equal(sri, `sha384-${digest}`);
});

test('a whole session: no CSP violation, no third-party request, nothing stored', async () => {
  const { page, errors } = await newPage(browser);
  await page.addInitScript(RECORD_CSP);
  const origin = new URL(server.url).origin;
  const foreign = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await page.goto(server.url);
  await chartSvg(page, 'energy-by-generation');
  for (const p of JSON.parse(fs.readFileSync('src/data/presets.json', 'utf8'))) {
    await page.click(`[data-preset="${p.id}"]`);
  }
  for (const s of await page.locator('input[type=range]').all()) {
    await s.fill(String(Math.round(Number(await s.getAttribute('max')) / 3)));
  }
  await page.selectOption('#ctl-gpu', 'ascend-910c');
  await page.selectOption('#ctl-model', 'gpt-moe-1.8t');
  await page.click('[data-lang="de"]');
  for (const name of ['energy-by-generation', 'claim-waterfall', 'frontier', 'cost-breakdown', 'cost-sensitivity', 'scale', 'export-chips', 'power-split', 'calibration']) {
    await chartSvg(page, name);
  }
  const chart = page.locator('[data-chart="frontier"]');
  for (const kind of ['svg', 'png', 'csv']) {
    const [d] = await Promise.all([page.waitForEvent('download'), chart.locator(`[data-export="${kind}"]`).click()]);
    await d.path();
  }
  await chart.locator('[data-export="embed"]').click();
  await page.goto(`${server.url}?embed=1&view=scale&controls=power_mw`);
  await chartSvg(page, 'scale');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(foreign, []);
  assert.deepEqual(await page.context().cookies(), []);
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
  assert.deepEqual(errors, []);
});

test('hostile links: the page loads, names what it ignored, and shows no NaN', async () => {
  const links = [
    // Long enough to exercise the length guard; Node's test server caps request headers at 16 KB.
    `?${'x'.repeat(8000)}=1&pue=${'9'.repeat(4000)}`,
    '?pue=NaN&gpu=%ff&batch=1e308&power_mw=-1&&&=x&%zz',
    '?gpus=0&gpus=99999&prompt=inf&output=-inf&usd_per_kwh=1e-400&utilization=0',
    `?model=${'%41'.repeat(5000)}&precision=fp4&gpu=p100-sxm2`,
    '?v=999&tps_user=0.00001&context=0&lang=xx&embed=2',
  ];
  for (const q of links) {
    const { page, errors } = await newPage(browser);
    await page.addInitScript(RECORD_CSP);
    await page.goto(server.url + q);
    const svg = await chartSvg(page, 'energy-by-generation');
    assert.doesNotMatch(svg, /NaN|Infinity/);
    const figures = await page.$$eval('[data-figure] .value', (els) => els.map((e) => e.textContent));
    for (const f of figures) assert.doesNotMatch(f, /NaN|inf/i, `${q.slice(0, 40)}: ${f}`);
    assert.equal(await page.locator('.notice').count(), 1, `${q.slice(0, 40)} gets a notice`);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(errors, [], q.slice(0, 60));
  }
});

test('served under a sub-path, the static files work', async () => {
  const dist = path.resolve('dist');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
  const sub = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    if (!u.pathname.startsWith('/news/2026/fabrik/')) { res.writeHead(404); res.end(); return; }
    let p = path.join(dist, u.pathname.slice('/news/2026/fabrik/'.length) || 'index.html');
    if (!p.startsWith(dist) || !fs.existsSync(p)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(p)] || 'application/octet-stream' });
    res.end(fs.readFileSync(p));
  });
  await new Promise((r) => sub.listen(0, '127.0.0.1', r));
  try {
    const { page, errors } = await newPage(browser);
    await page.goto(`http://127.0.0.1:${sub.address().port}/news/2026/fabrik/?gpu=b200`);
    await chartSvg(page, 'energy-by-generation');
    assert.equal(await page.inputValue('#ctl-gpu'), 'b200');
    assert.deepEqual(errors, []);
  } finally {
    await new Promise((r) => sub.close(r));
  }
});

test('once loaded, it keeps working offline', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(server.url);
  const before = await chartSvg(page, 'energy-by-generation');
  await page.context().setOffline(true);
  await page.selectOption('#ctl-model', 'llama-3.1-8b');
  const after = await chartSvg(page, 'energy-by-generation');
  assert.notEqual(after, before);
  await page.context().setOffline(false);
  assert.deepEqual(errors, []);
});
