// Runs only on the City's sign-in page (the manifest lists that host alone). When the user
// signs in, it hands the password to the background, which keeps only a salted, truncated
// hash and the length, and only if the policy lists this page (password_alert.sign_in_urls).
// See docs/security.md, "Password alert: threat model".
// A script on the page must not replace what was learned: only the user's own sign-in counts
// (trusted events, a submit right after a real click or key), and only a value the user typed
// (the field holds what the last trusted input left in it).
'use strict';

(() => {
  let sent = null;
  const typed = new WeakMap(); // password field -> its value after the user's last keystroke
  window.addEventListener('input', (e) => {
    const f = e.composedPath()[0];
    if (e.isTrusted && f instanceof HTMLInputElement && f.type === 'password') typed.set(f, f.value);
  }, true);
  function capture(scope, e) {
    if (!e.isTrusted || (e.type === 'submit' && !(navigator.userActivation?.isActive ?? true))) return;
    const field = [...(scope ?? document).querySelectorAll('input[type="password"]')].find((f) => f.value);
    if (!field || field.value === sent || typed.get(field) !== field.value) return;
    sent = field.value;
    chrome.runtime.sendMessage({ type: PostGuardProtocol.passwordCapture, password: field.value }).catch(() => {});
  }
  // A form submission, and the signs of a sign-in that a script sends (no 'submit' event).
  window.addEventListener('submit', (e) => capture(e.target, e), true);
  window.addEventListener(
    'click',
    (e) => {
      const button = e.target instanceof Element && e.target.closest('button[type="submit"], input[type="submit"]');
      if (button) capture(button.form, e);
    },
    true,
  );
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type === 'password') capture(e.target.form, e);
    },
    true,
  );
})();
