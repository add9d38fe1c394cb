// The diary's live part: the page is complete without it (server-rendered); this keeps it current. Each 'diary' event
// of the student's stream carries the new watermark as its id; a newer one re-renders the diary from the server (the
// same term, the same rules, the same audit) without a reload, at most once a second. The browser resumes a dropped
// stream with Last-Event-ID, and the server sends only what is newer.
const root = document.getElementById('diary');
if (root && root.dataset.live && window.EventSource) {
  const source = new EventSource(root.dataset.live);
  let pending = false;
  source.addEventListener('diary', (event) => {
    if (pending || !(Number(event.lastEventId) > Number(document.getElementById('diary')?.dataset.watermark))) return;
    pending = true;
    setTimeout(() => refresh().finally(() => { pending = false; }), 1000);
  });
}

async function refresh() {
  const response = await fetch(window.location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
  if (!response.ok) return;
  const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('diary');
  const current = document.getElementById('diary');
  if (!next || !current || Number(next.dataset.watermark) <= Number(current.dataset.watermark)) return;
  // Keep the reader where they were: the place of the element holding focus, and the scroll position.
  const focused = document.activeElement?.id;
  current.replaceWith(next);
  if (focused) document.getElementById(focused)?.focus({ preventScroll: true });
  const status = next.querySelector('[data-updated-text]');
  if (status) status.textContent = status.dataset.updatedText;
}
