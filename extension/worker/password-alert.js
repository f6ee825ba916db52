// §6.4.1.2 in the background, like Google's Password Alert.
//
// On the City's sign-in page (content/password-capture.js, which the manifest runs there
// only, and only if the policy lists the page in password_alert.sign_in_urls), the password
// typed at sign-in becomes a PBKDF2-SHA-256 hash with a fresh random salt, cut to KEEP_BYTES.
// Only {salt, hash, length, iterations, bytes} is kept, in chrome.storage.local; the password
// itself is never stored. On social sites (content/password-alert.js), what is typed into a
// password field comes here; its last `length` characters are hashed the same way and
// compared. The threat model is in docs/security.md ("Password alert: threat model").
import '../protocol.js';
import { draftJson } from './draft.js';

const M = globalThis.PostGuardProtocol;

const ITERATIONS = 100_000; // about 50-100 ms per check: once per keystroke is fine
const KEEP_BYTES = 4; // 32 bits: a chance match per keystroke is 1 in 4 billion, yet many
// passwords share each value, so a stolen hash does not single out a strong password
const SALT_BYTES = 16;
// No oracle: a page that sets candidates into a password field as the user types gets at most
// this many distinct values checked per tab a minute; past it, no answer (so no warning).
const LIMIT = 20;
const WINDOW_MS = 60_000;
const asked = new Map(); // tab id -> [{key, at}]: the distinct values of the last minute, as SHA-256
globalThis.chrome?.tabs?.onRemoved.addListener((tab) => asked.delete(tab)); // (the Node tests import this file)

/** May `tab` have `value` checked now? Repeats of a value in the window are free. */
async function withinLimit(tab, value, now = Date.now()) {
  const key = hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))); // never the value itself
  const recent = (asked.get(tab) ?? []).filter((a) => now - a.at < WINDOW_MS);
  asked.set(tab, recent);
  if (recent.some((a) => a.key === key)) return true;
  if (recent.length >= LIMIT) return false;
  recent.push({ key, at: now });
  return true;
}

const hex = (bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (s) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));

/** PBKDF2-SHA-256 of `password` with `salt`, cut to `bytes` bytes, as hex (SubtleCrypto). */
export async function passwordHash(password, salt, iterations = ITERATIONS, bytes = KEEP_BYTES) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, bytes * 8);
  return hex(bits);
}

/** The `password-capture` and `password-check` handlers, given the background's engine. */
export function passwordAlertHandlers({ engine }) {
  return {
    /** From the sign-in page's script: the policy (Rust) decides whether this page counts. */
    async [M.passwordCapture]({ password }, sender) {
      const g = await engine();
      const fromPage = sender.tab && sender.frameId === 0 && typeof password === 'string';
      if (!fromPage || !g.passwordCapture(sender.url, password.length)) return { stored: false };
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
      const cityPassword = {
        salt: hex(salt),
        hash: await passwordHash(password, salt),
        length: password.length,
        iterations: ITERATIONS,
        bytes: KEEP_BYTES,
        at: Date.now(),
      };
      await chrome.storage.local.set({ cityPassword });
      return { stored: true };
    },

    /** From a social site: does `value` end with the City password? If so, the engine's verdict. */
    async [M.passwordCheck]({ value, context }, sender) {
      const { cityPassword: p } = await chrome.storage.local.get('cityPassword');
      if (!sender.tab || !p || typeof value !== 'string' || value.length < p.length) return { match: false };
      if (!(await withinLimit(sender.tab.id, value))) return { match: false, limited: true };
      const hash = await passwordHash(value.slice(-p.length), unhex(p.salt), p.iterations, p.bytes);
      if (hash !== p.hash) return { match: false };
      const [g, json] = await Promise.all([engine(), draftJson({ ...context, text: '' }, { city_password: true })]);
      return { match: true, verdict: JSON.parse(g.evaluate(json)) };
    },
  };
}
