// Says in one line, in the reader's language, when the app cannot start: no WebAssembly, the
// .wasm or its glue blocked or cut off mid-load, or nothing mounted after 20 s. Loaded before
// Trunk's loader (defer), so it hears the loader's failure; silent once the app has started.
(() => {
  const q = new URLSearchParams(location.search).get('lang');
  const de = (q || navigator.language || '').toLowerCase().startsWith('de');
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
  setTimeout(() => { if (!document.querySelector('main')) fail(); }, 20000);
})();
