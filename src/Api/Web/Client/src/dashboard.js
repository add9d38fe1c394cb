// The dashboard's live parts: charts of the figures the server rendered, and live updates. The page is complete
// without this module (cards and tables are server-rendered); it adds the charts and keeps the view current.
import { renderCharts, disposeCharts } from './charts.js';
import { enhanceSortableTables } from './sortable-table.js';

const root = document.getElementById('dashboard');
if (root) {
  root.dataset.renderedAt = String(Date.now());
  renderCharts(root);
  startAgeTicker();
  followLive(root.dataset.live);
}
// The daily trend sits outside the live section: drawn once, it changes when the day ends.
const trend = document.querySelector('[data-trend]');
if (trend) renderCharts(trend);

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

const shown = () => Number(document.getElementById('dashboard')?.dataset.version);

// One EventSource per view: each 'summary' event carries the node's new version (its id). The browser reconnects by
// itself with Last-Event-ID after a drop, and the server sends only what is newer. A newer version replaces the view
// with the server's section at that version, shared by every viewer of it (GET /nodes/{id}/view), at most once per
// two seconds; a version that arrives meanwhile is fetched by the next turn.
function followLive(url) {
  if (!url || !window.EventSource) return;
  const source = new EventSource(url);
  let wanted = 0;
  let pending = false;
  const schedule = () => {
    if (pending || !(wanted > shown())) return;
    pending = true;
    // After a failure (signed out, offline) the next event tries again, not a loop every two seconds.
    setTimeout(() => refresh(wanted).catch(() => false).then((replaced) => {
      pending = false;
      if (replaced) schedule();
    }), 2000);
  };
  source.addEventListener('summary', (event) => {
    wanted = Math.max(wanted, Number(event.lastEventId) || 0);
    schedule();
  });
}

// Replaces the view with the section at version ≥ v (the page's filters and language); whether it did. The server's
// clock comes in a header: the HTML is the same for every reader.
async function refresh(version) {
  const address = new URLSearchParams(window.location.search);
  const query = new URLSearchParams();
  for (const name of ['term', 'subjectId']) {
    if (address.get(name)) query.set(name, address.get(name));
  }
  query.set('lang', document.documentElement.lang);
  query.set('v', String(version));
  const response = await fetch(`${window.location.pathname.replace(/\/$/, '')}/view?${query}`, {
    headers: { Accept: 'text/html' }, credentials: 'same-origin', redirect: 'error',
  });
  const serverNow = response.headers.get('X-EduInfo-Server-Now');
  if (!response.ok || !serverNow) return false;
  const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('dashboard');
  const current = document.getElementById('dashboard');
  if (!next || !current || Number(next.dataset.version) <= Number(current.dataset.version)) return false;
  next.dataset.serverNow = serverNow;
  next.dataset.renderedAt = String(Date.now());
  disposeCharts(current);
  current.replaceWith(next);
  enhanceSortableTables(next);
  renderCharts(next);
  return true;
}
