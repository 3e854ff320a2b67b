// The one script every page loads. Each feature lives in its own module and is loaded only
// when the page has something for it, so an article page stays small and works without
// any of them.
const features = [
  ['[data-hb-contact-channels]', './contact.js', 'showChannelStatus'],
  ['[data-hb-feedback]', './feedback.js', 'enhanceFeedback'],
  ['[data-hb-announcement]', './announce.js', 'enhanceAnnouncements'],
  ['[data-hb-search]', './search.js', 'enhanceSearch'],
  ['.page-widget', './widget-page.js', 'enhanceWidgetPage'],
];

function start() {
  for (const [selector, module, name] of features) {
    if (!document.querySelector(selector)) continue;
    import(module)
      .then((m) => (typeof m[name] === 'function' ? m[name](document) : undefined))
      .catch((error) => console.warn(`helpbook: ${module} did not load`, error));
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
