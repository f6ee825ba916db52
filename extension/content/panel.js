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
    button.false-alarm { font-size: 12px; padding: 1px 8px; margin-left: 4px; }
    .badge { font: 12px/1.2 system-ui, sans-serif; background: #0b3d91; color: #fff;
      padding: 3px 8px; border-radius: 10px; white-space: nowrap; display: inline-block;
      overflow: hidden; text-overflow: ellipsis; vertical-align: top; box-sizing: border-box; }
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

  // The panel beside the composer, kept inside the viewport: below it if there is room, else
  // above, else pinned to the bottom edge (a huge paste makes the composer taller than the
  // window). The badge has its own placement (content/place.js).
  function place(el, anchor) {
    const r = anchor.getBoundingClientRect();
    const h = el.offsetHeight;
    const fits = (top) => top >= 8 && top + h <= innerHeight - 8;
    const under = r.bottom + 6;
    const over = r.top - h - 6;
    let top = fits(under) ? under : fits(over) ? over : innerHeight - h - 8;
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
      box.setAttribute('aria-modal', 'true'); // and Tab stays inside it (content/focus.js)
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
        li.append(sec, f.message, ' ', PostGuardFalseAlarm.button(f));
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
      const untrap = PostGuardFocus.trap(root);
      document.documentElement.append(el);
      place(el, anchor);
      // If the site navigates away and drops the composer, the panel goes with it.
      const watch = setInterval(() => anchor.isConnected || done({ action: 'dismiss' }), 250);
      open = {
        el,
        resolve: () => {
          clearInterval(watch);
          removeEventListener('keydown', onKey, true);
          untrap();
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

  /** Shows or hides the persistent "Posting as City account …" badge by `anchor`. */
  function setBadge(text, anchor) {
    if (!text || !anchor?.isConnected) {
      badge?.el.remove();
      badge = null;
      return;
    }
    if (!badge) {
      badge = host('badge', { 'pointer-events': 'none' }); // it only informs: it must never cover the site's own controls
      const span = document.createElement('span');
      span.className = 'badge';
      span.setAttribute('role', 'status');
      badge.root.append(span);
      badge.el.setAttribute('aria-live', 'polite');
      document.documentElement.append(badge.el);
    }
    badge.root.querySelector('span').textContent = text;
    badge.el.title = text;
    // Where it hides nothing (content/place.js), cut short with "…" when room is scarce.
    const span = badge.root.querySelector('span');
    PostGuardPlace.badge(badge.el, anchor, (max) => { span.style.maxWidth = max ? `${max}px` : ''; });
  }

  return { show, close, setBadge, isOpen: () => open !== null };
})();
