// Runs only on the City's sign-in page (the manifest lists that host alone). When the user
// signs in, it hands the password to the background, which keeps only a salted, truncated
// hash and the length, and only if the policy lists this page (password_alert.sign_in_urls).
// See docs/security.md, "Password alert: threat model".
'use strict';

(() => {
  let sent = null;
  function capture(scope) {
    const field = [...(scope ?? document).querySelectorAll('input[type="password"]')].find((f) => f.value);
    if (!field || field.value === sent) return;
    sent = field.value;
    chrome.runtime.sendMessage({ type: PostGuardProtocol.passwordCapture, password: field.value }).catch(() => {});
  }
  // A form submission, and the signs of a sign-in that a script sends (no 'submit' event).
  window.addEventListener('submit', (e) => capture(e.target), true);
  window.addEventListener(
    'click',
    (e) => {
      const button = e.target instanceof Element && e.target.closest('button[type="submit"], input[type="submit"]');
      if (button) capture(button.form);
    },
    true,
  );
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type === 'password') capture(e.target.form);
    },
    true,
  );
})();
