// The one script of the widget's panel page, in place of helpbook.js: the channels' live
// status at once, search from the first focus of the box, and Escape to close the panel on
// the shop's page. The panel has none of the site pages' other features, so it loads none.
const load = (module, name) => import(module)
  .then((m) => m[name](document))
  .catch((error) => console.warn(`helpbook: ${module} did not load`, error));

load('./contact.js', 'showChannelStatus');

let search = null;
const startSearch = () => { search ||= load('./search.js', 'enhanceSearch'); };
for (const input of document.querySelectorAll('[data-hb-search-input]')) {
  input.addEventListener('focus', startSearch);
}
// The box may have been focused before this script ran: it still gets search.
if (document.activeElement?.matches('[data-hb-search-input]')) startSearch();

document.addEventListener('keydown', (event) => {
  const searchOpen = document.querySelector('[data-hb-search-input][aria-expanded="true"]');
  if (event.key === 'Escape' && !searchOpen && window.parent !== window) {
    window.parent.postMessage('helpbook:close', '*');
  }
});
