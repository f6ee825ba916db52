// The live warning (issue 12): while a City account is active, the badge carries the current
// draft's verdict as it is typed, before any submit, so a post PostGuard never sees submitted
// (a site whose markup drifted) has still been flagged on screen. main.js judges the draft
// (debounced, `evaluate`); this file words the badge and opens the same panel a submit would.
'use strict';

const PostGuardLive = (() => {
  // The badge's words, from the extension's catalogue (_locales) in the browser's language.
  const t = (key, subs) => chrome.i18n.getMessage(key, subs);
  const LABELS = {
    warn: (n, sections) => (n === 1 ? t('liveWarnOne', [sections]) : t('liveWarnMany', [String(n), sections])),
    block: (n, sections) => (n === 1 ? t('liveBlockOne', [sections]) : t('liveBlockMany', [String(n), sections])),
    get open() { return t('liveOpen'); },
    get unchecked() { return t('uncheckedNotice'); },
  };

  /** The badge for `verdict` by `el`: neutral, warn or block; `onOpen` runs when the user opens it. */
  function show(verdict, el, onOpen) {
    last = null;
    const level = verdict?.verdict === 'block' ? 'block' : verdict?.verdict === 'warn' ? 'warn' : 'neutral';
    // The words that warned, underlined as they are typed (content/highlight.js); while the
    // panel is open it shows the panel's.
    if (!PostGuardPanel.isOpen()) {
      if (verdict?.badge && level !== 'neutral') PostGuardHighlight.show(el, verdict.findings);
      else PostGuardHighlight.hide();
    }
    if (!verdict?.badge) return PostGuardPanel.setBadge(null);
    if (level === 'neutral') return PostGuardPanel.setBadge(verdict.badge, el, 'neutral');
    const findings = verdict.findings.filter((f) => f.severity !== 'info' && f.severity !== 'off');
    const shown = findings.length ? findings : verdict.findings;
    const sections = [...new Set(shown.map((f) => `§${f.section}`))].join(', ');
    const text = `${verdict.badge} · ${LABELS[level](shown.length, sections)}`;
    last = { text, el, level };
    PostGuardPanel.setBadge(text, el, level, onOpen, LABELS.open);
  }

  let last = null;
  /**
   * Focus left the composer for the page: the warning stays in sight, but no longer takes
   * clicks, so it never covers what the user went to (the next page of an SPA, a field above).
   */
  function calm() {
    if (last?.el.isConnected) PostGuardPanel.setBadge(last.text, last.el, last.level, null);
    last = null;
  }

  // The check runs when the page is idle, never inside the keypress that caused it.
  const idle = (fn) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 250 }) : setTimeout(fn));

  return { show, calm, idle, LABELS };
})();
