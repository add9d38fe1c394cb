// Signing out with journal entries still on this computer (the offline queue) warns once: the first press shows how
// many wait and what becomes of them, the second signs out. The entries stay for the same account's next sign-in.
import { countQueued } from './offline-queue.js';

export function guardSignOut(doc) {
  const form = doc.querySelector('form[data-queue-account]');
  if (!form) return;
  let warned = false;
  form.addEventListener('submit', async (event) => {
    if (warned) return;
    event.preventDefault();
    const count = await countQueued(form.dataset.queueAccount).catch(() => 0);
    if (count === 0) {
      form.submit(); // no submit event: not guarded twice
      return;
    }
    warned = true;
    const warning = doc.createElement('p');
    warning.className = 'notice bad signout-warning';
    warning.setAttribute('role', 'alert');
    warning.dataset.signoutWarning = String(count);
    warning.textContent = form.dataset.queueWarning.replace('{0}', String(count));
    doc.querySelector('main')?.prepend(warning);
  });
}
