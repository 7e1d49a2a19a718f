// Puts the page that `fabrik-prerender` wrote at build time (Trunk's pre_build hook: the
// default view as static HTML, the share tags, the link-preview image) into the built site:
//
// - index.html: the English page inside <body>, the share tags in <head>;
// - de/index.html: the same page in German (<html lang="de">, German title, description and
//   share tags), its relative URLs one folder up; the catalogue files are copied to de/data/
//   too, since the page links to them relatively;
// - og.en.png, og.de.png: the preview image in each language (dist/og.png, dist/de/og.png).
//
// Called by .ci/csp.mjs (the post_build hook) before it computes SRI and the CSP of each page:
// nothing here adds an inline script or style.
import fs from 'node:fs';
import path from 'node:path';

/** `target/prerender`'s files into the staging dir `dir`. Exits with a message if absent. */
export function prerender(dir) {
  const src = path.join(process.env.TRUNK_SOURCE_DIR || '.', 'target', 'prerender');
  const read = (name) => {
    const f = path.join(src, name);
    if (!fs.existsSync(f)) {
      console.error(`prerender hook: ${f} is missing: fabrik-prerender did not run (Trunk.toml pre_build hook)`);
      process.exit(1);
    }
    return fs.readFileSync(f, 'utf8');
  };
  const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const file = path.join(dir, 'index.html');
  const built = fs.readFileSync(file, 'utf8');
  const page = (lang) => {
    let html = built;
    if (!/<body[^>]*>/.test(html) || !html.includes('</head>')) {
      console.error('prerender hook: index.html has no <head> or <body> to fill');
      process.exit(1);
    }
    const [title, description] = read(`meta.${lang}.txt`).split('\n');
    html = html.replace(/<title>[^<]*<\/title>/, `<title>${attr(title)}</title>`);
    html = html.replace(/(<meta content=)("[^"]*"|[^ >]+)( name=description)/, (_, a, _v, b) => `${a}"${attr(description)}"${b}`);
    html = html.replace(/(<meta name="?description"? content=)("[^"]*"|[^ >]+)/, (_, a) => `${a}"${attr(description)}"`);
    html = html.replace('</head>', `${read(`head.${lang}.html`)}</head>`);
    html = html.replace(/<body([^>]*)>/, (m) => `${m}${read(`body.${lang}.html`)}`);
    return html;
  };

  fs.writeFileSync(file, page('en'));

  // German: the same document one folder down.
  let de = page('de');
  de = de.replace(/<html lang=("?)en\1/, '<html lang=de');
  // Relative URLs of the built page (`./x`, written bare or quoted by Trunk's minifier, and in
  // the loader script) point one folder up.
  de = de.replace(/(=|["'(])\.\//g, '$1../');
  if (!de.includes('<html lang=de') || de.includes('="./') || de.includes('=./')) {
    console.error('prerender hook: could not make the German page');
    process.exit(1);
  }
  fs.mkdirSync(path.join(dir, 'de', 'data'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'de', 'index.html'), de);
  for (const f of fs.readdirSync(path.join(dir, 'data'))) {
    fs.copyFileSync(path.join(dir, 'data', f), path.join(dir, 'de', 'data', f));
  }
  fs.copyFileSync(path.join(src, 'og.en.png'), path.join(dir, 'og.png'));
  fs.copyFileSync(path.join(src, 'og.de.png'), path.join(dir, 'de', 'og.png'));
  console.log('prerender hook: default view written into index.html and de/index.html, og.png and de/og.png copied');
  return [file, path.join(dir, 'de', 'index.html')];
}
