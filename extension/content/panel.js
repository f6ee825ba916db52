// Draws what the engine decided: the warning panel and the City-account badge.
// All wording comes from the engine's verdict (in the browser's language); this file only
// lays it out. Each finding reads in two seconds: its title, what to do, the section as a link
// to the policy's own text, and the details folded under "Why?". A block looks unlike a
// warning: its own colour, icon and title, Edit the main button.
// Both live in shadow roots so page styles cannot reach them, and every button ignores
// untrusted (script-made) events so the page cannot press them.
'use strict';

const PostGuardPanel = (() => {
  const css = `
    :host { all: initial; }
    .box { font: 14px/1.4 system-ui, sans-serif; color: #1b1b1b; background: #fffbe6;
      border: 2px solid #b35c00; border-radius: 10px; padding: 12px 14px; max-width: 420px;
      box-shadow: 0 6px 24px rgba(0,0,0,.25); }
    .box.block { background: #fdecec; border-color: #b3261e; }
    .head { display: flex; gap: 8px; align-items: center; margin: 0 0 6px; }
    .head svg { flex: none; width: 20px; height: 20px; }
    h2 { font-size: 15px; margin: 0; }
    .block h2 { color: #8c1d18; }
    ul { margin: 0 0 10px; padding: 0; list-style: none; }
    li { margin: 6px 0; }
    .title { font-weight: 600; display: block; }
    .advice { margin: 1px 0 2px; }
    .meta { display: flex; gap: 10px; flex-wrap: wrap; align-items: baseline; font-size: 13px; }
    a { color: #0b4fc4; }
    details { font-size: 13px; }
    summary { cursor: pointer; color: #444; }
    .why { margin: 2px 0 0; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; }
    button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid #555;
      background: #fff; cursor: pointer; }
    .reason { display: grid; gap: 6px; margin-top: 10px; }
    textarea { font: inherit; width: 100%; box-sizing: border-box; border: 1px solid #555; border-radius: 6px; padding: 4px 6px; }
    button:disabled { opacity: .5; cursor: default; }
    button:focus-visible { outline: 3px solid #0b5fff; outline-offset: 1px; }
    button[data-action=fix] { background: #0b5fff; color: #fff; border-color: #0b5fff; }
    button.false-alarm { font-size: 12px; padding: 1px 8px; margin-left: 4px; }
    .block button[data-action=edit] { background: #b3261e; color: #fff; border-color: #b3261e; font-weight: 600; }
    .block button[data-action=post] { background: transparent; border-color: #888; }
    .badge { font: 12px/1.2 system-ui, sans-serif; background: #0b3d91; color: #fff;
      padding: 3px 8px; border-radius: 10px; white-space: nowrap; display: inline-block; border: 0;
      overflow: hidden; text-overflow: ellipsis; vertical-align: top; box-sizing: border-box; }
    .badge[data-state=warn] { background: #8a4b00; cursor: pointer; outline: 2px solid #ffd27a; }
    .badge[data-state=block] { background: #a30000; cursor: pointer; outline: 2px solid #ffb3b3; font-weight: 600; }
    @media (prefers-color-scheme: dark) {
      .box { background: #2b2410; color: #f4ecd8; border-color: #e08a2c; }
      .box.block { background: #3a1414; color: #fde7e7; border-color: #f2867e; }
      .block h2 { color: #ffb4ab; }
      a { color: #8ab4ff; }
      summary { color: #ccc; }
      button { background: #222; color: #eee; border-color: #888; }
      .block button[data-action=edit] { background: #ffb4ab; color: #3a0907; border-color: #ffb4ab; }
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

  // The verdict's icon: a warning triangle, or for a block a "no entry" sign.
  function icon(block) {
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 20 20');
    svg.setAttribute('aria-hidden', 'true');
    svg.dataset.icon = block ? 'block' : 'warn';
    const shape = (name, attrs) => {
      const el = document.createElementNS(NS, name);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      svg.append(el);
    };
    if (block) {
      shape('circle', { cx: 10, cy: 10, r: 9, fill: '#b3261e' });
      shape('rect', { x: 4.5, y: 8.5, width: 11, height: 3, rx: 1, fill: '#fff' });
    } else {
      shape('path', { d: 'M10 1.5 19 18H1z', fill: '#b35c00' });
      shape('rect', { x: 9, y: 7, width: 2, height: 6, fill: '#fff' });
      shape('rect', { x: 9, y: 14.2, width: 2, height: 2, fill: '#fff' });
    }
    return svg;
  }

  /** A link that acts only for a person's click (content/surface.js) and never navigates the page. */
  function link(label, onChoose, extra = {}) {
    const a = document.createElement('a');
    a.href = '#';
    a.textContent = label;
    Object.assign(a.dataset, extra);
    a.addEventListener('click', (e) => e.preventDefault());
    PostGuardSurface.guard(a, onChoose);
    return a;
  }

  /** The policy's own text at `section`, in a tab the worker opens (protocol `open-policy`). */
  const openPolicy = (section) =>
    PostGuardAsk.ask({ type: PostGuardProtocol.openPolicy, section }).catch(PostGuardAsk.report);

  /** One finding: title, what to do, the section (a link) and "Why?" folded. */
  function item(f, words) {
    const li = document.createElement('li');
    li.dataset.section = f.section;
    li.dataset.rule = f.rule;
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = f.title;
    const advice = document.createElement('p');
    advice.className = 'advice';
    advice.textContent = f.advice;
    const meta = document.createElement('div');
    meta.className = 'meta';
    const section = (words.section ?? '§{section}').replace('{section}', f.section);
    meta.append(link(section, () => openPolicy(f.section), { action: 'policy', section: f.section }));
    if (f.learn_more) meta.append(link(words.learn_more, () => window.open(f.learn_more, '_blank', 'noopener'), { action: 'learn-more' }));
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = words.why;
    const why = document.createElement('p');
    why.className = 'why';
    why.textContent = f.why;
    details.append(summary, why);
    meta.append(details, PostGuardFalseAlarm.button(f));
    li.append(title, advice, meta);
    return li;
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
      const block = verdict.verdict === 'block';
      const box = document.createElement('div');
      box.className = block ? 'box block' : 'box warn';
      box.dataset.verdict = verdict.verdict;
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-modal', 'true'); // and Tab stays inside it (content/focus.js)
      box.setAttribute('aria-labelledby', 'pg-title');
      box.setAttribute('aria-describedby', 'pg-findings');
      // A div, not <header>: in the page a second banner landmark would confuse screen readers (axe).
      const header = document.createElement('div');
      header.className = 'head';
      const title = document.createElement('h2');
      title.id = 'pg-title';
      title.textContent = verdict.panel.title;
      header.append(icon(block), title);
      const list = document.createElement('ul');
      list.id = 'pg-findings';
      for (const f of verdict.findings) list.append(item(f, verdict.panel));
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
      const change = verdict.panel.change_password;
      if (change) {
        actions.append(button('change-password', change.label, () => {
          window.open(change.url, '_blank', 'noopener');
          done({ action: 'edit' });
        }));
      }
      actions.append(
        button('edit', verdict.panel.edit, () => done({ action: 'edit' })),
        button('post', verdict.panel.post_anyway, () =>
          verdict.panel.reason ? askReason(box, verdict.panel.reason, done) : done({ action: 'post' })),
      );
      box.append(header, list, actions);
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
      // A block focuses Edit, its main button; a warning its first (a fix, if there is one).
      const first = block ? actions.querySelector('button[data-action=edit]') : actions.querySelector('button');
      setTimeout(() => first?.focus({ preventScroll: true }));
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
  /**
   * Does the badge `el` sit over one of the page's controls other than its own composer
   * (`anchor`, in whose empty corner content/place.js may put it)? Points every 12 px, two rows.
   */
  function coversControl(el, anchor) {
    const r = el.getBoundingClientRect();
    const own = (c) => c === anchor || anchor?.contains(c) || c.contains(anchor);
    for (let x = r.left + 2; x < r.right; x += 12) {
      for (const y of [r.top + r.height * 0.3, r.top + r.height * 0.7]) {
        const under = document.elementsFromPoint(Math.min(x, r.right - 2), y).find((n) => n !== el);
        const control = under?.closest(CONTROL);
        if (control && !own(control)) return true;
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
    // Where it hides nothing (content/place.js), cut short with "…" when room is scarce.
    PostGuardPlace.badge(badge.el, anchor, (max) => { span.style.maxWidth = max ? `${max}px` : ''; });
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
    const live = wanted && !coversControl(badge.el, anchor);
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
