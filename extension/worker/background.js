// The background service worker: hosts the engine (Rust compiled to WebAssembly) and
// answers the content scripts and pages. WASM cannot start in content scripts on strict-CSP
// sites such as x.com, so this is the only place the policy runs for pages.
import '../protocol.js';
import init from '../pkg/postguard.js';
import { policyInForce, onPolicyChange } from './config.js';
import { draftJson } from './draft.js';
import { setupRecord, recordHandlers } from './record.js';
import { setupState, stateHandlers, noteTab } from './state.js';
import { reminderHandlers } from './reminder.js';
import { passwordAlertHandlers } from './password-alert.js';
import { noteAccount } from './icon.js';
import { setupFalseAlarms, falseAlarmHandlers } from './false-alarm.js';
import './hosts.js'; // content scripts on hosts the user granted from the popup (Mastodon)

const M = globalThis.PostGuardProtocol;

// Top-level await is not allowed in service workers: start now, await in listeners.
const ready = init();

const sites = new Map(); // host -> adapter JSON
const detectable = []; // adapters for apps on any host (Mastodon), found by page structure

/** The engine for the policy in force (IT's managed configuration over the default). */
async function engine() {
  return (await policyInForce(ready)).guard;
}

let loaded = null;
function loadAdapters() {
  loaded ??= (async () => {
    const index = await (await fetch(chrome.runtime.getURL('sites/index.json'))).json();
    for (const file of index) {
      const site = await (await fetch(chrome.runtime.getURL(`sites/${file}`))).json();
      for (const h of site.hosts ?? []) sites.set(h, site);
      if (site.detect) detectable.push(site);
    }
  })();
  return loaded;
}

async function adapterFor(host) {
  await loadAdapters();
  return sites.get(host) ?? null;
}

const handlers = new Map(); // protocol type -> handler(msg, sender)

/** Adds a group of handlers, keyed by the protocol's type strings; no name outside it. */
function register(group) {
  const known = new Set(Object.values(M));
  for (const [type, handler] of Object.entries(group)) {
    if (!known.has(type) || handlers.has(type)) throw new Error(`PostGuard: handler for "${type}" is unknown or twice`);
    handlers.set(type, handler);
  }
}

register({
  [M.adapter]: async ({ host }, sender) => noteTab(sender, await adapterFor(host)),
  [M.detectable]: () => loadAdapters().then(() => detectable),
  /** A composer matched only the generic fallback: the site's adapter may be stale. */
  async [M.adapterStatus]({ platform, strategy }, sender) {
    const host = new URL(sender.url).hostname;
    const { adapterStatus = {} } = await chrome.storage.session.get('adapterStatus');
    adapterStatus[host] = { platform, strategy, at: Date.now() };
    await chrome.storage.session.set({ adapterStatus });
    return { ok: true };
  },
  async [M.evaluate]({ draft }, sender) {
    const [g, json] = await Promise.all([engine(), draftJson(draft)]);
    const verdict = JSON.parse(g.evaluate(json));
    if (!draft.action) noteAccount(sender, verdict); // a typed draft names the tab's account
    return verdict;
  },
  async [M.status]({ problem }, sender) {
    await chrome.storage.session.set({ lastProblem: { problem, url: sender.url, at: Date.now() } });
    return { ok: true };
  },
});

// The record of City-account posts (§7.0), and what the options page and popup show.
const inForce = () => policyInForce(ready);
setupRecord(inForce, onPolicyChange);
setupState(inForce);
register(recordHandlers);
register(stateHandlers);
setupFalseAlarms(inForce);
register(falseAlarmHandlers);
// What the user does rather than types (issue #4): work-time reminders (§6.4.1.3), the City
// password typed on a social site (§6.4.1.2). Connection clicks (§6.2.7) use `evaluate`.
register(reminderHandlers({ engine, adapterFor }));
register(passwordAlertHandlers({ engine }));
for (const type of Object.values(M)) if (!handlers.has(type)) console.warn(`PostGuard: nothing answers "${type}"`);
// Start the engine as the worker starts (the first message after an idle stop wakes it), not
// on the first question: compiling the WASM and loading the policy takes seconds on a slow
// machine, and a click held for a verdict should not wait for that.
engine().catch((err) => console.warn('PostGuard: the engine could not start:', err));

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  // Only our own content scripts and pages may ask; web pages cannot message us. A type not in
  // the protocol gets no answer.
  const handler = sender.id === chrome.runtime.id ? handlers.get(msg?.type) : undefined;
  if (!handler) return false;
  handler(msg, sender).then(reply, (err) => reply({ error: String(err?.message ?? err) }));
  return true;
});
