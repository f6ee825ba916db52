// The toolbar icon says, per tab, whether a City account is active there: the shield with a
// green dot (icons/active-N.png, made by scripts/icons.mjs) once the engine judged a draft in
// that tab to be from a City account, the plain shield otherwise. The content script reports
// the account with every `evaluate`, so the worker sets the icon from the verdict it answers.

const path = (name) => Object.fromEntries([16, 32].map((n) => [n, `/icons/${name}-${n}.png`]));
const ICONS = { city: path('active'), plain: path('icon') };

const shown = new Map(); // tab id -> 'city' | 'plain', so an unchanged icon is not set again

/** After a verdict for a draft in `sender`'s tab: the icon for the account it was judged on. */
export function noteAccount(sender, verdict) {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId) return;
  const kind = verdict?.account?.city ? 'city' : 'plain';
  if (shown.get(tabId) === kind) return;
  shown.set(tabId, kind);
  chrome.action.setIcon({ tabId, path: ICONS[kind] }).catch(() => shown.delete(tabId)); // the tab closed
}

// A new page in the tab starts plain, until its content script reports a City account again.
chrome.tabs.onUpdated.addListener((id, change) => {
  if (change.status !== 'loading' || !shown.has(id)) return;
  if (shown.get(id) === 'city') chrome.action.setIcon({ tabId: id, path: ICONS.plain }).catch(() => {});
  shown.delete(id);
});
chrome.tabs.onRemoved.addListener((id) => shown.delete(id));
