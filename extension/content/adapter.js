// The site-adapter interpreter: reads a site's declarative JSON (extension/sites/*.json)
// against the live page. Small and fixed on purpose; sites change data, not code.
// It reads page structure and inline-script text only, never page-world JS or tokens.
'use strict';

const PostGuardAdapter = (() => {
  const safeMatch = (text, source) => {
    try {
      return new RegExp(source).exec(text ?? '');
    } catch {
      return null;
    }
  };
  // A regex with a capture group yields the group; without one, the whole match.
  const pick = (text, source) => {
    if (!source) return text;
    const m = safeMatch(text, source);
    return m ? (m[1] ?? m[0]) : null;
  };

  /** Steps from `el` to the nearest match of `css`, out through open shadow roots when piercing. */
  function closest(el, css, pierce) {
    for (let n = el; n instanceof Element; n = pierce ? n.getRootNode().host : null) {
      const hit = n.closest(css);
      if (hit) return hit;
    }
    return null;
  }

  /** Every element under `root` matching `css`, inside open shadow roots too when piercing. */
  function* queryAll(root, css, pierce) {
    yield* root.querySelectorAll(css);
    if (!pierce) return;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) yield* queryAll(el.shadowRoot, css, true);
  }
  const query = (root, css, pierce) => queryAll(root, css, pierce).next().value ?? null;

  // Per-language label tables: the page's language first, then the others.
  function labelPatterns(site, key) {
    const tables = site.labels ?? {};
    const lang = (document.documentElement.lang || 'en').slice(0, 2).toLowerCase();
    const langs = [lang, ...Object.keys(tables).filter((l) => l !== lang)];
    return langs.map((l) => tables[l]?.[key]).filter(Boolean);
  }
  /** The strategy's pattern (`regex`, or a `label` key) applied to `text`. */
  function test(s, site, text) {
    if (!s.label) return pick(text, s.regex);
    for (const p of labelPatterns(site, s.label)) {
      const v = pick(text, p);
      if (v) return v;
    }
    return null;
  }

  // ARIA roles, explicit or implied by the tag, and a simple accessible name.
  const IMPLICIT = { button: 'button', link: 'a[href]', textbox: 'textarea', img: 'img', dialog: 'dialog' };
  const roleSelector = (role) => `[role~="${role}"]${IMPLICIT[role] ? `, ${IMPLICIT[role]}:not([role])` : ''}`;
  function accessibleName(el) {
    const ids = el.getAttribute('aria-labelledby');
    if (ids) {
      const root = el.getRootNode();
      return ids.split(/\s+/).map((id) => root.getElementById?.(id)?.textContent ?? '').join(' ').trim();
    }
    const named = ['aria-label', 'alt', 'placeholder', 'aria-placeholder'].map((a) => el.getAttribute(a)).find((v) => v);
    return (named ?? (el.isContentEditable ? '' : el.textContent) ?? el.getAttribute('title') ?? '').trim();
  }

  // Inline JSON, parsed once per script text. Only scalar fields are ever returned.
  const parsed = new WeakMap();
  function scriptJSON(script, match) {
    const text = match ? safeMatch(script.textContent, match)?.[1] : script.textContent;
    const cached = parsed.get(script);
    if (cached?.text === text) return cached.data;
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {}
    parsed.set(script, { text, data });
    return data;
  }
  /**
   * Reads a dotted path ("meta.me"; an array of keys when keys hold dots). "**" matches any
   * depth; "{a.b}" is replaced by the value at a.b (Mastodon: "accounts.{meta.me}.acct").
   */
  function jsonField(root, path) {
    const keys = Array.isArray(path) ? path : path.match(/\{[^}]*\}|[^.]+/g);
    const below = (v) => (v && typeof v === 'object' ? [v, ...Object.values(v).flatMap(below)] : []);
    let found = [root];
    for (const k of keys) {
      if (k === '**') {
        found = found.flatMap(below);
        continue;
      }
      const key = k.startsWith('{') ? jsonField(root, k.slice(1, -1)) : k;
      found = found.flatMap((v) => (v && typeof v === 'object' && Object.hasOwn(v, key) ? [v[key]] : []));
    }
    const hit = found.find((v) => ['string', 'number', 'boolean'].includes(typeof v) && v !== false && v !== '');
    return hit === undefined ? null : String(hit);
  }

  /** The value one strategy yields, or null. `el` is the composer or field in focus. */
  function evaluate(s, el, site, text) {
    const pierce = site.pierceShadow;
    // `within`: look only inside the nearest ancestor of `el` that matches it (and require one).
    const scope = s.within ? closest(el, s.within, pierce) : document;
    if (!scope) return null;
    if (s.path) return safeMatch(location.pathname, s.path) ? true : null;
    if (s.draft) return safeMatch(text, s.draft) ? true : null;
    if (s.ancestor) {
      const hit = closest(el, s.ancestor, pierce);
      return hit && (s.attr ? test(s, site, hit.getAttribute(s.attr)) : true);
    }
    if (s.self) return test(s, site, el?.getAttribute(s.self));
    if (s.placeholder) {
      const ph = ['placeholder', 'aria-placeholder', 'data-placeholder'].map((a) => el?.getAttribute(a)).find((v) => v);
      const hit = typeof s.placeholder === 'string' ? safeMatch(ph, s.placeholder) : test(s, site, ph);
      return hit ? true : null;
    }
    if (s.role) {
      const candidates = s.within ? queryAll(scope, roleSelector(s.role), pierce) : [el];
      for (const c of candidates) {
        if (!c?.matches(roleSelector(s.role))) continue;
        const v = s.regex || s.label ? test(s, site, accessibleName(c)) : true;
        if (v) return v;
      }
      return null;
    }
    if (s.json) {
      for (const script of document.querySelectorAll(s.json)) {
        if (script.src) continue;
        const data = scriptJSON(script, s.match);
        const v = data && jsonField(data, s.field);
        const hit = v && (s.regex || s.label ? test(s, site, v) : v);
        if (hit) return hit;
      }
      return null;
    }
    if (s.inlineScript) {
      for (const script of document.querySelectorAll(s.inlineScript)) {
        if (script.src) continue;
        const v = pick(script.textContent, s.regex);
        if (v) return v;
      }
      return null;
    }
    if (s.css) {
      const hit = query(scope, s.css, pierce);
      if (!hit) return null;
      if (s.as && !s.attr && !s.regex && !s.label) return true; // presence is the signal
      const raw = s.attr ? hit.getAttribute(s.attr) : hit.textContent.trim();
      return test(s, site, raw) || null;
    }
    return null;
  }

  /** The value of the first strategy that yields one (its `as`, if it names one), or null. */
  function first(strategies, el, site, text) {
    for (const s of strategies ?? []) {
      const v = evaluate(s, el, site, text);
      if (v) return s.as ?? v;
    }
    return null;
  }

  /** Does a composer or field rule describe `el` itself? (css, role + name, placeholder) */
  function describes(s, el, site) {
    if (s.css && !el.matches(s.css)) return false;
    if (s.role && !evaluate({ role: s.role, regex: s.regex, label: s.label }, el, site)) return false;
    if (s.placeholder && !evaluate({ placeholder: s.placeholder, label: s.label }, el, site)) return false;
    return Boolean(s.css || s.role || s.placeholder);
  }

  /** Is `el` a composer or an account field of this site? Returns its kind or null. */
  function classify(el, site) {
    if (!(el instanceof Element)) return null;
    for (const [i, s] of (site.composers ?? []).entries()) {
      if (describes(s, el, site)) return { kind: 'editor', keys: s.keys, insert: s.insert, strategy: `composers[${i}]` };
    }
    for (const [i, s] of (site.fields ?? []).entries()) {
      if (describes(s, el, site)) return { kind: 'field', field: s.field, strategy: `fields[${i}]` };
    }
    return null;
  }

  /**
   * The low-confidence fallback when no rule describes `el`: any textarea or contenteditable
   * (never an <input>, so search boxes stay out). Its keys and insertion come from the
   * adapter's `generic` section; `"generic": false` turns it off.
   */
  function generic(el, site) {
    const g = site.generic ?? {};
    if (site.generic === false || !(el instanceof Element)) return null;
    if (!el.matches('textarea:not([readonly]):not([disabled]), [contenteditable]:not([contenteditable="false"])')) return null;
    if ((g.ignore ?? []).some((css) => closest(el, css, site.pierceShadow))) return null;
    const insert = (g.insert ?? []).find((r) => el.matches(r.css))?.insert;
    return { kind: 'editor', keys: g.keys ?? [], insert, strategy: 'generic' };
  }

  /** The account the page says is posting ({handle, name}), or null when it names none. */
  function account(el, site, text) {
    const handle = first(site.account?.handle, el, site, text);
    const name = first(site.account?.name, el, site, text);
    return handle || name ? { handle, name } : null;
  }

  /** The context the engine needs, read from the page around `el` at each check. */
  function context(el, site, field, text) {
    const surfaces = site.surface ?? {};
    // Order matters: a DM or a settings page is that whatever the markup around it says.
    const order = ['dm', 'profile', 'login', 'reply', 'comment'];
    const surface = order.find((name) => first(surfaces[name], el, site, text)) ?? 'post';
    return {
      platform: site.platform,
      account: account(el, site, text),
      acting_as: first(site.actingAs, el, site, text) ?? 'self',
      surface,
      field: field ?? null,
    };
  }

  /** For sites on any host (Mastodon): do all of the adapter's `detect` strategies hold? */
  const detect = (site) => (site.detect ?? []).length > 0 && site.detect.every((s) => evaluate(s, document.body, site));

  // An editor's own formatting controls (CKEditor 5, Trix, Quill, TinyMCE, and any
  // role=toolbar or aria-pressed toggle): a row of them sits right by the text, so it must never
  // count as the card's action row, and never end the search for the card's submit.
  const TOOLBAR = '[role="toolbar"], trix-toolbar, .ck-toolbar, .ql-toolbar, .tox-toolbar, .tox-editor-header, .tox-menubar';
  const TOOLBAR_NAME = /toolbar|trix-button|ql-|tox-tbtn|ck-button/i;
  function formatting(b) {
    if (b.hasAttribute('aria-pressed') || closest(b, TOOLBAR, true)) return true;
    // The button and its two nearest ancestors only: a page-wide class ("has-toolbar") says nothing.
    for (let n = b, i = 0; n && i < 3; n = n.parentElement, i++) {
      const name = `${typeof n.className === 'string' ? n.className : ''} ${n.getAttribute('aria-label') ?? ''}`;
      if (TOOLBAR_NAME.test(name)) return true;
    }
    return false;
  }

  /**
   * Is `button` in `composer`'s own form or dialog, or else in its nearest ancestor that holds a
   * button other than the editor's own formatting controls?
   */
  function near(button, composer, site) {
    if (!composer) return false;
    const box = closest(composer, 'form, [role="dialog"], [role="form"]', site.pierceShadow);
    if (box) return containsComposed(box, button);
    const counts = (b) => b === button || (!composer.contains(b) && !formatting(b));
    for (let n = composer.parentElement ?? composer.getRootNode().host; n; n = n.parentElement ?? n.getRootNode().host) {
      if ([...n.querySelectorAll('button, [role="button"], input[type="submit"]')].some(counts)) return containsComposed(n, button);
    }
    return false;
  }

  /** `node`'s parent, out through shadow roots (their host). */
  const up = (node) => node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentElement;
  /** How many steps from `a` up to the nearest ancestor (through shadow roots) that holds `b`. */
  function distance(a, b) {
    let d = 0;
    for (let n = a; n; n = up(n), d++) if (containsComposed(n, b)) return d;
    return Infinity;
  }
  /**
   * Of `candidates` (composers the user has used), the one `control` (a submit button, a focused
   * element) belongs to: the one sharing the nearest common ancestor with it (same form, dialog,
   * card or shadow root), the most recent on a tie. Not simply the last focused: with a post
   * box and a reply box on one page, Post is the post box's.
   */
  function owner(control, candidates) {
    let best = null;
    let bestD = Infinity;
    for (const c of candidates) {
      const d = distance(control, c.frame ?? c.el); // an editor in an iframe is where its frame is
      if (d <= bestD) (best = c), (bestD = d);
    }
    return best;
  }

  /**
   * The submit control `path` (an event's composedPath) hits, or null. A button rule is a CSS
   * selector, or {role, regex|label} for buttons known by their name; `"near": true` also
   * requires the button to sit by the composer in use (names like "Reply" recur in feeds).
   */
  function isSubmitButton(path, site, composer) {
    for (const node of path) {
      if (!(node instanceof Element)) continue;
      const hit = (site.submit?.buttons ?? []).some((b) =>
        typeof b === 'string' ? node.matches(b) : describes(b, node, site) && (!b.near || near(node, composer, site)));
      if (hit) return node;
    }
    return null;
  }

  /** A button named like a submit (the adapter's `submit` labels, in any language) next to `composer`. */
  function isGenericSubmit(path, composer, site) {
    const button = path.find((n) => n instanceof Element && n.matches('button, [role="button"], input[type="submit"]'));
    if (!button || formatting(button) || !test({ label: 'submit' }, site, accessibleName(button) || button.value)) return null;
    return near(button, composer, site) ? button : null;
  }

  /**
   * The submit control an event's `path` hits for `composer`: the adapter's own rules, else a
   * generic match by name. Every composer gets both, adapter-matched or not: renaming the
   * site's test ids must not be enough to post unchecked.
   */
  const submitFor = (path, site, composer) => isSubmitButton(path, site, composer) ?? isGenericSubmit(path, composer, site);

  /** The control `path` hits that could submit, before its composer is known: a rule or a name. */
  function submitCandidate(path, site) {
    for (const node of path) {
      if (!(node instanceof Element)) continue;
      if ((site.submit?.buttons ?? []).some((b) => (typeof b === 'string' ? node.matches(b) : describes(b, node, site)))) return node;
    }
    const button = path.find((n) => n instanceof Element && n.matches('button, [role="button"], input[type="submit"]'));
    return button && !formatting(button) && test({ label: 'submit' }, site, accessibleName(button) || button.value) ? button : null;
  }

  /** Does this keydown submit? `keys` are the composer's ("Enter", "Mod+Enter"); IME composition never does. */
  function isSubmitKey(e, keys) {
    if (e.key !== 'Enter' || e.isComposing || e.keyCode === 229) return false;
    const mod = e.ctrlKey || e.metaKey;
    return (keys ?? []).some((k) =>
      k === 'Mod+Enter' ? mod : k === 'Enter' ? !mod && !e.shiftKey && !e.altKey : false,
    );
  }

  /** Is `node` inside `container`, counting open shadow roots as inside their host? */
  function containsComposed(container, node) {
    for (let n = node; n; n = n.getRootNode().host) if (container.contains(n)) return true;
    return false;
  }

  return {
    classify, generic, account, context, detect, isSubmitButton, isGenericSubmit, submitFor, submitCandidate, owner, isSubmitKey,
    containsComposed, valueOf: first,
  };
})();
