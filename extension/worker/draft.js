// The one place a draft is put together for the engine. Every handler that asks the engine
// about what a tab sent (evaluate, submitted, reminder, password-check) builds it here, so
// each gets the same employee and the same cleaning.
import { profileEmail } from './profile.js';

/**
 * Who is typing (§6.1.2): what the employee set in the options, and the email of the browser's
 * signed-in profile where Chrome can say (the optional identity.email permission granted). The
 * engine decides which counts (src/policy/layers.rs `signed_in`), and the record says which.
 */
export async function currentUser() {
  const [{ user }, profile_email] = await Promise.all([chrome.storage.local.get('user'), profileEmail()]);
  if (!user && !profile_email) return null;
  return { ...user, profile_email };
}

/**
 * `value` with every string well formed. A page can hold lone UTF-16 surrogates, which Rust
 * strings cannot: serde rejects the whole draft (and a submit's §7.0 record would be lost).
 * U+FFFD keeps the length, so the engine's UTF-16 spans still line up with the page's text.
 */
export function wellFormed(value) {
  if (typeof value === 'string') return value.toWellFormed();
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wellFormed(v)]));
  }
  return value;
}

/**
 * The draft the engine judges, as JSON text: what the tab sent (text and context), with what
 * only the worker may say (`trusted`, e.g. city_password) and the employee at the keyboard.
 */
export async function draftJson(sent, trusted = {}) {
  const user = await currentUser();
  return JSON.stringify(wellFormed({ ...sent, text: String(sent?.text ?? ''), ...trusted, user, lang: uiLanguage() }));
}

/** The browser's interface language: the engine answers in it (src/messages.rs). */
export const uiLanguage = () => globalThis.chrome?.i18n?.getUILanguage?.() ?? 'en';
