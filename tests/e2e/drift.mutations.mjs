// The markup drift tests/e2e/drift.test.mjs applies to every site fixture (issue 12): what a
// site's redesign does to the submit control and the composer's wrapper. Data, applied in the
// page by `drift()` below: `strip` removes the attributes, `rename` changes every value
// (test ids and classes get a new suffix, as a bundler's hashed names do). Slots stay: a
// renamed slot is a broken page (the control is not rendered), not a redesign.
export const MUTATIONS = [
  { name: 'test ids renamed', attrs: ['data-testid', 'data-e2e', 'data-view-name', 'id'], how: 'rename' },
  { name: 'aria-labels stripped', attrs: ['aria-label', 'aria-labelledby'], how: 'strip' },
  { name: 'classes renamed', attrs: ['class'], how: 'rename' },
  { name: 'all of it', attrs: ['data-testid', 'data-e2e', 'data-view-name', 'id', 'aria-label', 'aria-labelledby', 'class'], how: 'rename+strip' },
];

/**
 * In the page: mutates the submit control (marked `data-drift=submit` by the test, which no
 * adapter reads, so the test can still click it) and the two nearest wrappers of the composer in
 * focus, through open shadow roots (Reddit). `m` is one of MUTATIONS.
 */
export function drift({ m }) {
  const deep = (css, root = document) => {
    const hit = root.querySelector(css);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const h = deep(css, el.shadowRoot); if (h) return h; }
    return null;
  };
  const button = deep('[data-drift=submit]');
  let editor = document.activeElement;
  while (editor?.shadowRoot?.activeElement) editor = editor.shadowRoot.activeElement;
  if (!button || !editor || editor === document.body) return `missing ${button ? 'the focused composer' : 'the submit control'}`;
  const up = (n) => n.parentElement ?? n.getRootNode().host ?? null;
  const targets = [button, up(editor), up(editor) && up(up(editor))].filter(Boolean);
  const strip = m.how.includes('strip') && m.how !== 'rename+strip' ? m.attrs : m.how === 'rename+strip' ? ['aria-label', 'aria-labelledby'] : [];
  for (const el of targets) {
    for (const a of m.attrs) {
      if (!el.hasAttribute(a)) continue;
      if (strip.includes(a)) el.removeAttribute(a);
      else if (a === 'class') el.setAttribute('class', [...el.classList].map((c) => `${c}_z9`).join(' '));
      else el.setAttribute(a, `${el.getAttribute(a)}_z9`);
    }
  }
  return 'ok';
}
