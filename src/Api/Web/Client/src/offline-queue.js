// The journal's offline queue (issue 17): every entry is written to IndexedDB before it is sent, and leaves it only when
// the server has stored it (or the teacher dismisses a refusal). Each account has a database of its own, named by a hash
// of its id, so another login on a shared school computer neither sees nor sends nor clears it. Entries are resent with
// their own entry ids: the journal stores an entry id once, so a resend after a lost answer is a duplicate, never a double.

const STORE = 'entries';
const MAX_BATCH = 100;
const MAX_DELAY_MS = 10_000;

/** The database of one account: a hash of its id (the names are listed to anyone using the browser). */
export async function queueName(account) {
  const bytes = new TextEncoder().encode(`eduinfo-journal:${account}`);
  if (!globalThis.crypto?.subtle) return `eduinfo-journal-${encodeURIComponent(account)}`;
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `eduinfo-journal-${Array.from(hash.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function openDatabase(name) {
  const opening = indexedDB.open(name, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: 'id' });
  return request(opening);
}

/** How many entries of the account are not in the journal (waiting or refused), without creating its database. */
export async function countQueued(account) {
  if (!account || !globalThis.indexedDB) return 0;
  const name = await queueName(account);
  if (indexedDB.databases && !(await indexedDB.databases()).some((d) => d.name === name)) return 0;
  const db = await openDatabase(name);
  try {
    return await request(db.transaction(STORE).objectStore(STORE).count());
  } finally {
    db.close();
  }
}

/** A UUID for an entry id (randomUUID needs a secure context; getRandomValues does not). */
export function newEntryId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One account's queue and its sender. A record: { id (the entry id), url, op ('marks' | 'lessons' | 'correction'), body,
 * place (where the page shows it), label, state ('pending' | 'refused'), problem, created }.
 */
export class OfflineQueue {
  static async open(account, { token, language, onChange }) {
    return new OfflineQueue(await openDatabase(await queueName(account)), token, language, onChange);
  }

  constructor(db, token, language, onChange) {
    this.db = db;
    this.token = token;
    this.language = language;
    this.onChange = onChange;
    this.failures = 0;
    this.status = 'idle';
    this.timer = 0;
    window.addEventListener('online', () => this.flush());
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && this.flush());
  }

  async all() {
    const records = await request(this.db.transaction(STORE).objectStore(STORE).getAll());
    return records.sort((a, b) => a.created - b.created);
  }

  async write(change) {
    const tx = this.db.transaction(STORE, 'readwrite');
    change(tx.objectStore(STORE));
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  /** Keeps the records first, then tries to send them. */
  async add(records) {
    await this.write((store) => records.forEach((r) => store.put({ state: 'pending', created: Date.now(), ...r })));
    this.notify([]);
    this.flush();
  }

  async remove(ids) {
    await this.write((store) => ids.forEach((id) => store.delete(id)));
    this.notify([]);
  }

  notify(changes) {
    this.onChange?.(this.status, changes);
  }

  setStatus(status, changes = []) {
    this.status = status;
    this.notify(changes);
  }

  /** Sends what waits, one batch per target; a second call while sending runs again after it. */
  async flush() {
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.sendWaiting();
      } while (this.again);
    } finally {
      this.running = false;
    }
  }

  async sendWaiting() {
    clearTimeout(this.timer);
    const pending = (await this.all()).filter((r) => r.state === 'pending');
    if (pending.length === 0) {
      this.failures = 0;
      this.setStatus('idle');
      return;
    }
    this.setStatus('sending');
    for (const batch of batches(pending)) {
      const outcome = await this.send(batch);
      if (outcome === 'retry' || outcome === 'paused') {
        this.failures += 1;
        const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (this.failures - 1));
        this.retryAt = Date.now() + delay;
        this.timer = setTimeout(() => this.flush(), delay);
        this.setStatus(outcome === 'paused' ? 'paused' : 'offline');
        return;
      }
    }
    this.failures = 0;
    this.again = true; // refusals split a batch: what is left is sent at once
  }

  async send(batch) {
    const body = batch[0].op === 'correction' ? batch[0].body : { entries: batch.map((r) => r.body) };
    let response;
    try {
      response = await fetch(batch[0].url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Accept-Language': this.language,
          'X-EduInfo-Antiforgery': this.token(),
        },
        body: JSON.stringify(body),
      });
    } catch {
      return 'retry'; // no network: nothing was stored, or it was and the resend is a duplicate
    }
    if (response.ok) {
      const ack = await response.json().catch(() => ({ entries: [] }));
      const sequences = new Map((ack.entries ?? []).map((e) => [e.entryId, e.sequence]));
      await this.remove(batch.map((r) => r.id));
      this.notify(batch.map((r) => ({ record: r, accepted: true, sequence: sequences.get(r.id) })));
      return 'sent';
    }
    const problem = await response.json().catch(() => ({}));
    // An ended session or a stale page's token: kept, sent once the teacher has signed in again.
    if (response.status === 401 || (response.status === 403 && String(problem.type ?? '').endsWith('/antiforgery'))) return 'paused';
    if (response.status === 408 || response.status === 429 || response.status >= 500) return 'retry';
    await this.refuse(batch, problem);
    return 'refused';
  }

  /** The entries the problem names are refused with their messages; when it names none, the whole batch is. */
  async refuse(batch, problem) {
    const named = new Map();
    for (const error of problem.errors ?? []) {
      const at = /^entries\[(\d+)\]/.exec(error.field ?? '');
      if (at && batch.length > 1) named.set(Number(at[1]), [...(named.get(Number(at[1])) ?? []), error.message]);
    }
    const refused = named.size === 0 ? batch.map((r) => [r, (problem.errors ?? []).map((e) => e.message)]) : [...named].map(([i, m]) => [batch[i], m]);
    const changes = refused.filter(([r]) => r).map(([r, messages]) => ({
      record: { ...r, state: 'refused', problem: { title: problem.title ?? '', detail: messages.filter(Boolean).join(' ') || problem.detail || '' } },
      accepted: false,
    }));
    await this.write((store) => changes.forEach((c) => store.put(c.record)));
    this.notify(changes);
  }
}

/** Marks and roll-calls of one target go together (up to MAX_BATCH); a correction goes alone. */
function batches(records) {
  const groups = new Map();
  const result = [];
  for (const r of records) {
    if (r.op === 'correction') {
      result.push([r]);
      continue;
    }
    const key = `${r.op} ${r.url}`;
    let group = groups.get(key);
    if (!group || group.length >= MAX_BATCH) {
      group = [];
      groups.set(key, group);
      result.push(group);
    }
    group.push(r);
  }
  return result;
}
