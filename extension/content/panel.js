// Draws what the engine decided: the warning panel and the City-account badge.
// All wording comes from the engine's verdict; this file only lays it out.
// Both live in shadow roots so page styles cannot reach them, and every button ignores
// untrusted (script-made) events so the page cannot press them.
'use strict';

const PostGuardPanel = (() => {
  const css = `
    :host { all: initial; }
    .box { font: 14px/1.4 system-ui, sans-serif; color: #1b1b1b; background: #fffbe6;
      border: 2px solid #b35c00; border-radius: 10px; padding: 12px 14px; max-width: 420px;
      box-shadow: 0 6px 24px rgba(0,0,0,.25); }
    h2 { font-size: 15px; margin: 0 0 6px; }
    ul { margin: 0 0 10px; padding-left: 18px; }
    li { margin: 4px 0; }
    .sec { font-weight: 600; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; }
    button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid #555;
      background: #fff; cursor: pointer; }
    .reason { display: grid; gap: 6px; margin-top: 10px; }
    textarea { font: inherit; width: 100%; box-sizing: border-box; border: 1px solid #555; border-radius: 6px; padding: 4px 6px; }
    button:disabled { opacity: .5; cursor: default; }
    button:focus-visible { outline: 3px solid #0b5fff; outline-offset: 1px; }
    button[data-action=fix] { background: #0b5fff; color: #fff; border-color: #0b5fff; }
    .badge { font: 12px/1.2 system-ui, sans-serif; background: #0b3d91; color: #fff;
      padding: 3px 8px; border-radius: 10px; white-space: nowrap; border: 0; }
    .badge[data-state=warn] { background: #8a4b00; cursor: pointer; outline: 2px solid #ffd27a; }
    .badge[data-state=block] { background: #a30000; cursor: pointer; outline: 2px solid #ffb3b3; font-weight: 600; }
    @media (prefers-color-scheme: dark) {
      .box { background: #2b2410; color: #f4ecd8; border-color: #e08a2c; }
      button { background: #222; color: #eee; border-color: #888; }
      textarea { background: #1b1b1b; color: #eee; border-color: #888; }
    }`;
  let sheet;
  const styles = () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    return [sheet];
  };

  // A closed shadow root with pinned host styles (content/surface.js): the page can neither
  // read nor restyle what PostGuard says.
  function host(kind, pinned) {
    const { el, root } = PostGuardSurface.create(kind, pinned);
    root.adoptedStyleSheets = styles();
    return { el, root };
  }

  // Beside the composer, kept inside the viewport: below it if there is room, else above,
  // else pinned to the bottom edge (a huge paste makes the composer taller than the window).
  function place(el, anchor, below) {
    const r = anchor.getBoundingClientRect();
    const h = el.offsetHeight;
    const fits = (top) => top >= 8 && top + h <= innerHeight - 8;
    const under = r.bottom + 6;
    const over = r.top - h - 6;
    let top = below ? (fits(under) ? under : fits(over) ? over : innerHeight - h - 8) : r.top - h - 4;
    top = Math.max(4, top);
    Object.assign(el.style, {
      position: 'fixed',
      zIndex: '2147483647',
      left: `${Math.max(8, Math.min(r.left, innerWidth - el.offsetWidth - 8))}px`,
      top: `${top}px`,
    });
  }


  function button(action, label, onChoose, extra = {}) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.action = action;
    b.textContent = label;
    Object.assign(b.dataset, extra);
    PostGuardSurface.guard(b, onChoose);
    return b;
  }

  let open = null;

  /** A Block verdict: posting anyway needs a reason, which the record keeps (§7.0). */
  function askReason(box, words, done) {
    const existing = box.querySelector('textarea');
    if (existing) return existing.focus();
    const form = document.createElement('form');
    form.className = 'reason';
    const label = document.createElement('label');
    label.htmlFor = 'pg-reason';
    label.textContent = words.label;
    const field = document.createElement('textarea');
    field.id = 'pg-reason';
    field.rows = 2;
    field.required = true;
    const confirm = button('confirm', words.confirm, () => {
      const reason = field.value.trim();
      if (reason) done({ action: 'post', reason });
      else field.focus();
    });
    confirm.disabled = true;
    field.addEventListener('input', () => { confirm.disabled = !field.value.trim(); });
    form.addEventListener('submit', (e) => e.preventDefault());
    form.append(label, field, confirm);
    box.append(form);
    field.focus();
  }

  /** Shows the verdict's panel by `anchor`; resolves with {action, fix?} when the user chooses. */
  function show(verdict, anchor) {
    close();
    return new Promise((resolve) => {
      const { el, root } = host('panel');
      const box = document.createElement('div');
      box.className = 'box';
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-labelledby', 'pg-title');
      box.setAttribute('aria-describedby', 'pg-findings');
      const title = document.createElement('h2');
      title.id = 'pg-title';
      title.textContent = verdict.panel.title;
      const list = document.createElement('ul');
      list.id = 'pg-findings';
      for (const f of verdict.findings) {
        const li = document.createElement('li');
        li.dataset.section = f.section;
        li.dataset.rule = f.rule;
        const sec = document.createElement('span');
        sec.className = 'sec';
        sec.textContent = `§${f.section} `;
        li.append(sec, f.message);
        list.append(li);
      }
      // Resolve first: close() would otherwise settle the promise as a dismissal.
      const done = (choice) => {
        resolve(choice);
        close();
      };
      const actions = document.createElement('div');
      actions.className = 'actions';
      for (const f of verdict.findings.filter((f) => f.fix)) {
        actions.append(button('fix', f.fix.label, () => done({ action: 'fix', fix: f.fix }), { rule: f.rule }));
      }
      actions.append(
        button('edit', verdict.panel.edit, () => done({ action: 'edit' })),
        button('post', verdict.panel.post_anyway, () =>
          verdict.panel.reason ? askReason(box, verdict.panel.reason, done) : done({ action: 'post' })),
      );
      box.append(title, list, actions);
      root.append(box);
      // The panel is the top layer, so Escape is its own wherever focus is (a quick Escape can
      // come before the panel takes focus): it goes back to editing, and the site never sees it.
      const onKey = (e) => {
        if (e.key !== 'Escape' || !e.isTrusted || e.isComposing) return;
        e.preventDefault();
        e.stopImmediatePropagation();
        done({ action: 'edit' });
      };
      addEventListener('keydown', onKey, true);
      document.documentElement.append(el);
      place(el, anchor, true);
      // If the site navigates away and drops the composer, the panel goes with it.
      const watch = setInterval(() => anchor.isConnected || done({ action: 'dismiss' }), 250);
      open = {
        el,
        resolve: () => {
          clearInterval(watch);
          removeEventListener('keydown', onKey, true);
          resolve({ action: 'dismiss' });
        },
      };
      // After the current event: the Enter that submitted must not also press the focused button.
      setTimeout(() => actions.querySelector('button')?.focus({ preventScroll: true }));
    });
  }

  function close() {
    if (!open) return;
    const { el, resolve } = open;
    open = null;
    el.remove();
    resolve();
  }

  let badge = null;

  // What a person may mean to press under the badge: then the badge must let the pointer through.
  const CONTROL = 'a[href], button, input, select, textarea, [role=button], [role=link], [role=tab], [contenteditable], [tabindex]:not([tabindex="-1"])';
  /** Does the badge `el` sit over one of the page's controls? (Points every 12 px, in two rows.) */
  function coversControl(el) {
    const r = el.getBoundingClientRect();
    for (let x = r.left + 2; x < r.right; x += 12) {
      for (const y of [r.top + r.height * 0.3, r.top + r.height * 0.7]) {
        const under = document.elementsFromPoint(Math.min(x, r.right - 2), y).find((n) => n !== el);
        if (under?.closest(CONTROL)) return true;
      }
    }
    return false;
  }

  function dropBadge() {
    clearInterval(badge?.watch);
    badge?.el.remove();
    badge = null;
  }

  /** Draws the badge host (clickable when `live`) with `text` beside `anchor`. */
  function drawBadge(text, anchor, state, live, onOpen, openLabel) {
    if (badge && badge.live !== live) dropBadge();
    if (!badge) {
      // Informing only, it lets every pointer through; live, it takes the click that opens the panel.
      badge = { ...host('badge', live ? {} : { 'pointer-events': 'none' }), live };
      const span = document.createElement(live ? 'button' : 'span');
      span.className = 'badge';
      if (!live) span.setAttribute('role', 'status');
      if (live) PostGuardSurface.guard(span, () => badge?.onOpen?.());
      badge.root.append(span);
      badge.el.setAttribute('aria-live', 'polite');
      document.documentElement.append(badge.el);
    }
    badge.onOpen = onOpen;
    const span = badge.root.querySelector('.badge');
    span.textContent = text;
    span.dataset.state = state;
    if (live) span.setAttribute('aria-label', `${text}. ${openLabel}`);
    badge.el.title = text;
    place(badge.el, anchor, false);
  }

  /**
   * Shows or hides the persistent City-account badge by `anchor`. `state` is 'neutral' (it only
   * informs, and lets every pointer through to the site), or 'warn' / 'block' (the live
   * warning): then, unless it sits over one of the page's controls, it is a button that opens
   * the panel (`onOpen`, for a person's click or key). It never covers what the site offers.
   */
  function setBadge(text, anchor, state = 'neutral', onOpen = null, openLabel = '') {
    if (!text || !anchor?.isConnected) return dropBadge();
    const wanted = state !== 'neutral' && Boolean(onOpen);
    drawBadge(text, anchor, state, wanted && Boolean(badge?.live), onOpen, openLabel);
    // Measured where it is drawn; elementsFromPoint skips a pointer-events: none host.
    const live = wanted && !coversControl(badge.el);
    if (live !== badge.live) drawBadge(text, anchor, state, live, onOpen, openLabel);
    // A badge that takes clicks must never outlive its composer (an SPA's next page would find
    // it over its own controls): it goes when the composer does. Only while one is shown.
    clearInterval(badge.watch);
    if (live) badge.watch = setInterval(() => (anchor.isConnected && anchor.checkVisibility()) || dropBadge(), 250);
  }

  /** A short notice at the bottom of the window (issue 12: a post went out unchecked); it goes by itself. */
  function notice(text) {
    const { el, root } = host('notice', { 'pointer-events': 'none' });
    const box = document.createElement('div');
    box.className = 'box';
    box.setAttribute('role', 'status');
    box.textContent = text;
    root.append(box);
    document.documentElement.append(el);
    Object.assign(el.style, { position: 'fixed', zIndex: '2147483647', left: '16px', bottom: '16px' });
    setTimeout(() => el.remove(), 10_000);
  }

  return { show, close, setBadge, notice, isOpen: () => open !== null };
})();
