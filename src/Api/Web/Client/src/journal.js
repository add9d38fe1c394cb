// The teacher's journal (issue 17): the server renders the grid; this module makes it a keyboard grid (arrows move,
// digits type a score, Enter commits, Escape cancels; letters of the absence codes fill a roll-call, Enter saves it),
// takes a pasted column from a spreadsheet, asks a reason for a correction, and sends every entry through the offline
// queue, so an entry made without network waits in this browser and is sent with the same entry id when it returns.
import { OfflineQueue, newEntryId } from './offline-queue.js';

async function start(section) {
  const config = JSON.parse(section.querySelector('script[data-journal-texts]').textContent);
  const table = section.querySelector('table[data-grid]');
  const journal = new Journal(section, table, config);
  journal.queue = await OfflineQueue.open(section.dataset.account, {
    token: () => section.querySelector('input[name=__RequestVerificationToken]')?.value ?? '',
    language: section.dataset.lang,
    onChange: (status, changes) => journal.queueChanged(status, changes),
  });
  if (section.dataset.editable === 'true') journal.enhance();
  section.querySelector('[data-send-now]')?.addEventListener('click', () => journal.queue.flush());
  await journal.restore();
  journal.queue.flush();
}

class Journal {
  constructor(section, table, config) {
    this.section = section;
    this.table = table;
    this.texts = config.texts;
    this.config = config;
    this.codes = config.codes;
    this.head = table.tHead.rows[0];
    this.rows = Array.from(table.tBodies[0].rows);
    this.note = section.querySelector('[data-journal-note]');
    this.dialog = section.querySelector('dialog[data-correction]');
    this.added = 0;
  }

  // ----- the grid -----

  enhance() {
    this.table.setAttribute('role', 'grid');
    this.table.setAttribute('aria-describedby', 'journal-help');
    this.dataCells().forEach((td) => td.setAttribute('tabindex', '-1'));
    const first = this.rows[0]?.cells[1];
    if (first && !first.classList.contains('standing')) first.setAttribute('tabindex', '0');
    this.table.addEventListener('keydown', (e) => this.keydown(e));
    this.table.addEventListener('click', (e) => this.clicked(e));
    this.table.addEventListener('paste', (e) => this.pasted(e));
    this.table.addEventListener('focusin', (e) => e.target.matches?.('td') && this.rove(e.target));
    this.enhanceAddForm();
  }

  dataCells() {
    return this.rows.flatMap((tr) => Array.from(tr.cells).filter((c) => c.tagName === 'TD' && !c.classList.contains('standing')));
  }

  column(td) {
    const th = this.head.cells[td.cellIndex];
    return { th, kind: th.dataset.kind, date: th.dataset.date, period: th.dataset.period, max: th.dataset.max, lesson: th.dataset.lesson };
  }

  student(td) {
    return td.parentElement.dataset.student;
  }

  rove(td) {
    this.table.querySelectorAll('td[tabindex="0"]').forEach((c) => c !== td && c.setAttribute('tabindex', '-1'));
    td.setAttribute('tabindex', '0');
  }

  moveFrom(td, dRow, dCol) {
    const row = this.rows.indexOf(td.parentElement) + dRow;
    const col = td.cellIndex + dCol;
    const target = this.rows[row]?.cells[col];
    if (target && target.tagName === 'TD' && !target.classList.contains('standing')) {
      this.rove(target);
      target.focus();
    }
  }

  keydown(event) {
    const td = event.target.closest('td');
    if (!td || event.target.matches('input')) return;
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[event.key]) {
      event.preventDefault();
      this.moveFrom(td, ...moves[event.key]);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const rollCall = this.column(td).kind === 'rollcall';
    if (rollCall) {
      this.rollCallKey(event, td);
    } else if (/^\d$/.test(event.key)) {
      event.preventDefault();
      this.edit(td, event.key);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      this.edit(td, td.dataset.value ?? '');
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.erase(td);
    }
  }

  clicked(event) {
    const td = event.target.closest('td');
    if (!td || td.classList.contains('standing') || event.target.matches('input')) return;
    this.rove(td);
    // A tap on a phone opens the number keyboard: there is no other way to type into a cell there.
    if (this.column(td).kind !== 'rollcall' && !td.querySelector('input')) this.edit(td, td.dataset.value ?? '');
  }

  // ----- marks -----

