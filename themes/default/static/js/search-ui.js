// The search box as an ARIA combobox with instant results, and the no-results handover to a
// person; search-page.js fills the results page with the same pieces. All text is set with
// textContent: index data never becomes markup. The words come from the build (the page's
// hb-strings and the index root), which has every key: English fills any language's gaps.
import { analyze } from './analyze.js';
import { loadIndex, popularArticles, searchDetailed } from './search.js';

const DEBOUNCE_MS = 120;
const INSTANT_LIMIT = 6;
let counter = 0;

function strings() {
  try {
    return JSON.parse(document.getElementById('hb-strings')?.textContent || '{}');
  } catch {
    return {};
  }
}

export const fill = (template = '', values) =>
  Object.entries(values).reduce((text, [key, value]) => text.split(`{${key}}`).join(value), template);

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** `text` with the words whose terms matched wrapped in <mark>. */
export function highlighted(text, lang, terms) {
  const fragment = document.createDocumentFragment();
  for (const piece of text.split(/([\p{L}\p{M}\p{N}'’]+)/u)) {
    if (!piece) continue;
    const isMatch = analyze(piece, lang).some((t) => terms.has(t.term));
    fragment.append(isMatch ? element('mark', {}, piece) : piece);
  }
  return fragment;
}

export function resultItem(result, lang, terms, attributes) {
  const link = element('a', { href: result.url, ...attributes });
  link.append(
    element('span', { class: 'result-title' }, highlighted(result.title, lang, terms)),
    element('span', { class: 'result-category' }, result.category),
    element('span', { class: 'result-excerpt' }, highlighted(result.excerpt || '', lang, terms)),
  );
  return link;
}

/** Contact links that can carry a message get the customer's query. */
function prefillChannels(container, query, text) {
  const message = fill(text.search_contact_prefill, { query });
  for (const link of container.querySelectorAll('a[data-hb-channel]')) {
    const url = new URL(link.href, window.location.href);
    const kind = link.dataset.hbChannel;
    if (kind === 'email') {
      link.href = `${url.protocol}${url.pathname}?subject=${encodeURIComponent(message)}&body=${encodeURIComponent(message)}`;
    } else if (kind === 'whatsapp' || kind === 'messenger') {
      url.search = `?text=${encodeURIComponent(message)}`;
      link.href = url.href;
    } else if (kind === 'sms') {
      link.href = `${url.protocol}${url.pathname}?body=${encodeURIComponent(message)}`;
    }
  }
}

/** What a customer sees when nothing matched: kind words, a correction, popular articles, people. */
export async function noResults(query, lang, didYouMean, text, searchUrl) {
  const box = element('div', { class: 'no-results' });
  box.append(element('p', { class: 'no-results-title' }, fill(text.search_no_results, { query })));
  if (didYouMean) {
    const link = element('a', { href: `${searchUrl}?q=${encodeURIComponent(didYouMean)}`, 'data-hb-did-you-mean': '' }, didYouMean);
    const [before, after] = (text.search_did_you_mean || '').split('{suggestion}');
    box.append(element('p', {}, before ?? '', link, after ?? ''));
  }
  const popular = await popularArticles(lang).catch(() => []);
  if (popular.length) {
    box.append(element('p', { class: 'no-results-popular' }, text.search_popular));
    box.append(element('ul', {}, ...popular.map((doc) => element('li', {}, element('a', { href: doc.url }, doc.title)))));
  }
  const channels = document.querySelector('[data-hb-contact-channels]');
  box.append(element('p', {}, text.search_no_results_help));
  if (channels) {
    const copy = channels.cloneNode(true);
    copy.removeAttribute('data-hb-contact-channels');
    copy.setAttribute('data-hb-handover', '');
    prefillChannels(copy, query, text);
    box.append(copy);
  } else {
    const root = document.documentElement.dataset;
    const contactUrl = root.contactUrl || `${root.basePath || '/'}${lang}/contact/`;
    box.append(element('a', { href: contactUrl, class: 'button', 'data-hb-handover': '' }, text.contact_us));
  }
  return box;
}

function enhanceForm(form, text) {
  const input = form.querySelector('[data-hb-search-input]');
  const panel = form.querySelector('[data-hb-search-results]');
  if (!input || !panel) return;
  const lang = document.documentElement.dataset.lang || 'en';
  counter += 1;
  panel.id ||= `hb-results-${counter}`;
  const listbox = element('div', { role: 'listbox', id: `${panel.id}-list` });
  const status = element('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  form.append(status);
  Object.entries({ role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listbox.id })
    .forEach(([k, v]) => input.setAttribute(k, v));
  let active = -1;
  let timer = null;
  let latest = 0;

  const options = () => [...listbox.querySelectorAll('[role="option"]')];
  const close = () => {
    panel.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const activate = (index) => {
    const all = options();
    if (!all.length) return;
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    input.setAttribute('aria-activedescendant', all[active].id);
    all[active].scrollIntoView({ block: 'nearest' });
  };

  async function update() {
    const query = input.value;
    const ticket = ++latest;
    if (!query.trim()) {
      close();
      return;
    }
    // Instant results show the description: fetching text for excerpts would double what a
    // first query downloads.
    const answer = await searchDetailed(query, { lang, limit: INSTANT_LIMIT, withExcerpts: false }).catch(() => null);
    if (ticket !== latest || !answer) return;
    listbox.replaceChildren(...answer.results.map((result, i) =>
      resultItem(result, lang, answer.terms, { role: 'option', id: `${listbox.id}-${i}`, 'aria-selected': 'false', tabindex: '-1' })));
    listbox.setAttribute('aria-label', text.search_results_label);
    panel.replaceChildren(listbox);
    if (answer.results.length) {
      const all = element('a', { class: 'see-all', href: `${form.action}?q=${encodeURIComponent(query)}` }, text.search_see_all);
      panel.append(all);
      status.textContent = fill(text.search_results_count, { count: answer.results.length, query });
    } else {
      panel.append(await noResults(query, lang, answer.didYouMean, text, form.action));
      status.textContent = fill(text.search_no_results, { query });
    }
    active = -1;
    input.removeAttribute('aria-activedescendant');
    panel.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  input.addEventListener('focus', () => loadIndex(lang).catch(() => {}), { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (panel.hidden) update().then(() => activate(0));
      else activate(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      activate(active - 1);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      window.location.assign(options()[active].href);
    } else if (event.key === 'Escape') {
      if (panel.hidden) input.value = '';
      close();
    }
  });
  document.addEventListener('click', (event) => {
    if (!form.contains(event.target)) close();
  });
}

/** Adds the search stylesheet once; a link, because a strict CSP forbids inline styles. */
function loadStylesheet() {
  if (document.querySelector('link[data-hb-search-css]')) return;
  const base = document.documentElement.dataset.basePath || '/';
  document.head.append(element('link', { rel: 'stylesheet', href: `${base}assets/search.css`, 'data-hb-search-css': '' }));
}

/**
 * Turns every search form on the page into a combobox. Resolves to the interface strings,
 * search's own included, once the index root has brought them.
 */
export function enhanceSearch(root = document) {
  loadStylesheet();
  const text = strings();
  // Search's own strings come with the index root, which every search loads first.
  const lang = document.documentElement.dataset.lang || 'en';
  const ready = loadIndex(lang).then((index) => Object.assign(text, index.strings || {}), () => text);
  root.querySelectorAll('form[data-hb-search]').forEach((form) => enhanceForm(form, text));
  // Whatever was typed while this code loaded gets its results now.
  const focused = document.activeElement;
  if (focused?.matches('[data-hb-search-input][role="combobox"]') && focused.value) {
    focused.dispatchEvent(new Event('input'));
  }
  return ready;
}
