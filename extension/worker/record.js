// The record of City-account posts (§7.0), kept in the extension's own storage
// (chrome.storage.local, with unlimitedStorage so a busy account's year of posts is never cut
// short). The engine decides what is recorded, what may be deleted and what is still to
// send (src/records.rs); this file stores, and POSTs to IT's endpoint only when IT set one,
// retrying with backoff through chrome.alarms. Nothing is deleted before it is delivered.
import '../protocol.js';
import { retryDelayMinutes } from '../pkg/postguard.js';
import { draftJson } from './draft.js';
import { endpointAllowed } from './config.js';
import { noteAdapter } from './state.js';

const M = globalThis.PostGuardProtocol;

const PREFIX = 'record:';
const RETRY = 'postguard-records-retry';
const RETENTION = 'postguard-records-retention';

let inForce; // () => Promise<{guard}>

/** Wires the record to the policy in force and its changes. */
export function setupRecord(policyInForce, onPolicyChange) {
  inForce = policyInForce;
  onPolicyChange(housekeeping); // IT may just have set (or fixed) the endpoint
  chrome.alarms.get(RETENTION).then((a) => a ?? chrome.alarms.create(RETENTION, { periodInMinutes: 24 * 60 }));
}

// When the browser starts (IT may have changed the configuration meanwhile) and after an update.
chrome.runtime.onStartup.addListener(() => housekeeping());
chrome.runtime.onInstalled.addListener(() => housekeeping());

export async function allRecords() {
  const all = await chrome.storage.local.get(null);
  return Object.keys(all).filter((k) => k.startsWith(PREFIX)).map((k) => all[k]);
}

async function prune() {
  const { guard } = await inForce();
  const ids = JSON.parse(guard.expired(JSON.stringify(await allRecords()), Date.now()));
  if (ids.length) await chrome.storage.local.remove(ids.map((id) => PREFIX + id));
}

let sending = null;
let again = false;

/** Sends what is pending to IT's endpoint; one run at a time. */
export function deliver() {
  if (sending) {
    again = true;
    return sending;
  }
  sending = send().finally(() => {
    sending = null;
    if (again) {
      again = false;
      deliver();
    }
  });
  return sending;
}

async function send() {
  const { guard } = await inForce();
  const url = guard.endpoint();
  // A release build never sends over http (config.js shows IT why); records wait for a fix.
  if (!url || !endpointAllowed(url)) {
    await chrome.alarms.clear(RETRY);
    await chrome.storage.local.remove('delivery');
    return;
  }
  const token = guard.endpointToken();
  for (;;) {
    const batch = JSON.parse(guard.pending(JSON.stringify(await allRecords())));
    if (!batch.length) break;
    let error = null;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: guard.endpointBody(JSON.stringify(batch), Date.now()),
        credentials: 'omit',
        cache: 'no-store',
      });
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = String(err?.message ?? err);
    }
    if (error) {
      const { delivery = {} } = await chrome.storage.local.get('delivery');
      const failures = (delivery.failures ?? 0) + 1;
      const minutes = retryDelayMinutes(failures);
      await chrome.alarms.create(RETRY, { delayInMinutes: minutes });
      await chrome.storage.local.set({
        delivery: { failures, last_error: error, next_at: Date.now() + minutes * 60_000 },
      });
      return;
    }
    // Acknowledged: mark delivered (a record changed meanwhile keeps its new state).
    const keys = batch.map((r) => PREFIX + r.id);
    const now = await chrome.storage.local.get(keys);
    const done = {};
    for (const k of keys) if (now[k]) done[k] = { ...now[k], delivered: true };
    await chrome.storage.local.set(done);
  }
  await chrome.alarms.clear(RETRY);
  await chrome.storage.local.remove('delivery');
}

function housekeeping() {
  return Promise.all([prune(), deliver()]).catch((e) => console.warn('PostGuard records:', e));
}

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RETRY) deliver().catch((e) => console.warn('PostGuard records:', e));
  if (alarm.name === RETENTION) housekeeping();
});

/** Puts `recent` (or nothing, when null) first in the popup's recent findings. */
async function pushRecent(guard, recent) {
  if (!recent) return;
  const { recent: list = [] } = await chrome.storage.local.get('recent');
  await chrome.storage.local.set({ recent: JSON.parse(guard.pushRecent(JSON.stringify(list), JSON.stringify(recent))) });
}

export const recordHandlers = {
  /**
   * A submit went through (content/main.js `send`). The one judgement the record rests on is
   * the engine's, here, of the exact text sent: the verdict the tab saw while typing may be
   * for older text (a keystroke after the last check, a fix inserted under the panel), so the
   * tab does not send it and nothing here would read it.
   */
  [M.submitted]: ({ draft, override }, sender) => keep(draft, sender, { override: override ?? null }),
  /**
   * A City-account draft judged warn or block went out unheld (content/unchecked.js): recorded
   * as posted without a check, with the text as last seen and the host whose adapter missed it.
   * The engine judges the text again here; only a City account's post is recorded.
   */
  async [M.unchecked]({ draft }, sender) {
    const host = new URL(sender.tab?.url ?? sender.url).hostname;
    const answer = await keep(draft, sender, { override: null, unchecked: true, adapter_stale: host });
    if (answer.recorded) await noteAdapter(host);
    return answer;
  },
  /** A warning heeded (Edit, or a Fix) is a recent finding too; the engine judges the draft again. */
  async [M.answered]({ draft, answer }) {
    const [{ guard }, json] = await Promise.all([inForce(), draftJson(draft)]);
    await pushRecent(guard, JSON.parse(guard.answered(json, Date.now(), answer === 'fix' ? 'fix' : 'edit')));
    return { ok: true };
  },
  [M.records]: () => allRecords(),
};

/** Records a submit (`extra`: the override, or unchecked and the stale host) as the engine judges it. */
async function keep(draft, sender, extra) {
  const [{ guard }, json] = await Promise.all([inForce(), draftJson(draft)]);
  const submit = {
    id: crypto.randomUUID(),
    at: Date.now(),
    url: sender.url ?? sender.tab?.url ?? '',
    ...extra,
  };
  const { record, recent } = JSON.parse(guard.submitted(json, JSON.stringify(submit)));
  if (record) await chrome.storage.local.set({ [PREFIX + record.id]: record });
  await pushRecent(guard, recent);
  if (record) housekeeping();
  return { recorded: Boolean(record) };
}
