// Underlines the words that triggered the findings (their evidence: the words quoted) in the
// composer, as Grammarly and Harper do, while the live badge warns and the panel is open. It never touches the editor's
// DOM (an editor's model would take marks for words): it draws an overlay, a surface of its own
// (content/surface.js: closed shadow root, pointer-events none so every click reaches the
// page), with one line per rectangle of Range.getClientRects() over the quoted words (for a
// textarea, over a hidden copy laid out as it is), clipped to the composer, and draws again as
// the page scrolls or the window resizes.
'use strict';

const PostGuardHighlight = (() => {
  const css = `
    :host { all: initial; }
    .mark { position: fixed; pointer-events: none; border-bottom: 2px solid #c62828;
      background: rgba(198, 40, 40, .12); box-sizing: border-box; }
    @media (prefers-color-scheme: dark) { .mark { border-color: #ff8a80; background: rgba(255, 138, 128, .18); } }`;
  let current = null; // {anchor, quotes, el, root}
  let frame = 0;

  /** The words of `findings` to mark: each finding's evidence, else its first span's text. */
  function quotesOf(findings) {
    const quotes = new Set();
    for (const f of findings ?? []) for (const e of f.evidence ?? []) if (e.text?.trim()) quotes.add(e.text);
    return [...quotes];
  }

  // A field's words are no nodes of the page: they are laid out again in a hidden copy (its
  // box, font and wrapping), whose text nodes give the rectangles, moved by the field's scroll.
  const MIRRORED = ['boxSizing', 'width', 'height', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
    'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'fontFamily', 'fontSize', 'fontWeight',
    'fontStyle', 'fontStretch', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textTransform', 'textIndent', 'tabSize', 'direction'];
  function mirrorOf(field, root) {
    const s = getComputedStyle(field);
    const r = field.getBoundingClientRect();
    const m = document.createElement('div');
    for (const p of MIRRORED) m.style[p] = s[p];
    Object.assign(m.style, {
      position: 'fixed', left: `${r.left}px`, top: `${r.top}px`, visibility: 'hidden', overflow: 'hidden', borderStyle: 'solid',
      whiteSpace: field.tagName === 'INPUT' ? 'pre' : 'pre-wrap', overflowWrap: 'break-word', margin: '0',
    });
    m.textContent = field.value;
    root.append(m);
    return m;
  }

  /** Ranges over each occurrence of each quote in the composer's text nodes. */
  function rangesIn(anchor, quotes) {
    const ranges = [];
    const walker = document.createTreeWalker(anchor, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.data.toLowerCase();
      for (const q of quotes) {
        const needle = q.toLowerCase();
        for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + needle.length);
          ranges.push(r);
        }
      }
    }
    return ranges;
  }

  function draw() {
    if (!current) return;
    const { anchor, quotes, root } = current;
    if (!anchor.isConnected) return hide();
    const box = anchor.getBoundingClientRect();
    const field = 'value' in anchor && typeof anchor.value === 'string';
    const mirror = field ? mirrorOf(anchor, root) : null;
    const [dx, dy] = field ? [-anchor.scrollLeft, -anchor.scrollTop] : [0, 0];
    const marks = [];
    for (const range of rangesIn(mirror ?? anchor, quotes)) {
      for (const raw of range.getClientRects()) {
        const r = { left: raw.left + dx, right: raw.right + dx, top: raw.top + dy, bottom: raw.bottom + dy };
        // Only what shows inside the composer (it may scroll its own text).
        const left = Math.max(r.left, box.left), right = Math.min(r.right, box.right);
        const top = Math.max(r.top, box.top), bottom = Math.min(r.bottom, box.bottom);
        if (right - left < 1 || bottom - top < 1) continue;
        const m = document.createElement('div');
        m.className = 'mark';
        Object.assign(m.style, { left: `${left}px`, top: `${top}px`, width: `${right - left}px`, height: `${bottom - top}px` });
        marks.push(m);
      }
    }
    mirror?.remove();
    root.replaceChildren(...marks);
  }

  const redraw = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(draw);
  };

  /** Marks the words of `findings` in `anchor` (a contenteditable, textarea or input) until hide(). */
  function show(anchor, findings) {
    const quotes = quotesOf(findings);
    if (!quotes.length) return hide();
    // The same composer again (a new verdict while typing): new words, the same surface.
    if (current?.anchor === anchor && current.el.isConnected) {
      current.quotes = quotes;
      return redraw();
    }
    hide();
    const { el, root } = PostGuardSurface.create('highlight', { 'pointer-events': 'none' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    Object.assign(el.style, { left: '0px', top: '0px' });
    current = { anchor, quotes, el, root };
    document.documentElement.append(el);
    draw();
    addEventListener('scroll', redraw, { capture: true, passive: true });
    addEventListener('resize', redraw, { passive: true });
    // Typing moves the words before the next verdict names them: follow them in the next frame.
    addEventListener('input', redraw, { capture: true, passive: true });
  }

  function hide() {
    if (!current) return;
    current.el.remove();
    current = null;
    removeEventListener('scroll', redraw, { capture: true });
    removeEventListener('resize', redraw);
    removeEventListener('input', redraw, { capture: true });
  }

  return { show, hide };
})();
