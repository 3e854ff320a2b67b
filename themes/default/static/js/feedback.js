// "Was this article helpful?": sends the vote where book.toml says (an endpoint, an analytics
// tool already on the page, or nowhere) and, after "No", offers the contact channels.

/** Sends one vote; returns the places it went, for tests and debugging. */
export function sendVote(vote, settings) {
  const sent = [];
  if (settings.endpoint && navigator.sendBeacon) {
    // text/plain keeps the request "simple", so a cross-origin endpoint needs no preflight;
    // the body is JSON all the same.
    const body = new Blob([JSON.stringify(vote)], { type: 'text/plain;charset=UTF-8' });
    if (navigator.sendBeacon(settings.endpoint, body)) sent.push('endpoint');
  }
  if (settings.analytics === 'plausible' && typeof window.plausible === 'function') {
    window.plausible('Article feedback', { props: vote });
    sent.push('plausible');
  } else if (settings.analytics === 'umami' && window.umami && typeof window.umami.track === 'function') {
    window.umami.track('article-feedback', vote);
    sent.push('umami');
  } else if (settings.analytics === 'ga4' && typeof window.gtag === 'function') {
    window.gtag('event', 'article_feedback', vote);
    sent.push('ga4');
  }
  return sent;
}

/** Records the vote of `button` in `box` once, and shows what follows it. */
export function recordVote(box, button) {
  if (box.dataset.hbVoted) return;
  box.dataset.hbVoted = button.dataset.hbVote;
  for (const other of box.querySelectorAll('button[data-hb-vote]')) {
    other.disabled = true;
    other.setAttribute('aria-pressed', String(other === button));
  }
  sendVote(
    { article: box.dataset.hbArticle, lang: box.dataset.hbLang, vote: button.dataset.hbVote },
    { endpoint: box.dataset.hbEndpoint, analytics: box.dataset.hbAnalytics },
  );
  const thanks = box.querySelector('[data-hb-feedback-thanks]');
  if (thanks) thanks.hidden = false;
  const followUp = box.querySelector('[data-hb-feedback-no]');
  if (followUp && button.dataset.hbVote === 'no') {
    followUp.hidden = false;
    followUp.querySelector('a, button')?.focus();
  }
}
