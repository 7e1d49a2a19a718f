// Says in one line, in the reader's language, when the app cannot start: no WebAssembly, the
// .wasm or its glue blocked or cut off mid-load, or nothing mounted after 20 s. Loaded before
// Trunk's loader (defer), so it hears the loader's failure; silent once the app has started.
// Until the app takes over the page built with the site (the default view, #pre), it marks
// that page as waiting where the link asks for something else: figures of another scenario
// (html[data-pending]: the figures dim) or an embed (html[data-embed]: the full page hides).
(() => {
  const params = new URLSearchParams(location.search);
  const q = params.get('lang');
  const root = document.documentElement;
  const de = (q || (root.lang === 'de' && 'de') || navigator.language || '').toLowerCase().startsWith('de');
  if (document.getElementById('pre')) {
    const embed = params.get('embed') === '1';
    if (embed) root.dataset.embed = '';
    else if ([...params.keys()].some((k) => k !== 'lang')) root.dataset.pending = '';
    // The wasm is fetched (window.fabrikPainted, awaited by the loader in Trunk.toml) and the
    // app takes over the built page (html[data-painted], event fabrik:painted; see ui::start)
    // once the browser has recorded the page's first large paint: the page's own bytes come
    // first, and a paint of an element the app removes before it is recorded would be lost.
    // At once for an embed (the built page is hidden), after 3 s at the latest.
    let resolve;
    window.fabrikPainted = new Promise((r) => { resolve = r; });
    const painted = () => {
      if ('painted' in root.dataset) return;
      root.dataset.painted = '';
      dispatchEvent(new Event('fabrik:painted'));
      resolve();
    };
    if (embed) {
      painted();
    } else if (window.PerformanceObserver?.supportedEntryTypes?.includes('largest-contentful-paint')) {
      new PerformanceObserver((_, o) => { o.disconnect(); painted(); })
        .observe({ type: 'largest-contentful-paint', buffered: true });
    } else {
      requestAnimationFrame(() => requestAnimationFrame(painted));
    }
    setTimeout(painted, 3000);
  }
  let started = false;
  const fail = () => {
    if (started || document.querySelector('[data-fault]')) return;
    const p = document.createElement('p');
    p.className = 'fault';
    p.setAttribute('role', 'alert');
    p.dataset.fault = 'load';
    p.textContent = de
      ? 'fabrik konnte nicht starten: Der Browser hat das WebAssembly der Seite nicht geladen (blockiert, zu alt oder Verbindung abgebrochen). Bitte neu laden.'
      : 'fabrik could not start: the browser did not load the page\u2019s WebAssembly (blocked, too old, or the connection broke off). Please reload.';
    document.body.prepend(p);
  };
  addEventListener('TrunkApplicationStarted', () => { started = true; });
  addEventListener('unhandledrejection', fail);
  addEventListener('error', (e) => { if (!started && (e.target !== window || e.error)) fail(); }, true);
  if (typeof WebAssembly !== 'object') addEventListener('DOMContentLoaded', fail);
  // The app removes #pre when it mounts.
  setTimeout(() => { if (document.getElementById('pre') || !document.querySelector('main')) fail(); }, 20000);
})();
