// §6.2.7: holds a click on a follow, like or friend control until the engine has judged it.
// The site adapter's `actions` say which controls are which, and its `target` how to read
// whom they connect with (handle, name, kind); the account comes from `account` as for drafts.
// The engine decides and words the panel ("Follow anyway"); this script only carries and draws.
// If the engine cannot answer, the click goes through: PostGuard never traps anyone.
'use strict';

(async () => {
  const { ask, report, adapter } = PostGuardAsk;
  const { context, valueOf } = PostGuardAdapter;
  const site = await adapter();
  if (!site?.actions) return;

  /** The follow / like / friend control an event's path hits, as {el, action}, or null. */
  function controlIn(path) {
    for (const node of path) {
      if (!(node instanceof Element)) continue;
      for (const [action, strategies] of Object.entries(site.actions)) {
        if ((strategies ?? []).some((s) => s.css && node.matches(s.css))) return { el: node, action };
      }
    }
    return null;
  }

  /** What the engine judges: who acts (as for a draft), the action, and whom it connects with. */
  function eventOf({ el, action }) {
    const t = site.target ?? {};
    const target = {
      kind: valueOf(t.kind, el, site, '') ?? 'unknown',
      name: valueOf(t.name, el, site, ''),
      handle: valueOf(t.handle, el, site, ''),
    };
    return { text: '', ...context(el, site, null, ''), action, target };
  }

  // The verdict is asked for as the pointer goes down, so a click the engine allows usually
  // passes untouched; otherwise the click is held until the answer comes.
  let asked = null; // {el, key, pending, verdict}
  function verdictFor(control) {
    const draft = eventOf(control);
    const key = JSON.stringify(draft);
    if (asked?.el !== control.el || asked.key !== key) {
      const entry = { el: control.el, key, verdict: null };
      entry.pending = ask({ type: PostGuardProtocol.evaluate, draft }).then((v) => (entry.verdict = v));
      entry.pending.catch(() => {}); // handled where it is awaited
      asked = entry;
    }
    return asked;
  }

  window.addEventListener(
    'pointerdown',
    (e) => {
      if (!e.isTrusted) return; // a page's own events are never ours to judge
      const control = controlIn(e.composedPath());
      if (control) verdictFor(control);
    },
    true,
  );

  let replaying = false; // set while we re-send a click the user allowed
  function proceed(el) {
    replaying = true;
    try {
      el.click();
    } finally {
      replaying = false;
    }
  }

  async function decide(verdict, el) {
    const choice = await PostGuardPanel.show(verdict, el);
    if (choice.action === 'post') {
      if (el.isConnected) proceed(el);
    } else if (choice.action === 'edit') {
      el.focus({ preventScroll: true });
    }
  }

  window.addEventListener(
    'click',
    (e) => {
      if (replaying || !e.isTrusted) return;
      const control = controlIn(e.composedPath());
      if (!control) return;
      const entry = verdictFor(control);
      if (entry.verdict?.verdict === 'allow') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (PostGuardPanel.isOpen()) return;
      entry.pending.then(
        (v) => (v?.verdict !== 'allow' && v?.panel ? decide(v, control.el) : proceed(control.el)),
        (err) => {
          report(new Error(`could not check this ${control.action}; it was let through: ${err.message}`));
          proceed(control.el);
        },
      );
    },
    true,
  );
})();
