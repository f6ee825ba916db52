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

  /** Is there page content at (x, y) other than PostGuard's own and the composer's empty space? */
  function contentAt(x, y, anchor) {
    for (const el of document.elementsFromPoint(x, y)) {
      if (el === document.documentElement || el === document.body) continue;
      if (el.closest('[data-postguard]')) continue; // PostGuard's own surfaces
      if (anchor.contains(el)) {
        if (textAt(el, x, y)) return true; // the draft's own words: never cover them either
        continue;
      }
      if (el.contains(anchor)) continue; // the composer's boxes around it
      if (el.matches(CONTENT) || el.closest(CONTENT) || textAt(el, x, y)) return true;
    }
    return false;
  }

  /** A grid of points over the box {left, top, w, h}, its corners and centre among them. */
  function points({ left, top, w, h }) {
    const xs = [0, 0.25, 0.5, 0.75, 1].map((f) => left + 1 + f * (w - 2));
    const ys = [0, 0.5, 1].map((f) => top + 1 + f * (h - 2));
    return xs.flatMap((x) => ys.map((y) => [x, y]));
  }

  const inView = ({ left, top, w, h }) => left >= EDGE && top >= EDGE && left + w <= innerWidth - EDGE && top + h <= innerHeight - EDGE;

  /** Puts `el` (a fixed-position surface host) where it covers nothing of the page near `anchor`. */
  function placeBadge(el, anchor) {
    const r = anchor.getBoundingClientRect();
    const w = el.offsetWidth, h = el.offsetHeight;
    const clampX = (x) => Math.max(EDGE, Math.min(x, innerWidth - w - EDGE));
    const candidates = [
      { left: r.right - w - GAP, top: r.bottom - h - GAP }, // inside the bottom-right corner
      { left: r.right + GAP, top: r.bottom - h }, // right of it
      { left: clampX(r.right - w), top: r.bottom + GAP }, // below
      { left: clampX(r.right - w), top: r.top - h - GAP }, // above
      { left: clampX(r.left), top: r.bottom + GAP },
      { left: clampX(r.left), top: r.top - h - GAP },
    ].map((c) => ({ ...c, w, h }));
    let best = null;
    for (const c of candidates.filter(inView)) {
      const hits = points(c).filter(([x, y]) => contentAt(x, y, anchor)).length;
      if (!best || hits < best.hits) best = { ...c, hits };
      if (!hits) break;
    }
    // Nowhere is free (or the composer is off screen): the clear-most place, else the corner.
    const at = best ?? { left: clampX(candidates[0].left), top: Math.max(EDGE, Math.min(candidates[0].top, innerHeight - h - EDGE)) };
    Object.assign(el.style, { position: 'fixed', zIndex: '2147483647', left: `${at.left}px`, top: `${at.top}px` });
    el.dataset.place = best ? String(candidates.findIndex((c) => c.left === best.left && c.top === best.top)) : 'none';
  }

  // The badge follows its composer as the page scrolls or the window resizes.
  let current = null;
  let frame = 0;
  const again = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => current?.el.isConnected && current.anchor.isConnected && placeBadge(current.el, current.anchor));
  };
  addEventListener('scroll', again, { capture: true, passive: true });
  addEventListener('resize', again, { passive: true });

  /** Places the badge `el` by `anchor`, and keeps it placed as the page moves. */
  function badge(el, anchor) {
    current = { el, anchor };
    placeBadge(el, anchor);
  }

  return { badge, placeBadge };
})();
