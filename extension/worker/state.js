// What the options page and the popup show, gathered for them: the policy in force and where
// it came from, the employee's identity, recent findings, and the adapter status of a tab.
// The pages draw it with the engine's Rust code (src/wasm/pages.rs).
import '../protocol.js';
import { currentUser } from './draft.js';

const M = globalThis.PostGuardProtocol;

let inForce; // () => Promise<{guard, policy, source, errors, managed, lastGood}>

export function setupState(policyInForce) {
  inForce = policyInForce;
}

/** Remembers that the content script on `sender`'s tab is running, and with which adapter. */
export async function noteTab(sender, site) {
  const id = sender.tab?.id;
  if (id === undefined || sender.frameId) return site;
  const { tabs = {} } = await chrome.storage.session.get('tabs');
  tabs[id] = { host: new URL(sender.url).hostname, adapter: Boolean(site), platform: site?.platform ?? null };
  await chrome.storage.session.set({ tabs });
  return site;
}

/**
 * The account the top frame of `sender`'s tab names (content/frames.js): kept when the top frame
 * reports one, answered to its subframes (an editor in an iframe names no account itself).
 */
export async function topAccount({ account }, sender) {
  const id = sender.tab?.id;
  if (id === undefined) return { account: null };
  const { tabs = {} } = await chrome.storage.session.get('tabs');
  if (!sender.frameId) {
    tabs[id] = { ...(tabs[id] ?? { host: new URL(sender.url).hostname }), account: account ?? null };
    await chrome.storage.session.set({ tabs });
    return { account: account ?? null };
  }
  return { account: tabs[id]?.account ?? null };
}

/** A City-account post went out unchecked on `host`: its adapter is stale (the popup lists it). */
export async function noteAdapter(host) {
  const { staleHosts = {} } = await chrome.storage.local.get('staleHosts');
  staleHosts[host] = Date.now();
  await chrome.storage.local.set({ staleHosts });
}

async function forgetTab(id) {
  const { tabs = {} } = await chrome.storage.session.get('tabs');
  if (!(id in tabs)) return;
  delete tabs[id];
  await chrome.storage.session.set({ tabs });
}
chrome.tabs.onRemoved.addListener((id) => forgetTab(id));
// A new page is loading in the tab: its content script (if any) reports again.
chrome.tabs.onUpdated.addListener((id, change) => {
  if (change.status === 'loading') forgetTab(id);
});

/** Whether the employee let PostGuard read the browser profile's email (never in Firefox,
 * whose schema rejects the permission's name, synchronously). */
async function profileGranted() {
  try {
    return await chrome.permissions.contains({ permissions: ['identity.email'] });
  } catch {
    return false;
  }
}

export const stateHandlers = {
  async [M.state]({ tab: tabId }) {
    const [{ policy, source, errors, managed, lastGood }, local, session, user, granted] = await Promise.all([
      inForce(),
      chrome.storage.local.get(['recent', 'delivery', 'staleHosts']),
      chrome.storage.session.get(['lastProblem', 'adapterStatus', 'tabs']),
      currentUser(),
      profileGranted(),
    ]);
    const adapterStatus = session.adapterStatus ?? {};
    const tab = tabId === null || tabId === undefined ? null : session.tabs?.[tabId];
    return {
      // The layers as this worker resolved them (worker/config.js); the pages do not resolve.
      in_force: { policy, source, errors, managed, last_good: lastGood },
      user,
      profile_granted: granted,
      recent: local.recent ?? [],
      delivery: local.delivery ?? null,
      last_problem: session.lastProblem ?? null,
      generic_hosts: Object.keys(adapterStatus),
      stale_hosts: Object.keys(local.staleHosts ?? {}),
      site: tab ? { ...tab, connected: true, generic: tab.host in adapterStatus } : null,
    };
  },
  /** The options page saves the employee's own layer; the engine says what IT allows. */
  async [M.saveUser]({ user }) {
    const { guard } = await inForce();
    const answer = JSON.parse(guard.userLayer(JSON.stringify(user ?? {})));
    if (answer.errors) return { errors: answer.errors };
    const { user: old = {} } = await chrome.storage.local.get('user');
    const { email = null, name = null, title = null } = answer.user;
    await chrome.storage.local.set({ user: { ...old, email, name, title } });
    return { ok: true };
  },
  [M.topAccount]: topAccount,
  async [M.openOptions]() {
    await chrome.runtime.openOptionsPage();
    return { ok: true };
  },
  /** The policy's own text at a section: IT's `text_url`, else the text PostGuard ships. */
  async [M.openPolicy]({ section }, sender) {
    const at = /^\d+(\.\d+)*$/.test(String(section)) ? String(section) : '';
    const { policy } = await inForce();
    const url = policy.text_url
      ? policy.text_url
      : chrome.runtime.getURL(`pages/policy.html${at ? `#${at}` : ''}`);
    await chrome.tabs.create({ url, index: sender.tab ? sender.tab.index + 1 : undefined, openerTabId: sender.tab?.id });
    return { ok: true };
  },
};
