// The popup's one control for sites on hosts PostGuard does not list (a Mastodon server): it asks
// for that one host, and only when the user clicks. The background then runs PostGuard there
// (worker/hosts.js), and the adapter is found by the page's structure.
const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
const host = tab?.url?.startsWith('https://') ? new URL(tab.url).hostname : null;
const origins = host ? [`https://${host}/*`] : [];
if (host && !(await chrome.permissions.contains({ origins }))) {
  const enable = document.getElementById('enable-host');
  enable.hidden = false;
  enable.textContent = chrome.i18n.getMessage('enableHost', [host]) || `Check posts on ${host} too`;
  enable.addEventListener('click', async () => {
    if (!(await chrome.permissions.request({ origins }))) return;
    enable.hidden = true;
    // This page loaded without PostGuard: start it now (later pages get it by registration).
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: chrome.runtime.getManifest().content_scripts[0].js });
  });
}
