// The search results page (/<lang>/search/?q=…): the box's results as a full list, with the
// same no-results handover. Only that page loads this module.
import { element, enhanceSearch, fill, noResults, resultItem } from './search-ui.js';
import { searchDetailed } from './search.js';

const PAGE_LIMIT = 30;

async function renderResults(container, text) {
  const lang = document.documentElement.dataset.lang || 'en';
  const query = new URLSearchParams(window.location.search).get('q') || '';
  for (const input of document.querySelectorAll('[data-hb-search-input]')) input.value = query;
  if (!query.trim()) return;
  const answer = await searchDetailed(query, { lang, limit: PAGE_LIMIT });
  const heading = element('p', { class: 'results-count' },
    fill(answer.results.length ? text.search_results_count : text.search_no_results, { count: answer.results.length, query }));
  const list = element('ol', { class: 'results' },
    ...answer.results.map((result) => element('li', {}, resultItem(result, lang, answer.terms, {}))));
  const action = document.querySelector('[data-hb-search]')?.action || window.location.pathname;
  const parts = [heading];
  if (answer.results.length) parts.push(list);
  else parts.push(await noResults(query, lang, answer.didYouMean, text, action));
  container.replaceChildren(...parts);
  document.title = `${query} · ${document.title}`;
}

/** Enhances the page's search boxes and lists the results for the page's `q`. */
export async function renderSearchPage(root = document) {
  const text = await enhanceSearch(root);
  const container = root.querySelector('[data-hb-search-page]');
  // Without an index there is nothing to list; the page's own text stays.
  if (container) await renderResults(container, text).catch(() => {});
}
