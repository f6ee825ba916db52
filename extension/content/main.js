// PostGuard's content script: finds the composer in focus, asks the engine (in the
// background service worker) about the draft as the user types, and holds a submit
// only while the latest verdict warns. The engine decides; this script only carries.
// If the engine cannot answer, the post goes through: PostGuard never traps anyone.
'use strict';

(async () => {
  const DEBOUNCE_MS = 150;
  const ENGINE_TIMEOUT_MS = 1500;
  const { classify, context, isSubmitButton, isSubmitKey } = PostGuardAdapter;
  const { read, append } = PostGuardEditor;

  const ask = (msg) =>
    Promise.race([
      chrome.runtime.sendMessage(msg),
      new Promise((_, reject) => setTimeout(() => reject(new Error('the engine did not answer in time')), ENGINE_TIMEOUT_MS)),
    ]).then((answer) => {
      if (answer?.error) throw new Error(answer.error);
      return answer;
    });

  let site;
  try {
    site = await ask({ type: 'adapter', host: location.hostname });
  } catch (err) {
    console.warn('PostGuard is off on this page:', err.message);
    return;
  }
  if (!site) return;

  let active = null; // {el, kind, field}: the composer or account field in use
  let latest = { text: null, verdict: null };
  let timer = 0;
  let replaying = false; // set while we re-send a submit the user allowed

  function composerIn(event) {
    for (const node of event.composedPath()) {
      const kind = classify(node, site);
      if (kind) return { el: node, ...kind };
    }
    return null;
  }

  function draftOf(el) {
    return { text: read(el), ...context(el, site, active?.field) };
  }

  async function check() {
    if (!active) return null;
    const { el } = active;
    const draft = draftOf(el);
    const verdict = await ask({ type: 'evaluate', draft });
    if (active?.el === el && read(el) === draft.text) {
      latest = { text: draft.text, verdict };
      PostGuardPanel.setBadge(verdict.badge, el);
    }
    return verdict;
  }

  const checkSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => check().catch(report), DEBOUNCE_MS);
  };

  function report(err) {
    console.warn('PostGuard could not check this draft; it was not held:', err.message);
    ask({ type: 'status', problem: err.message }).catch(() => {});
  }

  window.addEventListener(
    'focusin',
    (e) => {
      const found = composerIn(e);
      if (!found || found.el === active?.el) return;
      active = found;
      latest = { text: null, verdict: null };
      checkSoon();
    },
    true,
  );

  window.addEventListener(
    'input',
    (e) => {
      if (active && e.composedPath().includes(active.el)) checkSoon();
    },
    true,
  );

  /** Stops the site from seeing this submit, and decides what happens next. */
  function intercept(e, resend) {
    if (replaying || !active?.el.isConnected) return;
    const text = read(active.el);
    if (!text.trim()) return;
    if (latest.text === text && latest.verdict?.verdict === 'allow') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (PostGuardPanel.isOpen()) return;
    const verdict = latest.text === text ? Promise.resolve(latest.verdict) : check();
    verdict
      .then((v) => (v && v.verdict !== 'allow' ? decide(v, resend) : send(resend)))
      .catch((err) => {
        report(err);
        send(resend);
      });
  }

  function send(resend) {
    replaying = true;
    try {
      resend();
    } finally {
      replaying = false;
    }
  }

  async function decide(verdict, resend) {
    const { el } = active;
    const typed = read(el);
    const choice = await PostGuardPanel.show(verdict, el);
    if (choice.action === 'post') {
      // Exactly what the user wrote: nothing was changed, so the site sends `typed`.
      if (read(el) === typed) send(resend);
      return;
    }
    el.focus();
    if (choice.action === 'fix' && !append(el, choice.fix.insert)) {
      report(new Error('the editor did not accept the inserted text'));
    }
    check().catch(report);
  }

  window.addEventListener(
    'click',
    (e) => {
      const button = isSubmitButton(e.target, site);
      if (button) intercept(e, () => button.click());
    },
    true,
  );

  window.addEventListener(
    'keydown',
    (e) => {
      if (!active || !e.composedPath().includes(active.el) || !isSubmitKey(e, site)) return;
      if (active.kind === 'field') return; // forms submit through the 'submit' event
      const init = {
        key: e.key, code: e.code, keyCode: e.keyCode, which: e.which,
        ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, altKey: e.altKey,
        bubbles: true, cancelable: true, composed: true,
      };
      const target = e.target;
      intercept(e, () => target.dispatchEvent(new KeyboardEvent('keydown', init)));
    },
    true,
  );

  window.addEventListener(
    'submit',
    (e) => {
      const form = e.target;
      if (active?.kind !== 'field' || !form.contains(active.el)) return;
      const submitter = e.submitter;
      intercept(e, () => form.requestSubmit(submitter?.form === form ? submitter : undefined));
    },
    true,
  );
})();
