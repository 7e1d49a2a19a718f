// Faults the reader can see: when the wasm cannot load (blocked, an old browser, a network cut
// mid-load) the page says so in one line in the reader's language instead of staying blank;
// a panic (which must not happen) shows a notice and a link to reload with the default
// scenario instead of a frozen page. The panic is forced through `?fault=panic`, which only a
// build with the test-only `fault-hooks` feature has (.ci/test builds it into
// target/dist-faults); the release build ignores it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, chartSvg } from './harness.mjs';

let server, faults, browser;
before(async () => {
  server = await serve();
  faults = await serve('target/dist-faults');
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); await faults?.close(); });

for (const [lang, words] of [['en', /^fabrik could not start: .*Please reload\.$/], ['de', /^fabrik konnte nicht starten: .*Bitte neu laden\.$/]]) {
  test(`a blocked .wasm: one line says fabrik could not start (${lang})`, async () => {
    const page = await browser.newPage();
    let blocked = 0;
    await page.route('**/*.wasm', (r) => { blocked += 1; return r.abort(); });
    await page.goto(`${server.url}?lang=${lang}&gpu=b200`);
    const line = page.locator('[data-fault="load"]');
    await line.waitFor({ timeout: 10000 });
    assert.match(await line.textContent(), words);
    assert.equal(await line.getAttribute('role'), 'alert');
    assert.ok(blocked >= 1, 'the wasm was asked for and blocked');
    // Behind it, the page built with the site (the default view) stays readable.
    assert.equal(await page.locator('#pre main').count(), 1, 'the built page behind it');
    await page.close();
  });
}

test('the glue script cut off mid-load: the same line', async () => {
  const page = await browser.newPage();
  await page.route(/fabrik-[0-9a-f]+\.js$/, (r) => r.abort('connectionreset'));
  await page.goto(server.url);
  await page.locator('[data-fault="load"]').waitFor({ timeout: 10000 });
  await page.close();
});

test('a page that starts shows no fault line, and the release build ignores ?fault=panic', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}?fault=panic`);
  await chartSvg(page, 'energy-by-generation');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-fault]').count(), 0);
  assert.deepEqual(errors, []);
});

test('a panic: a notice with a link that reloads the default scenario', async () => {
  const page = await browser.newPage();
  await page.goto(`${faults.url}?gpu=b200&fault=panic`);
  const notice = page.locator('[data-fault="panic"]');
  await notice.waitFor({ timeout: 10000 });
  assert.match(await notice.textContent(), /^Something went wrong inside fabrik and the page stopped responding\. Reload with the default scenario$/);
  assert.equal(await notice.getAttribute('role'), 'alert');
  const link = notice.locator('a');
  assert.equal(await link.getAttribute('href'), '?lang=en');
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.equal(new URL(page.url()).search, '?lang=en');
  await chartSvg(page, 'energy-by-generation');
  assert.equal(await page.locator('[data-fault]').count(), 0, 'the default scenario runs');
  assert.equal(await page.inputValue('#ctl-gpu'), 'h100-sxm');
  await page.close();
});

test('a panic in German: the notice follows the page language', async () => {
  const page = await browser.newPage();
  await page.goto(`${faults.url}?lang=de&fault=panic`);
  const notice = page.locator('[data-fault="panic"]');
  await notice.waitFor({ timeout: 10000 });
  assert.match(await notice.textContent(), /^In fabrik ist ein Fehler aufgetreten/);
  assert.equal(await notice.locator('a').getAttribute('href'), '?lang=de');
  await page.close();
});
