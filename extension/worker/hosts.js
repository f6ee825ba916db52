// Sites on hosts the manifest cannot list (Mastodon runs on thousands of servers): the user grants
// one host at a time from the popup (optional_host_permissions), and PostGuard's content scripts
// are registered for exactly the hosts granted. There the adapter is chosen by page structure
// (an adapter's "detect" rules), since no adapter names the host.
const ID = 'postguard-granted-hosts';

async function syncHostScripts() {
  const scripts = chrome.runtime.getManifest().content_scripts;
  // Firefox lists the manifest's scripts as absolute moz-extension:// URLs, which
  // registerContentScripts refuses: it takes paths relative to the extension's root.
  const js = scripts[0].js.map((p) => p.replace(/^[a-z-]+:\/\/[^/]+\//, ''));
  // Hosts the manifest already covers, social or not: Firefox's getAll() lists them all,
  // the City sign-in host too, which must not get the social-site scripts.
  const declared = new Set(scripts.flatMap((s) => s.matches));
  const { origins = [] } = await chrome.permissions.getAll();
  // One named https host each, as the popup asks for them (never a wildcard host).
  const granted = origins.filter((o) => /^https:\/\/[^*/]+\/\*$/.test(o) && !declared.has(o));
  await chrome.scripting.unregisterContentScripts({ ids: [ID] }).catch(() => {});
  if (granted.length) {
    // Every frame, as the manifest's (an editor in an iframe; issue 12).
    await chrome.scripting.registerContentScripts([{ id: ID, matches: granted, js, runAt: 'document_start', allFrames: true }]);
  }
}

chrome.permissions.onAdded.addListener(() => syncHostScripts().catch(console.warn));
chrome.permissions.onRemoved.addListener(() => syncHostScripts().catch(console.warn));
chrome.runtime.onInstalled.addListener(() => syncHostScripts().catch(console.warn));
