// Keeps the keyboard inside a modal surface (the panel): Tab and Shift+Tab cycle through its
// controls and never reach the page behind it, as a modal dialog's must (WAI-ARIA APG). The
// surface is a closed shadow root, so the browser's own order would leave it after its last
// button; this moves focus itself. Listens on window in the capture phase, ahead of the page.
'use strict';

const PostGuardFocus = (() => {
  // `summary` too: "Why?" must open from the keyboard.
  const FOCUSABLE = 'button:not([disabled]), textarea:not([disabled]), input:not([disabled]), a[href], summary, [tabindex]:not([tabindex="-1"])';

  /** Traps Tab inside `root` (a shadow root) while it is shown; returns the function that ends it. */
  function trap(root) {
    const onKey = (e) => {
      if (e.key !== 'Tab' || !e.isTrusted || e.altKey || e.ctrlKey || e.metaKey) return;
      const items = [...root.querySelectorAll(FOCUSABLE)].filter((el) => el.checkVisibility());
      if (!items.length) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const at = items.indexOf(root.activeElement);
      // From outside the panel (the editor, the page) Tab enters at its first control, Shift+Tab at its last.
      const next = at < 0 ? (e.shiftKey ? items.length - 1 : 0) : (at + (e.shiftKey ? -1 : 1) + items.length) % items.length;
      items[next].focus({ preventScroll: true });
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }

  return { trap };
})();
