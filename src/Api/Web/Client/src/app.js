// Progressive enhancements of server-rendered pages: every page works without this module.
import { enhanceSortableTables } from './sortable-table.js';
import { guardSignOut } from './signout-guard.js';
import { keepForumDrafts } from './forum-draft.js';

enhanceSortableTables(document);
// A teacher's sign-out warns while journal entries wait in this browser's offline queue.
guardSignOut(document);
// A refused forum post gives its text back.
keepForumDrafts(document);
// A printable page's print button: shown only where it works, with this module.
for (const button of document.querySelectorAll('button[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
