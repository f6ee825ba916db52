// The background service worker: hosts the engine (Rust compiled to WebAssembly) and
// answers the content scripts. WASM cannot start in content scripts on strict-CSP sites
// such as x.com, so this is the only place the policy runs for pages.
import init, { Guard } from './pkg/postguard.js';

// Top-level await is not allowed in service workers: start now, await in listeners.
const ready = init();

let guard = null;
const sites = new Map(); // host -> adapter JSON

async function engine() {
  await ready;
  guard ??= new Guard(undefined);
  return guard;
}

async function adapterFor(host) {
  if (sites.size === 0) {
    const index = await (await fetch('sites/index.json')).json();
    for (const file of index) {
      const site = await (await fetch(`sites/${file}`)).json();
      for (const h of site.hosts) sites.set(h, site);
    }
  }
  return sites.get(host) ?? null;
}

/** Who is typing: the employee's identity, kept in the extension's own storage. */
async function currentUser() {
  const { user } = await chrome.storage.local.get('user');
  return user ?? null;
}

const handlers = {
  adapter: ({ host }) => adapterFor(host),
  async evaluate({ draft }) {
    const [g, user] = await Promise.all([engine(), currentUser()]);
    return g.evaluate({ ...draft, user });
  },
  async status({ problem }, sender) {
    await chrome.storage.session.set({ lastProblem: { problem, url: sender.url, at: Date.now() } });
    return { ok: true };
  },
};

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  // Only our own content scripts and pages may ask; web pages cannot message us.
  const handler = sender.id === chrome.runtime.id ? handlers[msg?.type] : undefined;
  if (!handler) return false;
  handler(msg, sender).then(reply, (err) => reply({ error: String(err?.message ?? err) }));
  return true;
});
