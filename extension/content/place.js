// Where the City-account badge goes: somewhere it hides nothing. It only informs, so it must
// never cover the line that says which account is posting, the post being answered or any of
// the site's controls (issue 14: above the composer it hid "City of West Allis @CityofWestAllis"
// on X and "Add friend" on Facebook). Candidate places are tried in order, and the first where
// the page shows nothing at the badge's points (a grid over its box) but the composer's own
// empty space wins: inside the composer's bottom-right corner, right of it, below, above.
'use strict';

const PostGuardPlace = (() => {
  const GAP = 6;
  const EDGE = 4; // from the viewport's edges
  // What a person reads or presses: covering any of these hides something.
  const CONTENT = 'a[href], button, input, select, textarea, summary, label, img, svg, video, canvas, iframe, ' +
    '[role=button], [role=link], [role=menuitem], [role=tab], [role=checkbox], [role=switch], [role=textbox], [role=img], [tabindex]';

  /** Does a text node directly in `el` draw a glyph box that holds (x, y)? */
  function textAt(el, x, y) {
    for (const n of el.childNodes) {
      if (n.nodeType !== Node.TEXT_NODE || !n.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
    }
    return false;
  }

  /** Does `outer` hold `inner`, across open shadow roots (Reddit's composer lives in one)? */
  function holds(outer, inner) {
    for (let n = inner; n; n = n.parentNode ?? n.host) if (n === outer) return true;
    return false;
  }

  /** Is there page content at (x, y) other than PostGuard's own and the composer's empty space? */
  function contentAt(x, y, anchor, root = document) {
    for (const el of root.elementsFromPoint(x, y)) {
      if (el === document.documentElement || el === document.body || el === root.host) continue;
      if (el.closest('[data-postguard]')) continue; // PostGuard's own: coversSurface judges those
      if (holds(anchor, el)) continue; // the draft's own words are coversDraft's to judge
      // A custom element's open shadow root: what is drawn there (a Send button) counts too.
      if (el.shadowRoot && contentAt(x, y, anchor, el.shadowRoot)) return true;
      if (holds(el, anchor)) continue; // the composer's boxes around it
      if (el.matches(CONTENT) || el.closest(CONTENT) || textAt(el, x, y)) return true;
    }
    return false;
  }

  const overlaps = (a, r) => r.width > 0 && r.height > 0 && r.left < a.left + a.w && r.right > a.left && r.top < a.top + a.h && r.bottom > a.top;

  /**
   * Would the box cover the draft's own words? Their glyph boxes for a contenteditable; for a
   * field (no text nodes), the lines its value takes, estimated from its font and width.
   */
  function coversDraft(anchor, box) {
    if ('value' in anchor && typeof anchor.value === 'string') {
      const s = getComputedStyle(anchor);
      const size = parseFloat(s.fontSize) || 14;
      const line = parseFloat(s.lineHeight) || size * 1.3;
      const width = Math.max(1, anchor.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight));
      const lines = anchor.value.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil((p.length * size * 0.6) / width)), 0);
      const r = anchor.getBoundingClientRect();
      const textBottom = r.top + parseFloat(s.paddingTop) + lines * line - anchor.scrollTop;
      return overlaps(box, { left: r.left, right: r.right, top: r.top, bottom: textBottom, width: r.width, height: textBottom - r.top });
    }
    const walker = document.createTreeWalker(anchor, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(), i = 0; n && i < 2000; n = walker.nextNode(), i++) {
      if (!n.data.trim()) continue;
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (overlaps(box, r)) return true;
    }
    return false;
  }

  /**
   * Would the box cover another of PostGuard's surfaces (the panel, a warning)? Never allowed:
   * a surface covered, even by a badge that lets clicks through, never arms its buttons.
   */
  function coversSurface(box) {
    for (const s of document.querySelectorAll('[data-postguard]:not([data-postguard="badge"]):not([data-postguard="highlight"])')) {
      if (overlaps(box, s.getBoundingClientRect())) return true;
    }
    return false;
  }

  /** A grid of points over the box {left, top, w, h}, its corners and centre among them. */
  function points({ left, top, w, h }) {
    const xs = [0, 1 / 6, 2 / 6, 0.5, 4 / 6, 5 / 6, 1].map((f) => left + 1 + f * (w - 2));
    const ys = [0, 0.5, 1].map((f) => top + 1 + f * (h - 2));
    return xs.flatMap((x) => ys.map((y) => [x, y]));
  }

  const inView = ({ left, top, w, h }) => left >= EDGE && top >= EDGE && left + w <= innerWidth - EDGE && top + h <= innerHeight - EDGE;

  // Widths to try the badge at: as wide as its words, then cut to "Posting as City account…"
  // and shorter (the whole text stays its title and what a screen reader reads).
  const WIDTHS = [null, 160, 110];

  /**
   * Puts `el` (a fixed-position surface host) where it covers nothing of the page near `anchor`;
   * `fit(maxWidth|null)` narrows the badge when no place has room for all of it.
   */
  function placeBadge(el, anchor, fit = () => {}) {
    let best = null;
    for (const max of WIDTHS) {
      fit(max);
      const at = bestPlace(el, anchor);
      if (!best || at.hits < best.hits) best = { ...at, max };
      if (!at.hits) break;
    }
    if (best.max !== WIDTHS.at(-1)) fit(best.max);
    Object.assign(el.style, { position: 'fixed', zIndex: '2147483647', left: `${best.left}px`, top: `${best.top}px` });
    el.dataset.place = `${best.name}${best.max ? `@${best.max}` : ''}${best.hits ? ` covering ${best.hits}` : ''}`;
  }

  /** The first candidate place that covers nothing, else the one that covers least. */
  function bestPlace(el, anchor) {
    const r = anchor.getBoundingClientRect();
    const w = el.offsetWidth, h = el.offsetHeight;
    const clampX = (x) => Math.max(EDGE, Math.min(x, innerWidth - w - EDGE));
    const candidates = [
      { name: 'inside', left: r.right - w - GAP, top: r.bottom - h - GAP }, // the composer's bottom-right corner
      { name: 'right', left: r.right + GAP, top: r.bottom - h },
      { name: 'below', left: clampX(r.right - w), top: r.bottom + GAP },
      { name: 'above', left: clampX(r.right - w), top: r.top - h - GAP },
      { name: 'below-left', left: clampX(r.left), top: r.bottom + GAP },
      { name: 'above-left', left: clampX(r.left), top: r.top - h - GAP },
      // Last resorts, when the panel takes the room around the composer: the window's corners.
      { name: 'corner', left: innerWidth - w - EDGE, top: innerHeight - h - EDGE },
      { name: 'corner-left', left: EDGE, top: innerHeight - h - EDGE },
    ].map((c) => ({ ...c, w, h }));
    let best = null;
    for (const c of candidates.filter(inView)) {
      const hits = (coversSurface(c) ? 1000 : 0) + (coversDraft(anchor, c) ? 1 : 0) + points(c).filter(([x, y]) => contentAt(x, y, anchor)).length;
      if (!best || hits < best.hits) best = { ...c, hits };
      if (!hits) break;
    }
    // The composer is off screen: its corner, kept in the viewport.
    return best ?? { name: 'none', hits: Infinity, left: clampX(candidates[0].left), top: Math.max(EDGE, Math.min(candidates[0].top, innerHeight - h - EDGE)) };
  }

  // The badge follows its composer as the page scrolls or the window resizes.
  let current = null;
  let frame = 0;
  const again = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => current?.el.isConnected && current.anchor.isConnected && placeBadge(current.el, current.anchor, current.fit));
  };
  addEventListener('scroll', again, { capture: true, passive: true });
  addEventListener('resize', again, { passive: true });
  // A surface came or went (the panel opened beside the composer): make way for it.
  new MutationObserver(again).observe(document.documentElement, { childList: true });

  /** Places the badge `el` by `anchor` (narrowed by `fit`), and keeps it placed as the page moves. */
  function badge(el, anchor, fit) {
    current = { el, anchor, fit };
    placeBadge(el, anchor, fit);
  }

  return { badge, placeBadge };
})();
