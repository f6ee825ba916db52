// The policy in force: the engine applies the layers (embedded default, IT's managed
// configuration, the last good one when IT's is broken; see src/policy/layers.rs). This file
// only reads storage, persists what the engine says to keep, and notices when IT changes
// the configuration, so a new policy applies without reinstalling.
import { resolvePolicy } from '../pkg/postguard.js';

// A development build (`./build.sh --dev`, which sets version_name to "<version>-dev") may
// send records over plain http to this computer; a release build refuses http, saying why.
const DEV_BUILD = (chrome.runtime.getManifest().version_name ?? '').endsWith('-dev');
const HTTP_REFUSED = {
  path: 'records.endpoint',
  reason: 'http:// is only for development builds of PostGuard; this is a release build: use an https:// URL',
};
/** Whether records may be POSTed to `url` by this build. */
export const endpointAllowed = (url) => DEV_BUILD || !/^http:/i.test(url ?? '');

let current = null; // Promise<{guard, policy, source, errors, managed, lastGood}>
const listeners = [];

async function readManaged() {
  try {
    return await chrome.storage.managed.get(null);
  } catch {
    return null; // Firefox with no policies.json entry: nothing is managed
  }
}

// Where the person can see what the browser holds: the browser drops values that fail IT's
// schema, so a configuration with a wrong type reaches PostGuard as fewer keys, or none.
const POLICY_PAGE = chrome.runtime.getURL('').startsWith('moz-extension:') ? 'about:policies' : 'chrome://policy (edge://policy in Edge)';

/**
 * The keys of the last good IT configuration that managed storage no longer has (all of them
 * when it is empty). IT's policy never silently vanishes: while any is missing, the last good
 * configuration stays in force, and the pages say so key by key.
 */
function lostKeys(managed, lastGood) {
  if (!lastGood || typeof lastGood !== 'object') return [];
  const now = managed && typeof managed === 'object' ? managed : {};
  return Object.keys(lastGood).filter((k) => !Object.hasOwn(now, k));
}

async function load(ready) {
  await ready;
  const [managed, { lastGoodPolicy = null }] = await Promise.all([
    readManaged(),
    chrome.storage.local.get('lastGoodPolicy'),
  ]);
  const lost = lostKeys(managed, lastGoodPolicy);
  const r = resolvePolicy(JSON.stringify(lost.length ? lastGoodPolicy : managed), JSON.stringify(lastGoodPolicy));
  const policy = JSON.parse(r.policy());
  const errors = [
    ...lost.map((path) => ({
      path,
      reason: `IT's managed configuration no longer has this value (the browser drops values of the wrong type); the last good one stays in force. See ${POLICY_PAGE}`,
    })),
    ...JSON.parse(r.errors()),
  ];
  const source = lost.length && r.source() === 'managed' ? 'last_good' : r.source();
  if (!endpointAllowed(policy.records?.endpoint)) errors.push(HTTP_REFUSED);
  const keep = r.lastGood();
  if (keep === undefined) {
    if (lastGoodPolicy !== null) await chrome.storage.local.remove('lastGoodPolicy');
  } else if (keep !== JSON.stringify(lastGoodPolicy)) {
    await chrome.storage.local.set({ lastGoodPolicy: JSON.parse(keep) });
  }
  if (errors.length) console.warn("PostGuard: IT's managed configuration has errors", errors);
  // Resolved here only: the pages ask for the outcome (the `state` message, worker/state.js).
  return { guard: r.intoGuard(), policy, source, errors, managed, lastGood: keep === undefined ? null : JSON.parse(keep) };
}

/** The policy in force; `ready` is the WASM module's init promise. */
export function policyInForce(ready) {
  current ??= load(ready).catch((err) => {
    current = null;
    throw err;
  });
  return current;
}

/** Calls `fn()` after IT's configuration changed and the policy in force was reloaded. */
export function onPolicyChange(fn) {
  listeners.push(fn);
}

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area !== 'managed') return;
  current = null;
  for (const fn of listeners) Promise.resolve().then(fn).catch((e) => console.warn('PostGuard:', e));
});
