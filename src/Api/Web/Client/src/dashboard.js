// The dashboard's live parts: charts of the figures the server rendered, and live updates. The page is complete
// without this module (cards and tables are server-rendered); it adds the charts and keeps the view current.
import { renderCharts } from './charts.js';
import { enhanceSortableTables } from './sortable-table.js';

const root = document.getElementById('dashboard');
if (root) {
  root.dataset.renderedAt = String(Date.now());
  renderCharts(root);
  startAgeTicker();
  followLive(root.dataset.live);
}

// "Updated N s ago", from the summary's own time corrected by the server's clock at render (no client clock skew).
function startAgeTicker() {
  const tick = () => {
    const view = document.getElementById('dashboard');
    const label = view?.querySelector('[data-updated]');
    if (!label) return;
    const skew = Number(view.dataset.serverNow) - Number(view.dataset.renderedAt);
    const seconds = Math.max(0, Math.round((Date.now() + skew - Number(view.dataset.asOf)) / 1000));
    const template = seconds < 120 ? label.dataset.seconds : label.dataset.minutes;
    label.textContent = template.replace('{0}', String(seconds < 120 ? seconds : Math.floor(seconds / 60)));
  };
  tick();
  setInterval(tick, 1000);
}

// One EventSource per view: each 'summary' event carries the node's new version (its id). The browser reconnects by
// itself with Last-Event-ID after a drop, and the server sends only what is newer. A newer version re-renders the
// view from the server (the same filters, the same rules), at most once per two seconds.
function followLive(url) {
  if (!url || !window.EventSource) return;
  const source = new EventSource(url);
  let pending = false;
  source.addEventListener('summary', (event) => {
    const version = Number(event.lastEventId);
    if (pending || !(version > Number(document.getElementById('dashboard').dataset.version))) return;
    pending = true;
    setTimeout(() => refresh().finally(() => { pending = false; }), 2000);
  });
}

async function refresh() {
  const response = await fetch(window.location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
  if (!response.ok) return;
  const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('dashboard');
  const current = document.getElementById('dashboard');
  if (!next || !current || Number(next.dataset.version) <= Number(current.dataset.version)) return;
  next.dataset.renderedAt = String(Date.now());
  current.replaceWith(next);
  enhanceSortableTables(next);
  renderCharts(next);
}
