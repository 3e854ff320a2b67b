// Inside the widget's panel: Escape closes the panel on the shop's page.
export function enhanceWidgetPage() {
  document.addEventListener('keydown', (event) => {
    const searchOpen = document.querySelector('[data-hb-search-input][aria-expanded="true"]');
    if (event.key === 'Escape' && !searchOpen && window.parent !== window) {
      window.parent.postMessage('helpbook:close', '*');
    }
  });
}
