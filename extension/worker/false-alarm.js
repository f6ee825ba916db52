// "This warning is wrong" reports (content/false-alarm.js): kept in chrome.storage.local (the
// newest CAP of them), listed on the options page, and sent to IT's records endpoint when IT
// set one (as worker/record.js sends records: the same URL and token, no credentials), so IT
// can tune the policy's word lists. A report holds the rule, its section, the words that
// triggered it and the host; never the draft.
import '../protocol.js';
import { endpointAllowed } from './config.js';

const M = globalThis.PostGuardProtocol;
const KEY = 'falseAlarms';
const CAP = 200;

let inForce; // () => Promise<{guard}>

export function setupFalseAlarms(policyInForce) {
  inForce = policyInForce;
}

const clip = (v, n) => String(v ?? '').slice(0, n);

/** Sends the reports not yet sent, in one POST; they stay unsent (for the next report) on failure. */
async function sendPending() {
  const { guard } = await inForce();
  const url = guard.endpoint();
  if (!url || !endpointAllowed(url)) return;
  const { [KEY]: list = [] } = await chrome.storage.local.get(KEY);
  const pending = list.filter((r) => !r.sent);
  if (!pending.length) return;
  const token = guard.endpointToken();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ false_alarms: pending.map(({ sent, ...r }) => r) }),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!res.ok) return;
  const ids = new Set(pending.map((r) => r.id));
  const { [KEY]: now = [] } = await chrome.storage.local.get(KEY);
  await chrome.storage.local.set({ [KEY]: now.map((r) => (ids.has(r.id) ? { ...r, sent: true } : r)) });
}

export const falseAlarmHandlers = {
  async [M.falseAlarm]({ rule, section, quote, host }) {
    const report = { id: crypto.randomUUID(), at: Date.now(), rule: clip(rule, 80), section: clip(section, 40), quote: clip(quote, 200), host: clip(host, 253), sent: false };
    const { [KEY]: list = [] } = await chrome.storage.local.get(KEY);
    await chrome.storage.local.set({ [KEY]: [report, ...list].slice(0, CAP) });
    sendPending().catch((e) => console.warn('PostGuard false alarms:', e));
    return { ok: true };
  },
  async [M.falseAlarms]() {
    return (await chrome.storage.local.get(KEY))[KEY] ?? [];
  },
};
