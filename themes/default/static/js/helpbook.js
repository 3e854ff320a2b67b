// The one script every page of the site loads (the widget's panel has its own,
// widget-page.js). Each feature lives in its own module and is loaded only when the page has
// something for it; search, the largest, waits for the first focus of a search box (or loads
// at once on the results page), so an article page stays small.
const features = [
  ['[data-hb-announcement]', './announce.js', 'enhanceAnnouncements'],
  ['[data-hb-search-page]', './search-page.js', 'renderSearchPage'],
];

function load(module, name) {
  return import(module)
    .then((m) => (typeof m[name] === 'function' ? m[name](document) : undefined))
    .catch((error) => console.warn(`helpbook: ${module} did not load`, error));
}

/** Loads search when a box is first used; it then shows results for whatever was typed. */
function loadSearchOnFirstUse() {
  if (document.querySelector('[data-hb-search-page]')) return;
  const inputs = [...document.querySelectorAll('[data-hb-search-input]')];
  const start = () => {
    for (const input of inputs) input.removeEventListener('focus', start);
    load('./search.js', 'enhanceSearch');
  };
  for (const input of inputs) input.addEventListener('focus', start);
  // A box focused before this script ran (a quick tap on a slow connection) had no listener
  // yet: it still gets search.
  if (inputs.includes(document.activeElement)) start();
}

// The public search API exists on every page from the start; the search code itself loads
// on the first call.
window.helpbook = window.helpbook || {};
window.helpbook.search ||= (query, options) => import('./search.js').then((m) => m.search(query, options));

/** The vote buttons show at once; the code that sends a vote loads with the first vote. */
function offerFeedback() {
  for (const box of document.querySelectorAll('[data-hb-feedback]')) {
    box.hidden = false;
    box.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-hb-vote]');
      if (button) import('./feedback.js').then((m) => m.recordVote(box, button));
    });
  }
}

/** Live channel status loads when a list of channels comes near the screen. */
function showStatusWhenVisible() {
  const lists = [...document.querySelectorAll('[data-hb-contact-channels]')];
  if (!lists.length) return;
  // Where the channels are the point of the page, their status is wanted at once.
  if (!('IntersectionObserver' in window) || document.body.matches('.page-contact')) {
    load('./contact.js', 'showChannelStatus');
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    load('./contact.js', 'showChannelStatus');
  }, { rootMargin: '400px' });
  for (const list of lists) observer.observe(list);
}

function start() {
  for (const [selector, module, name] of features) {
    if (document.querySelector(selector)) load(module, name);
  }
  showStatusWhenVisible();
  offerFeedback();
  loadSearchOnFirstUse();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
