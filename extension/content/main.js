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
  const PRESS_MS = 5000; // a click belongs to the pointerdown before it for this long
  const { classify, generic, context, submitFor, submitCandidate, owner, isSubmitKey, containsComposed } = PostGuardAdapter;
  const { read, append, keepCaret } = PostGuardEditor;
  const { ask, report, adapter } = PostGuardAsk;

  let site = null;
  adapter().then((s) => (site = s));

  // Every composer or account field the user has used on this page, oldest first:
  // {el, kind, field, keys, insert, strategy, text (as last read), latest: {text, verdict}}.
  // A submit belongs to the composer of its control, which need not be the last focused.
  const used = [];
  let active = null; // the entry in use
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

  /** The entry for `found` (one per element), now the most recent. */
  function use(found) {
    let entry = used.find((c) => c.el === found.el);
    if (entry) used.splice(used.indexOf(entry), 1);
    else entry = { ...found, text: null, latest: { text: null, verdict: null } };
    used.push(entry);
    if (used.length > 20) used.shift();
    return entry;
  }

  // An editor the page detached (at pointerdown, say) is judged from the text last read in it.
  const textOf = (entry) => (entry.el.isConnected ? read(entry.el) : entry.text ?? '');

  function draftOf(entry, text = textOf(entry)) {
    return { text, ...context(entry.el, site, entry.field, text) };
  }

  async function check(entry = active) {
    if (!entry) return null;
    const text = textOf(entry);
    entry.text = text;
    const draft = await PostGuardFrames.fill(draftOf(entry, text)); // an iframe's editor: the top page's account
    const verdict = await ask({ type: PostGuardProtocol.evaluate, draft });
    if (textOf(entry) === text) {
      entry.latest = { text, verdict };
      if (entry === active) PostGuardLive.show(verdict, entry.el, () => openPanel(entry));
    }
    return verdict;
  }

  const checkSoon = () => {
    clearTimeout(timer);
    const entry = active;
    timer = setTimeout(() => PostGuardLive.idle(() => check(entry).catch(report)), DEBOUNCE_MS);
  };

  window.addEventListener(
    'focusin',
    (e) => {
      if (!site || !e.isTrusted) return;
      const found = composerIn(e);
      if (!found || found.el === active?.el) return;
      if (active) PostGuardPanel.setBadge(null); // the last composer's badge, until this one is judged
      active = use(found);
      checkSoon();
    },
    true,
  );

  window.addEventListener(
    'focusout',
    (e) => {
      if (!site || !e.isTrusted || !active || !e.composedPath().includes(active.el)) return;
      // Into the badge (to open it) or the panel: stays. Elsewhere: the badge no longer takes clicks.
      if (!e.relatedTarget?.closest?.('[data-postguard]')) PostGuardLive.calm();
    },
    true,
  );

  window.addEventListener(
    'input',
    (e) => {
      if (!site || !e.isTrusted || !active || !e.composedPath().includes(active.el)) return;
      if (e.inputType?.startsWith('delete')) active.erasedAt = performance.now(); // the user's own erasing
      checkSoon();
    },
    true,
  );

  /** The badge was opened: the same panel a submit would show, for the draft as it is now. */
  async function openPanel(entry) {
    if (PostGuardPanel.isOpen() || !entry.el.isConnected) return;
    active = entry;
    const text = textOf(entry);
    const verdict = entry.latest.text === text ? entry.latest.verdict : await check(entry);
    if (verdict && verdict.verdict !== 'allow') decide(verdict, null, entry);
  }

  /** Stops the site from seeing this submit, and decides what happens next. True when held. */
  function intercept(e, resend, entry = active, anchor = null) {
    if (replaying || !entry) return false;
    active = entry;
    const text = textOf(entry);
    if (!text.trim()) return false;
    if (entry.latest.text === text && entry.latest.verdict?.verdict === 'allow') return submitted(entry, null), false;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (PostGuardPanel.isOpen()) return true;
    const verdict = entry.latest.text === text ? Promise.resolve(entry.latest.verdict) : check(entry);
    verdict
      .then((v) => (v && v.verdict !== 'allow' ? decide(v, resend, entry, anchor) : send(resend, entry)))
      .catch((err) => {
        report(err);
        send(resend, entry);
      });
    return true;
  }

  /**
   * Tells the background a submit goes through: it keeps the record of City-account posts
   * (§7.0), judging the exact text sent itself (so no verdict is sent along). A record that
   * could not be kept is reported, so the popup shows the problem; the post still goes.
   */
  function submitted(entry, override) {
    if (!entry.el.isConnected && entry.text === null) return;
    entry.sentAt = performance.now(); // recorded as sent: content/unchecked.js need not
    PostGuardFrames.fill(draftOf(entry))
      .then((draft) => ask({ type: PostGuardProtocol.submitted, draft, override }))
      .catch((err) => report(new Error(`the post went through, but its record (§7.0) may not have been kept: ${err.message}`)));
  }

  /** A person's click or key that PostGuard did not hold: did a warned City draft go out anyway? */
  const unheld = (control) => PostGuardUnchecked.watch(used, control, { textOf, draftOf, ask, report });

  function send(resend, entry, override = null) {
    if (!resend) return; // opened from the badge: nothing was held, the user posts as usual
    submitted(entry, override);
    replaying = true;
    try {
      resend();
    } finally {
      replaying = false;
    }
  }

  async function decide(verdict, resend, entry, anchor = null) {
    const { el, insert } = entry;
    const typed = textOf(entry);
    const backToEditor = el.isConnected ? keepCaret(el) : () => {};
    const at = entry.frame?.isConnected ? entry.frame : el.isConnected ? el : anchor?.isConnected ? anchor : document.body;
    if (el.isConnected) PostGuardHighlight.show(el, verdict.findings); // the words that warned, underlined (content/highlight.js)
    const choice = await PostGuardPanel.show(verdict, at);
    // Back to editing, the words stay underlined while the live badge warns (content/live.js).
    if (choice.action !== 'edit') PostGuardHighlight.hide();
    if (choice.action === 'post') {
      // Exactly what the user wrote: nothing was changed, so the site sends `typed`.
      if (textOf(entry) === typed) return send(resend, entry, { reason: choice.reason ?? null });
      // The words changed under the panel, so the choice was about others: judge these.
      const v = await check(entry);
      return v && v.verdict !== 'allow' ? decide(v, resend, entry, anchor) : send(resend, entry);
    }
    if (!el.isConnected) return; // the site navigated away: there is no editor to go back to
    if (choice.action === 'edit' || choice.action === 'fix') {
      // Heeded: the popup's recent findings show it (the draft as it was when warned).
      ask({ type: PostGuardProtocol.answered, draft: draftOf(entry, typed), answer: choice.action }).catch(report);
    }
    try {
      backToEditor();
      if (choice.action === 'fix' && !(await append(el, choice.fix.insert, insert))) {
        report(new Error('the editor did not accept the inserted text'));
      }
    } catch (err) {
      report(err); // not posting was chosen: a failure must not reach intercept's catch, which posts
    }
    check(entry).catch(report);
  }

  /** The submit control `path` hits and the composer it belongs to, or null. */
  function submitOf(path) {
    const control = submitCandidate(path, site);
    if (!control) return null;
    // Editors in same-origin iframes count too: the page's Post is outside their frame.
    if (PostGuardFrames.top) for (const f of PostGuardFrames.composers(site)) if (read(f.el).trim()) use(f);
    const entry = owner(control, used.filter((c) => c.kind === 'editor' || c.el.isConnected));
    const button = entry && submitFor(path, site, entry.frame ?? entry.el); // near its frame, for an iframe's editor
    return button ? { button, entry } : null;
  }

  // No composer used yet, and no iframe that could hold one: a click has nothing to do with us.
  const nothingToGuard = () => !used.length && !(PostGuardFrames.top && document.querySelector('iframe'));

  // Remembered at pointerdown, while the page has not yet moved anything: which composer the
  // pressed control belongs to, and its text (an editor may be detached before the click).
  let pressed = null;
  window.addEventListener(
    'pointerdown',
    (e) => {
      if (!site || !e.isTrusted || nothingToGuard()) return;
      const hit = submitOf(e.composedPath());
      if (hit?.entry.el.isConnected) hit.entry.text = read(hit.entry.el);
      pressed = hit && { ...hit, at: performance.now() };
    },
    true,
  );

  window.addEventListener(
    'click',
    (e) => {
      if (!site || !e.isTrusted || nothingToGuard()) return;
      // composedPath: the button may sit inside an open shadow root (Reddit).
      const path = e.composedPath();
      const fresh = pressed && path.includes(pressed.button) && performance.now() - pressed.at < PRESS_MS;
      const hit = fresh ? pressed : submitOf(path);
      pressed = null;
      if (path.some((n) => n instanceof Element && n.dataset.postguard)) return; // PostGuard's own panel or badge
      if (!(hit && intercept(e, () => hit.button.click(), hit.entry, hit.button))) unheld(path.find((n) => n instanceof Element));
    },
    true,
  );

  window.addEventListener(
    'keydown',
    (e) => {
      if (!site || !e.isTrusted || replaying) return;
      // The composer of the focused element, whichever was focused last.
      const entry = used.findLast((c) => e.composedPath().includes(c.el));
      if (!entry || !isSubmitKey(e, entry.keys ?? site.submit?.keys)) {
        if (e.key === 'Enter' && !e.isComposing && used.length) unheld(e.composedPath()[0]);
        return;
      }
      if (entry.kind === 'field') return; // forms submit through the 'submit' event
      const init = {
        key: e.key, code: e.code, keyCode: e.keyCode, which: e.which,
        ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, altKey: e.altKey,
        bubbles: true, cancelable: true, composed: true,
      };
      const target = e.composedPath()[0]; // inside a shadow root, e.target is only its host
      if (!intercept(e, () => target.dispatchEvent(new KeyboardEvent('keydown', init)), entry)) unheld(target);
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
