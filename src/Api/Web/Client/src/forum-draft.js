// A question, reply or material being typed is kept in this tab (sessionStorage) until it is taken: a refused post
// sends its writer back to the page with the reason, and the page gives the text back instead of an empty box (a form
// marked data-draft-overwrite, an edit prefilled from the record, gets the typed text back over it). The draft goes
// once the post is taken (the form's data-draft-done notice) and with the tab.
const PREFIX = 'eduinfo-forum-draft:';

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null');
  } catch {
    return null; // storage off, or not ours: no draft
  }
}

function write(key, value) {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or off: the form still works, without a kept draft.
  }
}

export function keepForumDrafts(doc, search = location.search) {
  const notice = new URLSearchParams(search).get('notice');
  // A question taken lands on its new thread, where the form it was typed in is not: its drafts go here.
  // So does a new material, which lands on its own page.
  const landed = notice === 'asked' ? 'ask:' : notice === 'created' ? 'material:new' : null;
  if (landed) {
    try {
      Object.keys(sessionStorage).filter((k) => k.startsWith(PREFIX + landed)).forEach((k) => sessionStorage.removeItem(k));
    } catch {
      // Storage off: nothing was kept.
    }
  }
  for (const form of doc.querySelectorAll('form[data-draft]')) {
    const key = PREFIX + form.dataset.draft;
    const fields = [...form.querySelectorAll('textarea[name], input[name]:not([type=hidden]):not([type=submit]):not([type=file]), select[name]')];
    const overwrite = form.dataset.draftOverwrite !== undefined;
    if (notice === form.dataset.draftDone) {
      write(key, null);
    } else if (notice === 'refused') {
      const saved = read(key);
      for (const field of fields) {
        if (saved && typeof saved[field.name] === 'string' && (field.value === '' || overwrite)) field.value = saved[field.name];
      }
    }
    const save = () => write(key, Object.fromEntries(fields.map((f) => [f.name, f.value])));
    form.addEventListener('input', save);
    form.addEventListener('submit', save);
  }
}
