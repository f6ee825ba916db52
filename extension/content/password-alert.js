// §6.4.1.2 on social sites, like Google's Password Alert: when what is typed into a password
// field ends with the City password, warn at once and hold the sign-in until the user
// chooses. The background compares a salted, truncated hash (worker/password-alert.js) and
// the engine words the panel; this script only carries and draws. Edit changes nothing in
// the field; "Continue anyway" signs in with exactly what was typed.
// No oracle for the page: only what the user typed is checked (trusted input), a sign-in is
// held only when the user sends it, and the background answers a tab a bounded number of
// times a minute; a value the page set by script is never checked, so nothing changes for it.
'use strict';

(async () => {
  const { ask, report, adapter } = PostGuardAsk;
  const site = await adapter();
  if (!site) return;
  const rules = site.passwordAlert ?? {};
  const FIELDS = (rules.fields ?? ["input[type='password']"]).join(', ');
  const SUBMITS = (rules.submit ?? []).join(', ');

  const isField = (n) => n instanceof HTMLInputElement && n.matches(FIELDS);
  const checks = new WeakMap(); // field -> the latest check {value, pending, result}
  const allowed = new WeakMap(); // field -> the value the user chose to use anyway

  /** Asks the background whether the field's value ends with the City password. */
  function check(field) {
    const value = field.value;
    const last = checks.get(field);
    if (last?.value === value) return last.pending;
    const entry = { value, result: null };
    const context = { ...PostGuardAdapter.context(field, site, 'password', ''), field: 'password' };
    entry.pending = ask({ type: PostGuardProtocol.passwordCheck, value, context }).then((r) => (entry.result = r));
    checks.set(field, entry);
    return entry.pending;
  }

  const risky = (field, result) => Boolean(result?.match) && allowed.get(field) !== field.value;

  /** Shows the engine's panel; resolves true when the user chose to go on with this value. */
  async function warn(field, verdict) {
    const value = field.value;
    const choice = await PostGuardPanel.show(verdict, field);
    if (choice.action === 'post') {
      allowed.set(field, value);
      return field.value === value;
    }
    if (choice.action === 'edit') field.focus({ preventScroll: true });
    return false;
  }

  // As the user types: the moment the field ends with the City password, say so.
  window.addEventListener(
    'input',
    (e) => {
      const field = e.composedPath()[0];
      if (!e.isTrusted || !isField(field) || !field.value) return;
      const value = field.value;
      check(field).then((r) => {
        if (field.value === value && risky(field, r) && !PostGuardPanel.isOpen()) warn(field, r.verdict);
      }, report);
    },
    true,
  );

  let replaying = false; // set while we re-send a sign-in the user allowed
  // The user's own act: a trusted event, and for a submit (always trusted, even from a script's
  // requestSubmit) a real click or key moments ago (the browser's transient user activation).
  const byUser = (e) => e.isTrusted && (e.type !== 'submit' || (navigator.userActivation?.isActive ?? true));
  function send(resend) {
    replaying = true;
    try {
      resend();
    } finally {
      replaying = false;
    }
  }

  /**
   * A sign-in is about to go out from `scope` (a form, or the page): let it go at once when
   * every password in it was checked and none is the City password (or the user allowed it);
   * otherwise hold it, wait for the checks, and ask the user.
   */
  function guard(e, scope, resend) {
    // A sign-in the page sends by itself is not the user's: it gets no check (which would tell
    // the page, by the hold, whether its value is the City password).
    if (replaying || !byUser(e)) return;
    const fields = [...scope.querySelectorAll(FIELDS)].filter((f) => isField(f) && f.value);
    if (fields.length === 0) return;
    const done = (f) => checks.get(f)?.value === f.value && checks.get(f).result;
    if (fields.every((f) => done(f) && !risky(f, checks.get(f).result))) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    // A panel already open (shown as the password was typed) is replaced by one for this
    // sign-in, so that "Continue anyway" sends it.
    Promise.all(fields.map(check)).then(
      async (results) => {
        const i = fields.findIndex((f, j) => risky(f, results[j]));
        if (i < 0 || (await warn(fields[i], results[i].verdict))) send(resend);
      },
      (err) => {
        report(new Error(`could not check a password field; the sign-in was let through: ${err.message}`));
        send(resend);
      },
    );
  }

  window.addEventListener(
    'submit',
    (e) => {
      const form = e.target;
      const submitter = e.submitter;
      guard(e, form, () => form.requestSubmit(submitter?.form === form ? submitter : undefined));
    },
    true,
  );

  // Sites that sign in from a script: their sign-in button, and Enter in the password box.
  window.addEventListener(
    'click',
    (e) => {
      if (!SUBMITS) return;
      const button = e.composedPath().find((n) => n instanceof Element && n.matches(SUBMITS));
      if (button) guard(e, button.closest('form') ?? document, () => button.click());
    },
    true,
  );
  window.addEventListener(
    'keydown',
    (e) => {
      const field = e.composedPath()[0];
      if (e.key !== 'Enter' || e.isComposing || !isField(field) || field.form) return; // forms: 'submit'
      const init = { key: e.key, code: e.code, keyCode: e.keyCode, which: e.which, bubbles: true, cancelable: true, composed: true };
      guard(e, document, () => field.dispatchEvent(new KeyboardEvent('keydown', init)));
    },
    true,
  );
})();
