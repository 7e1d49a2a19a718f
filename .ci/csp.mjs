// Trunk post-build hook: puts the build-time page into index.html and de/index.html
// (.ci/prerender.mjs), minifies the wasm-bindgen JavaScript (release builds) and adds a
// strict Content-Security-Policy to both pages.
//
// Minification: Trunk's own JS minifier fails on wasm-bindgen's output and leaves it as is
// (its "Failed to minify JS" warning); esbuild (npm, pinned in package.json) takes 42 KB to
// 19 KB (2 KB less gzipped). Export names are kept; the file's integrity hash in index.html is
// recomputed.
//
// Trunk injects one inline <script type="module"> that loads the wasm; its text names the
// hashed files, so it changes with every build. The policy allows exactly that script by its
// SHA-256 hash (no 'unsafe-inline'), the wasm by 'wasm-unsafe-eval', and nothing from any
// other origin. A <meta> policy cannot set frame-ancestors, so the page stays embeddable.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { prerender } from './prerender.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp hook: TRUNK_STAGING_DIR is not set (run by trunk only)');
  process.exit(1);
}
const files = prerender(dir);
const pages = Object.fromEntries(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));

if (process.env.TRUNK_PROFILE === 'release') {
  const { transformSync } = await import('esbuild');
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const js = path.join(dir, name);
    const { code } = transformSync(fs.readFileSync(js, 'utf8'), { minify: true, format: 'esm', target: 'es2020' });
    fs.writeFileSync(js, code);
    const sri = `sha384-${crypto.createHash('sha384').update(code, 'utf8').digest('base64')}`;
    // The tag that loads NAME with an integrity attribute (attributes in any order): the
    // <link rel=modulepreload> of wasm-bindgen's glue, or the <script src> of a plain script
    // such as boot.js; `./NAME` in index.html, `../NAME` in de/index.html.
    const ref = new RegExp(`(?:href|src)="?(?:\\.\\.?/)?${name.replace(/[.]/g, '\\.')}[" >]`);
    for (const [file, html] of Object.entries(pages)) {
      let found = false;
      pages[file] = html.replace(/<(?:link|script)\b[^>]*>/g, (tag) => {
        if (!ref.test(tag) || !/integrity=/.test(tag)) return tag;
        found = true;
        return tag.replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, (_, q) => `integrity=${q}${sri}${q}`);
      });
      if (!found) {
        console.error(`csp hook: no integrity attribute for ${name} in ${path.relative(dir, file)}`);
        process.exit(1);
      }
    }
    console.log(`csp hook: ${name} minified, integrity updated`);
  }
}
// The wasm is fetched by the loader (Trunk.toml pattern_script) with its integrity.
for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.wasm'))) {
  const sri = `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(dir, name))).digest('base64')}`;
  for (const [file, html] of Object.entries(pages)) {
    if (!html.includes("integrity: 'sha384-WASM'")) {
      console.error(`csp hook: the loader in ${path.relative(dir, file)} has no wasm integrity to fill`);
      process.exit(1);
    }
    pages[file] = html.replace("integrity: 'sha384-WASM'", `integrity: '${sri}'`);
  }
  console.log(`csp hook: ${name}: integrity written into the loader`);
}
for (const [file, page] of Object.entries(pages)) {
  let html = page;
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  html = html.replace(/<meta http-equiv="?Content-Security-Policy"?[^>]*>/i, '');
  html = html.replace(/<meta charset=("?)utf-8\1>/i, (m) => `${m}${meta}`);
  if (!html.includes('Content-Security-Policy')) {
    console.error(`csp hook: no <meta charset> to put the policy after in ${path.relative(dir, file)}`);
    process.exit(1);
  }
  fs.writeFileSync(file, html);
  console.log(`csp hook: policy with ${hashes.length} script hash(es) written to ${path.relative(dir, file)}`);
}
