// Announcement banners: shown between their dates by the visitor's own calendar (the page may
// have been built days earlier), and gone for good once the visitor dismisses them.
const DISMISSED = 'helpbook:dismissed:';

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function wasDismissed(id) {
  try {
    return window.localStorage.getItem(DISMISSED + id) === '1';
  } catch {
    return false;
  }
}

function rememberDismissal(id) {
  try {
    window.localStorage.setItem(DISMISSED + id, '1');
  } catch {
    // Private modes may refuse storage; the banner then only goes away for this page view.
  }
}

export function enhanceAnnouncements(root = document) {
  const date = today();
  for (const banner of root.querySelectorAll('[data-hb-announcement]')) {
    const { hbId: id, hbStarts: starts, hbEnds: ends } = banner.dataset;
    const inRange = (!starts || starts <= date) && (!ends || date <= ends);
    banner.hidden = !inRange || wasDismissed(id);
    const dismiss = banner.querySelector('[data-hb-dismiss]');
    if (!dismiss) continue;
    dismiss.hidden = false;
    dismiss.addEventListener('click', () => {
      rememberDismissal(id);
      banner.hidden = true;
    });
  }
}