  edit(td, initial) {
    if (this.isBusy(td)) return;
    const input = document.createElement('input');
    input.type = 'text';
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
    input.maxLength = 3;
    input.className = 'cell-editor';
    input.value = initial;
    input.setAttribute('aria-label', `${td.parentElement.cells[0].textContent.trim()}, ${this.columnLabel(this.column(td))}`);
    const shown = td.firstChild?.nodeType === Node.TEXT_NODE ? td.firstChild.textContent : '';
    td.firstChild?.nodeType === Node.TEXT_NODE ? (td.firstChild.textContent = '') : null;
    td.prepend(input);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    let done = false;
    const finish = (commit) => {
      if (done) return;
      done = true;
      const value = input.value.trim();
      input.remove();
      this.setText(td, shown);
      if (commit && value !== '' && value !== (td.dataset.value ?? '')) this.commitMark(td, Number(value));
    };
    input.addEventListener('input', () => (input.value = input.value.replace(/\D/g, '')));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        finish(true);
        td.focus();
        if (!this.dialog.open) this.moveFrom(td, 1, 0);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        finish(false);
        td.focus();
      } else if (e.key === 'Tab') {
        finish(!td.dataset.seq);
      }
    });
    // Leaving a new score keeps it; leaving a changed stored score drops the change (a correction needs its reason).
    input.addEventListener('blur', () => finish(!td.dataset.seq));
  }

  isBusy(td) {
    if (td.classList.contains('pending')) {
      this.say(this.texts.busyCell);
      return true;
    }
    return false;
  }

  async commitMark(td, score) {
    const col = this.column(td);
    await this.dropRefused(td);
    if (td.dataset.seq) {
      const reason = await this.askReason(this.texts.replace.replace('{0}', td.dataset.value).replace('{1}', String(score)));
      if (reason === null) return;
      const body = { entryId: newEntryId(), supersedes: Number(td.dataset.seq), action: 'replace', reason, score };
      if (col.max) body.maxScore = Number(col.max);
      await this.enqueue(td, 'correction', body, String(score));
      return;
    }
    const body = {
      entryId: newEntryId(), studentId: this.student(td), subjectId: this.section.dataset.subjectId, date: col.date, kind: col.kind, score,
    };
    if (col.max) body.maxScore = Number(col.max);
    if (this.section.dataset.groupId) body.groupId = this.section.dataset.groupId;
    await this.enqueue(td, 'marks', body, String(score));
  }

  async erase(td) {
    if (this.isBusy(td)) return;
    if (td.classList.contains('refused')) {
      await this.dropRefused(td);
      return;
    }
    if (!td.dataset.seq) return;
    const reason = await this.askReason(this.texts.void.replace('{0}', td.dataset.value));
    if (reason === null) return;
    await this.enqueue(td, 'correction', { entryId: newEntryId(), supersedes: Number(td.dataset.seq), action: 'void', reason }, '');
  }

  /** A cell's new entry: shown as waiting, kept in the queue, then sent. */
  async enqueue(target, op, body, shown, extra = {}) {
    target.dataset.entry = body.entryId;
    target.classList.add('pending');
    target.classList.remove('refused');
    if (target.tagName === 'TD') this.setText(target, shown);
    const record = { id: body.entryId, url: `${this.section.dataset.write}/${op === 'correction' ? 'corrections' : op}`, op, body, place: this.placeOf(target, shown), label: this.labelOf(target, shown), ...extra };
    await this.queue.add([record]);
  }

  placeOf(target, shown) {
    const col = this.column(target);
    return {
      page: this.section.dataset.page, kind: col.kind, date: col.date, period: col.period ?? null, max: col.max ?? null,
      student: target.tagName === 'TD' ? this.student(target) : null, shown,
    };
  }

  labelOf(target, shown) {
    const col = this.column(target);
    const who = target.tagName === 'TD' ? target.parentElement.cells[0].textContent.trim() : '';
    return [this.config.className, this.config.subjectName, who, `${col.date} ${this.columnLabel(col)}`].filter(Boolean).join(' · ') + (shown ? `: ${shown}` : '');
  }

  columnLabel(col) {
    const kind = this.config.kinds[col.kind] ?? col.kind;
    if (col.kind === 'rollcall') return `${kind}, ${this.config.period.replace('{0}', col.period)}`;
    return col.max ? `${kind} /${col.max}` : kind;
  }

  // ----- roll-calls -----

  rollCallKey(event, td) {
    const key = event.key.toLowerCase();
    const code = this.codes.find((c) => c.letter.toLowerCase() === key || c.code[0] === key);
    const th = this.column(td).th;
    if (th.classList.contains('pending')) {
      if (code || event.key === 'Enter') this.say(this.texts.busyCell);
      return;
    }
    if (code || event.key === ' ' || event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.setCode(td, code ?? null);
      th.classList.add('draft');
      this.say(this.texts.rollCallDraft);
      this.moveFrom(td, 1, 0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.saveRollCall(th);
    }
  }

  setCode(td, code) {
    td.dataset.code = code?.code ?? '';
    this.setText(td, code?.letter ?? '');
    td.title = code?.name ?? '';
  }

  cellsOf(th) {
    return this.rows.map((tr) => tr.cells[th.cellIndex]);
  }

  absenteesOf(th) {
    return this.cellsOf(th)
      .map((td) => ({ studentId: this.student(td), code: td.dataset.code ?? (td.dataset.seq ? td.dataset.value : '') }))
      .filter((a) => a.code);
  }

  async saveRollCall(th) {
    const col = { date: th.dataset.date, period: Number(th.dataset.period) };
    const absentees = this.absenteesOf(th);
    await this.dropRefused(th);
    if (th.dataset.lesson) {
      const reason = await this.askReason(this.texts.rollCallReplace);
      if (reason === null) return;
      th.classList.remove('draft');
      await this.enqueue(th, 'correction', { entryId: newEntryId(), supersedes: Number(th.dataset.lesson), action: 'replace', reason, absentees }, '', { absentees });
      return;
    }
    const body = { entryId: newEntryId(), subjectId: this.section.dataset.subjectId, date: col.date, period: col.period, absentees };
    if (this.section.dataset.groupId) body.groupId = this.section.dataset.groupId;
    th.classList.remove('draft');
    await this.enqueue(th, 'lessons', body, '', { absentees });
  }

  // ----- pasting a column from a spreadsheet -----

  pasted(event) {
    const td = event.target.closest('td');
    const text = event.clipboardData?.getData('text/plain');
    if (!td || !text || this.column(td).kind === 'rollcall') return;
    event.preventDefault();
    event.target.matches('input') && event.target.blur();
    const lines = text.replace(/\r/g, '').split('\n');
    while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
    const start = this.rows.indexOf(td.parentElement);
    const records = [];
    let skipped = 0;
    lines.forEach((line, r) => line.split('\t').forEach((raw, c) => {
      const cell = this.rows[start + r]?.cells[td.cellIndex + c];
      const value = raw.trim();
      if (!cell || cell.tagName !== 'TD' || cell.classList.contains('standing') || this.column(cell).kind === 'rollcall' || !/^\d{1,3}$/.test(value)) return;
      if (cell.dataset.seq || cell.classList.contains('pending')) {
        skipped += 1;
        return;
      }
      records.push(this.markRecord(cell, Number(value)));
    }));
    if (skipped) this.say(this.texts.pasteSkipped.replace('{0}', String(skipped)));
    if (records.length) this.queue.add(records);
  }

  markRecord(td, score) {
    const col = this.column(td);
    const body = { entryId: newEntryId(), studentId: this.student(td), subjectId: this.section.dataset.subjectId, date: col.date, kind: col.kind, score };
    if (col.max) body.maxScore = Number(col.max);
    if (this.section.dataset.groupId) body.groupId = this.section.dataset.groupId;
    td.dataset.entry = body.entryId;
    td.classList.add('pending');
    td.classList.remove('refused');
    this.setText(td, String(score));
    return { id: body.entryId, url: `${this.section.dataset.write}/marks`, op: 'marks', body, place: this.placeOf(td, String(score)), label: this.labelOf(td, String(score)) };
  }

  // ----- new columns -----

  enhanceAddForm() {
    const form = this.section.querySelector('form[data-add-column]');
    if (!form) return;
    form.hidden = false;
    const kind = form.elements.kind;
    const shown = () => form.querySelectorAll('[data-for]').forEach((f) => {
      f.hidden = !f.dataset.for.split(' ').includes(kind.value);
    });
    kind.addEventListener('change', shown);
    shown();
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const desc = { kind: kind.value, date: form.elements.date.value, period: null, max: null };
      if (desc.kind === 'rollcall') desc.period = form.elements.period.value;
      if (desc.kind === 'section' || desc.kind === 'term') desc.max = form.elements.max.value;
      const th = this.addColumn(desc);
      const first = this.rows[0]?.cells[th.cellIndex];
      if (first) {
        this.rove(first);
        first.focus();
      }
    });
  }

  /** A column of the descriptor, placed among the others by day (before the term mark). */
  addColumn(desc) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.dataset.col = `new${(this.added += 1)}`;
    th.dataset.kind = desc.kind;
    th.dataset.date = desc.date;
    if (desc.period) th.dataset.period = String(desc.period);
    if (desc.max) th.dataset.max = String(desc.max);
    const [, month, day] = desc.date.split('-');
    th.innerHTML = '<span class="col-date"></span><span class="col-kind"></span>';
    th.firstChild.textContent = `${day}.${month}`;
    th.lastChild.textContent = this.columnLabel(desc);
    const cells = Array.from(this.head.cells);
    const before = cells.find((c, i) => i > 0 && (c.classList.contains('standing') || (c.dataset.date ?? '') > desc.date));
    this.head.insertBefore(th, before ?? null);
    for (const tr of this.rows) {
      const td = document.createElement('td');
      td.tabIndex = -1;
      tr.insertBefore(td, tr.cells[th.cellIndex] ?? null);
    }
    this.section.querySelector('[data-grid-empty]')?.remove();
    return th;
  }

  // ----- corrections -----

  askReason(what) {
    const dialog = this.dialog;
    const input = dialog.querySelector('input[name=reason]');
    dialog.querySelector('[data-correction-what]').textContent = what;
    input.value = '';
    dialog.returnValue = '';
    const back = document.activeElement;
    dialog.showModal();
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        back?.focus?.();
        resolve(dialog.returnValue === 'save' && input.value.trim() ? input.value.trim() : null);
      }, { once: true });
    });
  }

  // ----- the queue on the page -----

  /** Entries kept from before (a reload, another sign-in of the same account): shown where they belong. */
  async restore() {
    for (const record of await this.queue.all()) {
      if (record.place?.page !== this.section.dataset.page) continue;
      const target = this.placeRecord(record);
      if (!target) continue;
      target.dataset.entry = record.id;
      target.classList.add(record.state === 'refused' ? 'refused' : 'pending');
      if (record.state === 'refused') this.showRefusal(target, record);
    }
    await this.renderQueue();
  }

  placeRecord(record) {
    const p = record.place;
    if (record.op === 'correction') {
      const seq = String(record.body.supersedes);
      const target = p.student
        ? this.dataCells().find((td) => td.dataset.seq === seq)
        : Array.from(this.head.cells).find((th) => th.dataset.lesson === seq);
      if (target?.tagName === 'TD') this.setText(target, p.shown);
      return target;
    }
    const same = (th) => th.dataset.kind === p.kind && th.dataset.date === p.date && (th.dataset.period ?? null) === (p.period ?? null)
      && (th.dataset.max ?? null) === (p.max ?? null);
    if (record.op === 'lessons') {
      const th = Array.from(this.head.cells).find((c) => same(c) && !c.dataset.lesson) ?? this.addColumn(p);
      for (const td of this.cellsOf(th)) {
        const absent = record.absentees?.find((a) => a.studentId === this.student(td));
        this.setCode(td, absent ? this.codes.find((c) => c.code === absent.code) : null);
      }
      return th;
    }
    const row = this.rows.find((tr) => tr.dataset.student === p.student);
    if (!row) return null;
    const free = Array.from(this.head.cells).find((th) => same(th) && !row.cells[th.cellIndex].dataset.seq && !row.cells[th.cellIndex].dataset.entry);
    const td = row.cells[(free ?? this.addColumn(p)).cellIndex];
    this.setText(td, p.shown);
    return td;
  }

  queueChanged(status, changes) {
    for (const { record, accepted, sequence } of changes) {
      const target = this.section.querySelector(`[data-entry="${record.id}"]`);
      if (!target) continue;
      if (accepted) this.accepted(target, record, sequence);
      else {
        target.classList.remove('pending');
        target.classList.add('refused');
        this.showRefusal(target, record);
      }
    }
    this.renderQueue();
  }

  accepted(target, record, sequence) {
    delete target.dataset.entry;
    target.classList.remove('pending', 'refused');
    const seq = sequence === undefined ? '' : String(sequence);
    if (target.tagName === 'TH') {
      target.dataset.lesson = seq;
      for (const td of this.cellsOf(target)) {
        const code = td.dataset.code ?? (td.dataset.seq ? td.dataset.value : '');
        delete td.dataset.code;
        if (code) Object.assign(td.dataset, { seq, value: code });
        else ['seq', 'value'].forEach((k) => delete td.dataset[k]);
      }
      return;
    }
    if (record.op === 'correction' && record.body.action === 'void') {
      ['seq', 'value'].forEach((k) => delete target.dataset[k]);
      this.setText(target, '');
      return;
    }
    target.dataset.seq = seq;
    target.dataset.value = String(record.body.score);
  }

  /** The server's refusal next to its cell (title and detail, in the page's language), and in the list below. */
  showRefusal(target, record) {
    target.querySelector('.cell-error')?.remove();
    const error = document.createElement('span');
    error.className = 'cell-error';
    error.id = `error-${record.id}`;
    error.textContent = [record.problem?.title, record.problem?.detail].filter(Boolean).join(': ');
    target.append(error);
    target.setAttribute('aria-describedby', error.id);
  }

  async dropRefused(target) {
    const id = target.dataset.entry;
    if (!id || !target.classList.contains('refused')) return;
    await this.queue.remove([id]);
    this.clearRefusal(target);
  }

  clearRefusal(target) {
    target.querySelector('.cell-error')?.remove();
    target.removeAttribute('aria-describedby');
    target.classList.remove('refused');
    delete target.dataset.entry;
    if (target.tagName === 'TD') this.setText(target, target.dataset.value ? this.shownValue(target) : '');
  }

  shownValue(td) {
    const code = this.codes.find((c) => c.code === td.dataset.value);
    return code ? code.letter : td.dataset.value;
  }

  async renderQueue() {
    const box = this.section.querySelector('[data-queue]');
    const records = await this.queue.all();
    const waiting = records.filter((r) => r.state === 'pending').length;
    const refused = records.filter((r) => r.state === 'refused');
    const status = box.querySelector('[data-queue-status]');
    const state = this.queue.status;
    status.dataset.waiting = String(waiting);
    status.dataset.state = state;
    const parts = waiting > 0 ? [this.texts.waiting.replace('{0}', String(waiting))]
      : refused.length > 0 ? [this.texts.refused.replace('{0}', String(refused.length))] : [this.texts.saved];
    if (waiting > 0 && state === 'offline') parts.push(this.texts.offline);
    if (waiting > 0 && state === 'paused') parts.push(this.texts.paused);
    if (waiting > 0 && state === 'sending') parts.push(this.texts.sending);
    status.textContent = parts.join(' ');
    box.querySelector('[data-send-now]').hidden = waiting === 0;
    const list = box.querySelector('ul.refused');
    list.replaceChildren(...refused.map((r) => this.refusedItem(r)));
    box.querySelector('[data-refused]').hidden = refused.length === 0;
    box.hidden = records.length === 0 && !this.shownOnce;
    this.shownOnce ||= records.length > 0;
  }

  refusedItem(record) {
    const li = document.createElement('li');
    li.dataset.entry = record.id;
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = record.label;
    const why = document.createElement('span');
    why.className = 'why';
    why.textContent = [record.problem?.title, record.problem?.detail].filter(Boolean).join(': ');
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'secondary';
    dismiss.textContent = this.texts.dismiss;
    dismiss.addEventListener('click', async () => {
      await this.queue.remove([record.id]);
      const target = this.table.querySelector(`[data-entry="${record.id}"]`);
      if (target) this.clearRefusal(target);
      if (target?.tagName === 'TH') this.cellsOf(target).forEach((td) => this.setCode(td, this.codes.find((c) => c.code === td.dataset.value) ?? null));
    });
    li.append(what, why, dismiss);
    return li;
  }

  setText(td, text) {
    const node = Array.from(td.childNodes).find((n) => n.nodeType === Node.TEXT_NODE);
    if (node) node.textContent = text;
    else td.prepend(document.createTextNode(text));
  }

  say(text) {
    if (this.note) this.note.textContent = text;
  }
}

// Last: the class above is defined only once its declaration has run.
const root = document.getElementById('journal');
if (root?.dataset.account) start(root);
