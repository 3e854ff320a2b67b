// Added to every page by `helpbook serve` (never by `helpbook build`): reloads the page after
// each rebuild and shows build errors over the page until the next good build.
const OVERLAY_ID = 'helpbook-build-error';

function showError(message) {
  let overlay = document.getElementById(OVERLAY_ID);
  if (!overlay) {
    overlay = document.createElement('pre');
    overlay.id = OVERLAY_ID;
    overlay.setAttribute('role', 'alert');
    Object.assign(overlay.style, {
      position: 'fixed', inset: '0', margin: '0', padding: '1.5rem', zIndex: '2147483647',
      overflow: 'auto', background: 'rgba(20, 20, 24, 0.96)', color: '#ffd7d7',
      font: '14px/1.5 ui-monospace, monospace', whiteSpace: 'pre-wrap', direction: 'ltr', textAlign: 'left',
    });
    document.body.append(overlay);
  }
  overlay.textContent = `helpbook: the last build failed; the page shows the previous build.\n\n${message}`;
}

const events = new EventSource('/__helpbook/events');
events.addEventListener('reload', () => window.location.reload());
events.addEventListener('build-error', (event) => showError(event.data));
