// Every element PostGuard draws on a page (panel, badge, reminder, password warning) is made
// here, because the page is not trusted: it can read open shadow roots, restyle, overlay, fire
// events and move focus. So each surface is a CLOSED shadow root whose host's styles are pinned
// inline with !important (and put back if the page changes them), and a button acts only for a
// person: a trusted click that lands on the button itself, on a surface that has been visible
// and unobscured for ACTIVATE_MS, or a trusted key on a button the user or PostGuard focused.
'use strict';

const PostGuardSurface = (() => {
  const ACTIVATE_MS = 500;
  // What a page could use to hide, fade, move, clip or cover a surface. Position itself is
  // left to the caller (left/top/right/bottom).
  const PINNED = {
    position: 'fixed', display: 'block', opacity: '1', visibility: 'visible', 'pointer-events': 'auto',
    'z-index': '2147483647', transform: 'none', translate: 'none', rotate: 'none', scale: 'none', zoom: '1',
    filter: 'none', 'backdrop-filter': 'none', 'clip-path': 'none', 'mask-image': 'none', 'mix-blend-mode': 'normal',
    'overflow-x': 'visible', 'overflow-y': 'visible', width: 'auto', height: 'auto', 'max-width': 'none',
    'max-height': 'none', 'content-visibility': 'visible', contain: 'none', 'transition-property': 'none',
    'animation-name': 'none', isolation: 'isolate',
  };
  // Attributes a page could add to the host to hide or disable it; removed when seen.
  const FOREIGN = ['hidden', 'inert', 'popover', 'class', 'id'];
  // IntersectionObserver v2: the browser itself says whether a target is drawn unobscured
  // (no overlay, even one with pointer-events: none; no opacity or filter on any ancestor).
  const tracksVisibility = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

  const states = new WeakMap(); // shadow root -> {el, root, visible, visibleSince, pinned, kept, seen, timer}

  /**
   * Sets the pinned styles; true when the page had changed one (a value, or an attribute), not
   * when only the priority was lost (PostGuard's own layout code may write position or z-index).
   * Compares with the value as the browser keeps it, so restoring never loops.
   */
  function pin(el, state) {
    let tampered = false;
    for (const [prop, value] of Object.entries({ ...PINNED, ...state.pinned })) {
      const kept = state.kept.get(prop);
      const now = el.style.getPropertyValue(prop);
      if (kept !== undefined && now === kept && el.style.getPropertyPriority(prop) === 'important') continue;
      if (kept !== undefined && now !== kept) tampered = true;
      el.style.setProperty(prop, value, 'important');
      state.kept.set(prop, el.style.getPropertyValue(prop));
    }
    for (const a of FOREIGN) if (el.hasAttribute(a)) (el.removeAttribute(a), (tampered = true));
    return tampered;
  }

  /**
   * A new surface host `[data-postguard=kind]` with a closed shadow root. `pinned` adds pinned
   * styles (e.g. {'pointer-events': 'none'} for a badge that only informs). Returns {el, root}.
   */
  function create(kind, pinned = {}) {
    const el = document.createElement('div');
    el.dataset.postguard = kind;
    const root = el.attachShadow({ mode: 'closed' });
    const state = { el, root, visible: false, visibleSince: null, pinned, seen: new Map(), kept: new Map() };
    states.set(root, state);
    pin(el, state);
    // The page changed the host's style or attributes: put them back, and the surface must be
    // seen unobscured for ACTIVATE_MS again before a button acts.
    new MutationObserver(() => {
      if (pin(el, state)) (state.visibleSince = state.visible ? performance.now() : null), arm(state);
    }).observe(el, { attributes: true });
    if (tracksVisibility) {
      const io = new IntersectionObserver((entries) => {
        for (const e of entries) state.seen.set(e.target, e.isVisible);
        state.visible = [...state.seen.values()].every(Boolean);
        state.visibleSince = state.visible ? (state.visibleSince ?? performance.now()) : null;
        // Something the page added later at the same z-index (a chat widget) covers it: come
        // back on top, last in the document, once; what still covers it is the page's doing.
        if (!state.visible && el.isConnected && document.documentElement.lastElementChild !== el) document.documentElement.append(el);
        arm(state);
      }, { trackVisibility: true, delay: 100, threshold: [0] });
      // Whatever the surface shows, not only the host: an overlay on part of it counts.
      const watch = () => {
        for (const child of root.children) if (!state.seen.has(child)) (state.seen.set(child, false), io.observe(child));
      };
      new MutationObserver(watch).observe(root, { childList: true });
    }
    // A button added later (the reason box's Confirm) is marked as the others are.
    new MutationObserver(() => arm(state)).observe(root, { childList: true, subtree: true });
    if (!tracksVisibility) {
      // No v2: count from when the host is in the page; the hit test at the click decides.
      new IntersectionObserver((entries) => {
        state.visible = entries.at(-1).isIntersecting;
        state.visibleSince = state.visible ? (state.visibleSince ?? performance.now()) : null;
        arm(state);
      }).observe(el);
    }
    return { el, root };
  }

  const armed = (state) => state.visibleSince !== null && performance.now() - state.visibleSince >= ACTIVATE_MS;
  // Marks guarded buttons (inside the closed root: the page cannot see it) as ready, for the
  // look of it and for the tests, which wait for data-guard=armed before a person's click.
  function arm(state) {
    clearTimeout(state.timer);
    const ready = armed(state);
    for (const b of state.root.querySelectorAll('[data-guard]')) b.dataset.guard = ready ? 'armed' : 'waiting';
    if (!ready && state.visibleSince !== null) {
      state.timer = setTimeout(() => arm(state), ACTIVATE_MS - (performance.now() - state.visibleSince) + 1);
    }
  }

  /** Is the host drawn as PostGuard drew it: no page style on it or on the document hides it? */
  function drawnPlainly(el) {
    for (const n of [el, document.documentElement]) {
      const s = getComputedStyle(n);
      if (s.visibility !== 'visible' || Number(s.opacity) < 1 || s.filter !== 'none' || s.clipPath !== 'none' ||
          (n === el && s.transform !== 'none') || (s.mask && s.mask !== 'none')) return false;
    }
    return true;
  }

  /** Does a pointer at (x, y) find `button` of `el` on top of everything? */
  function onTop(el, root, button, x, y) {
    return document.elementsFromPoint(x, y)[0] === el && button.contains(root.elementFromPoint(x, y));
  }

  /**
   * Calls `onChoose()` when a person activates `button` (inside a surface), and never for
   * the page: untrusted events, clicks before the surface was seen unobscured for ACTIVATE_MS,
   * clicks that land elsewhere or under something, keys on a button the page focused.
   */
  function guard(button, onChoose) {
    button.dataset.guard = 'waiting';
    let focusedBy = null; // 'user' | 'self' | null (the page, or nobody)
    let lastKey = null; // the trusted Enter/Space that may turn into a click
    const ownFocus = HTMLElement.prototype.focus;
    // PostGuard's own scripts focus it through this (the page's world cannot see it).
    button.focus = function focus(...args) {
      focusedBy = 'self';
      return ownFocus.apply(this, args);
    };
    let userInput = 0; // when the user last pressed Tab or a pointer on this button
    button.addEventListener('pointerdown', (e) => { if (e.isTrusted) userInput = performance.now(); });
    button.addEventListener('keydown', (e) => {
      if (!e.isTrusted) return;
      if (e.key === 'Enter' || e.key === ' ') lastKey = performance.now();
    });
    button.addEventListener('focus', () => {
      if (focusedBy === 'self') return;
      focusedBy = performance.now() - Math.max(userInput, lastTab) < 1000 ? 'user' : null;
    });
    button.addEventListener('blur', () => { focusedBy = null; });
    button.addEventListener('click', (e) => {
      e.stopPropagation();
      const state = states.get(button.getRootNode());
      if (!e.isTrusted || !state || !armed(state) || !state.el.isConnected) return;
      if (e.detail === 0) { // a key (Enter, Space), not a pointer
        if (!focusedBy || lastKey === null || performance.now() - lastKey > 1000) return;
      } else {
        if (!button.contains(e.composedPath()[0])) return;
        if (!tracksVisibility && !(drawnPlainly(state.el) && onTop(state.el, state.root, button, e.clientX, e.clientY))) return;
      }
      lastKey = null;
      onChoose();
    });
  }

  // Tab is the user's way to reach a button by keyboard: noted once for the whole page, in the
  // capture phase before the page's own listeners (this script runs at document_start).
  let lastTab = -Infinity;
  addEventListener('keydown', (e) => { if (e.isTrusted && e.key === 'Tab') lastTab = performance.now(); }, true);

  return { create, guard };
})();
