// The site's root lists its languages; this sends a visitor on to the one their browser
// prefers. Without JavaScript the list stays, which is a fine page too.
const links = [...document.querySelectorAll('[data-hb-languages] a[hreflang]')];
const available = links.map((a) => a.hreflang.toLowerCase());

export function preferredLanguage(preferences, languages) {
  for (const wanted of preferences.map((p) => p.toLowerCase())) {
    if (languages.includes(wanted)) return wanted;
    const primary = wanted.split('-')[0];
    const match = languages.find((l) => l === primary || l.split('-')[0] === primary);
    if (match) return match;
  }
  return null;
}

const choice = preferredLanguage(navigator.languages || [navigator.language || ''], available);
const target = links[available.indexOf(choice ?? available[0])];
if (target) window.location.replace(target.href);
