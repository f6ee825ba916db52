// PostGuard's content script: finds the composer in focus, asks the engine (in the
// background service worker) about the draft as the user types, and holds a submit
// only while the latest verdict warns. The engine decides; this script only carries.
// If the engine cannot answer, the post goes through: PostGuard never traps anyone.
// The page is not trusted: this runs at document_start, so its capture listeners on window
// come before any page script's (which could otherwise stop them); the adapter arrives later,
// and until it does every listener returns at once. Untrusted (script-made) events are
// ignored without a trace: a page cannot tell from its own events that PostGuard is here.
'use strict';

(() => {
  const DEBOUNCE_MS = 150;
  const { classify, generic, context, isSubmitButton, isGenericSubmit, isSubmitKey, containsComposed } = PostGuardAdapter;
  const { read, append, keepCaret } = PostGuardEditor;
  const { ask, report, adapter } = PostGuardAsk;

  let site = null;
  adapter().then((s) => (site = s));

  let active = null; // {el, kind, field}: the composer or account field in use
  let latest = { text: null, verdict: null };
  let timer = 0;
  let replaying = false; // set while we re-send a submit the user allowed

  let reportedGeneric = false;
  function composerIn(event) {
    const path = event.composedPath();
    for (const node of path) {
      const kind = classify(node, site);
      if (kind) return { el: node, ...kind };
    }
    // No rule describes it: guess from the element alone (low confidence), and tell the
    // background, so the popup can say this site's adapter may be out of date.
    const kind = generic(path[0], site);
    if (!kind) return null;
    if (!reportedGeneric) {
      reportedGeneric = true;
      ask({ type: PostGuardProtocol.adapterStatus, platform: site.platform, strategy: kind.strategy }).catch(() => {});
    }
    return { el: path[0], ...kind };
  }

  function draftOf(el) {
    const text = read(el);
    return { text, ...context(el, site, active?.field, text) };
  }

  async function check() {
    if (!active) return null;
    const { el } = active;
    const draft = draftOf(el);
    const verdict = await ask({ type: PostGuardProtocol.evaluate, draft });
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

  window.addEventListener(
    'focusin',
    (e) => {
      if (!site || !e.isTrusted) return;
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
      if (site && e.isTrusted && active && e.composedPath().includes(active.el)) checkSoon();
    },
    true,
  );

  /** Stops the site from seeing this submit, and decides what happens next. */
  function intercept(e, resend) {
    if (replaying || !active?.el.isConnected) return;
    const text = read(active.el);
    if (!text.trim()) return;
    if (latest.text === text && latest.verdict?.verdict === 'allow') return submitted(null);
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

  /**
   * Tells the background a submit goes through: it keeps the record of City-account posts
   * (§7.0), judging the exact text sent itself (so no verdict is sent along). A record that
   * could not be kept is reported, so the popup shows the problem; the post still goes.
   */
  function submitted(override) {
    if (!active?.el.isConnected) return;
    ask({ type: PostGuardProtocol.submitted, draft: draftOf(active.el), override }).catch((err) =>
      report(new Error(`the post went through, but its record (§7.0) may not have been kept: ${err.message}`)));
  }

  function send(resend, override = null) {
    submitted(override);
    replaying = true;
    try {
      resend();
    } finally {
      replaying = false;
    }
  }

  async function decide(verdict, resend) {
    const { el, insert } = active;
    const typed = read(el);
    const backToEditor = keepCaret(el);
    PostGuardHighlight.show(el, verdict.findings); // the words that warned, underlined (content/highlight.js)
    const choice = await PostGuardPanel.show(verdict, el);
    PostGuardHighlight.hide();
    if (choice.action === 'post') {
      // Exactly what the user wrote: nothing was changed, so the site sends `typed`.
      if (read(el) === typed) return send(resend, { reason: choice.reason ?? null });
      // The words changed under the panel, so the choice was about others: judge these.
      const v = await check();
      return v && v.verdict !== 'allow' ? decide(v, resend) : send(resend);
    }
    if (!el.isConnected) return; // the site navigated away: there is no editor to go back to
    if (choice.action === 'edit' || choice.action === 'fix') {
      // Heeded: the popup's recent findings show it (the draft as it was when warned).
      ask({ type: PostGuardProtocol.answered, draft: { ...draftOf(el), text: typed }, answer: choice.action }).catch(report);
    }
    try {
      backToEditor();
      if (choice.action === 'fix' && !(await append(el, choice.fix.insert, insert))) {
        report(new Error('the editor did not accept the inserted text'));
      }
    } catch (err) {
      report(err); // not posting was chosen: a failure must not reach intercept's catch, which posts
    }
    check().catch(report);
  }

  window.addEventListener(
    'click',
    (e) => {
      if (!site || !e.isTrusted) return;
      // composedPath: the button may sit inside an open shadow root (Reddit).
      const path = e.composedPath();
      const button =
        isSubmitButton(path, site, active?.el) ?? (active?.strategy === 'generic' ? isGenericSubmit(path, active.el, site) : null);
      if (button) intercept(e, () => button.click());
    },
    true,
  );

  window.addEventListener(
    'keydown',
    (e) => {
      if (!site || !e.isTrusted || !active || !e.composedPath().includes(active.el) || !isSubmitKey(e, active.keys ?? site.submit?.keys)) return;
      if (active.kind === 'field') return; // forms submit through the 'submit' event
      const init = {
        key: e.key, code: e.code, keyCode: e.keyCode, which: e.which,
        ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, altKey: e.altKey,
        bubbles: true, cancelable: true, composed: true,
      };
      const target = e.composedPath()[0]; // inside a shadow root, e.target is only its host
      intercept(e, () => target.dispatchEvent(new KeyboardEvent('keydown', init)));
    },
    true,
  );

  window.addEventListener(
    'submit',
    (e) => {
      const form = e.target;
      if (!site || active?.kind !== 'field' || !containsComposed(form, active.el)) return;
      const submitter = e.submitter;
      intercept(e, () => form.requestSubmit(submitter?.form === form ? submitter : undefined));
    },
    true,
  );
})();
