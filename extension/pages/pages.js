// What the options page and the popup hand to the Rust code that draws them.
import '../protocol.js';

document.documentElement.lang = chrome.i18n.getUILanguage();
const TYPES = new Set(Object.values(globalThis.PostGuardProtocol));

/** Messaging, words and change events; `areas`: storage areas whose changes redraw the page. */
export function bridge({ areas }) {
  return {
    // Messages and answers cross to the Rust side as JS objects (serde-wasm-bindgen there); only
    // the protocol's messages are sent.
    async ask(msg) {
      if (!TYPES.has(msg?.type)) throw new Error(`not a PostGuard message: ${msg?.type}`);
      return (await chrome.runtime.sendMessage(msg)) ?? null;
    },
    t: (key, subs) => chrome.i18n.getMessage(key, subs),
    onChange: (callback) =>
      chrome.storage.onChanged.addListener((_changes, area) => {
        if (areas.includes(area)) callback();
      }),
    // The browser profile's email (IT's identity_from_profile): Chrome and Edge only.
    profileSupported: () => Boolean(chrome.runtime.getManifest().optional_permissions?.includes('identity.email')),
    askProfile: () => chrome.permissions.request({ permissions: ['identity', 'identity.email'] }),
    // The tab the popup reports on: the active one, or ?tab=ID when the popup is opened as a
    // page of its own (in a tab, where the active tab would be the popup itself).
    async currentTab() {
      const param = new URLSearchParams(location.search).get('tab');
      if (param !== null) return Number(param);
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      return tab?.id ?? null;
    },
  };
}

/** The engine could not start: say so, and that posts are not being checked. */
export function showFailure(app, err) {
  const p = document.createElement('p');
  p.className = 'problem';
  p.setAttribute('role', 'alert');
  p.textContent = chrome.i18n.getMessage('engineFailed', [String(err?.message ?? err)]) ||
    `The engine could not start: ${err?.message ?? err}. Posts are not being checked.`;
  app.replaceChildren(p);
}
