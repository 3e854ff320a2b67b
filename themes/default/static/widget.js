// helpbook's widget for a shop's own pages. Add one tag anywhere on the shop's site:
//   <script src="https://help.example.com/widget.js" data-lang="en" defer></script>
// It adds a floating help button that opens the help center's widget page (search, popular
// articles, contact channels with live status) in a panel. Everything lives in a shadow root
// and an iframe, so the host page's styles and scripts are untouched; the only global is
// window.HelpbookWidget.
(() => {
  if (window.HelpbookWidget) return;
  const script = document.currentScript;
  const origin = new URL('.', script.src);
  const pageLang = (document.documentElement.lang || 'en').toLowerCase().split('-')[0];
  const lang = script.dataset.lang || pageLang;
  const rtl = ['ar', 'he', 'fa', 'ur'].includes(lang.split('-')[0]);
  // The widget page's folder; the build writes another here when a writer's folder took it.
  const widgetPage = 'widget';
  const label = script.dataset.label || { ar: 'مساعدة', pl: 'Pomoc' }[lang] || 'Help';

  const host = document.createElement('div');
  host.setAttribute('data-helpbook-widget', '');
  const root = host.attachShadow({ mode: 'open' });
  const side = rtl ? 'left' : 'right';
  const style = document.createElement('style');
  style.textContent = `
    :host { all: initial; }
    button { position: fixed; bottom: 20px; ${side}: 20px; z-index: 2147483646; min-width: 56px; height: 56px;
      padding: 0 20px; border: 0; border-radius: 28px; background: ${script.dataset.color || '#0f766e'}; color: #fff;
      font: 600 16px/1 system-ui, sans-serif; box-shadow: 0 4px 16px rgb(0 0 0 / 25%); cursor: pointer; }
    button:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 3px; }
    .panel { position: fixed; bottom: 88px; ${side}: 20px; z-index: 2147483647; width: min(380px, calc(100vw - 40px));
      height: min(600px, calc(100vh - 120px)); border: 0; border-radius: 16px; background: #fff;
      box-shadow: 0 8px 32px rgb(0 0 0 / 30%); }
    .panel[hidden] { display: none; }`;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'helpbook-panel');
  const panel = document.createElement('iframe');
  panel.className = 'panel';
  panel.id = 'helpbook-panel';
  panel.title = label;
  panel.hidden = true;
  root.append(style, button, panel);

  function open() {
    if (!panel.src) panel.src = new URL(`${lang}/${widgetPage}/`, origin).href;
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    panel.addEventListener('load', () => panel.focus(), { once: true });
    panel.focus();
  }
  function close() {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }
  button.addEventListener('click', () => (panel.hidden ? open() : close()));
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) close();
  });
  window.addEventListener('message', (event) => {
    if (event.origin === origin.origin && event.data === 'helpbook:close') close();
  });

  document.body.append(host);
  window.HelpbookWidget = { open, close };
})();
