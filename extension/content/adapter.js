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

  /** querySelector that also looks inside open shadow roots when the adapter asks. */
  function query(root, css, pierce) {
    const hit = root.querySelector(css);
    if (hit || !pierce) return hit;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        const inner = query(el.shadowRoot, css, true);
        if (inner) return inner;
      }
    }
    return null;
  }

  /** The value one strategy yields, or null. `el` is the composer or field in focus. */
  function evaluate(s, el, site) {
    if (s.path) return safeMatch(location.pathname, s.path) ? true : null;
    if (s.ancestor) return el?.closest(s.ancestor) ? true : null;
    if (s.self) return pick(el?.getAttribute(s.self), s.regex);
    if (s.placeholder) {
      const ph = el?.getAttribute('placeholder') ?? el?.getAttribute('aria-placeholder');
      return safeMatch(ph, s.placeholder) ? true : null;
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
      const hit = query(document, s.css, site.pierceShadow);
      if (!hit) return null;
      const raw = s.attr ? hit.getAttribute(s.attr) : hit.textContent.trim();
      return pick(raw, s.regex) || null;
    }
    return null;
  }

  /** The first strategy's value, with which strategy matched (for staleness reports). */
  function first(strategies, el, site) {
    for (const s of strategies ?? []) {
      const v = evaluate(s, el, site);
      if (v) return v;
    }
    return null;
  }

  /** Is `el` a composer or an account field of this site? Returns its kind or null. */
  function classify(el, site) {
    if (!(el instanceof Element)) return null;
    for (const s of site.composers ?? []) {
      if (el.matches(s.css)) return { kind: 'editor' };
    }
    for (const s of site.fields ?? []) {
      if (el.matches(s.css)) return { kind: 'field', field: s.field };
    }
    return null;
  }

  /** The context the engine needs, read from the page around `el`. */
  function context(el, site, field) {
    const surfaces = site.surface ?? {};
    // Order matters: a DM or a settings page is that whatever the markup around it says.
    const order = ['dm', 'profile', 'login', 'reply', 'comment'];
    const surface = order.find((name) => first(surfaces[name], el, site)) ?? 'post';
    const handle = first(site.account?.handle, el, site);
    const name = first(site.account?.name, el, site);
    return {
      platform: site.platform,
      account: handle || name ? { handle, name } : null,
      surface,
      field: field ?? null,
    };
  }

  function isSubmitButton(target, site) {
    if (!(target instanceof Element)) return null;
    for (const css of site.submit?.buttons ?? []) {
      const hit = target.closest(css);
      if (hit) return hit;
    }
    return null;
  }

  /** Does this keydown submit on this site? ("Enter", "Mod+Enter"; IME composition never.) */
  function isSubmitKey(e, site) {
    if (e.key !== 'Enter' || e.isComposing || e.keyCode === 229) return false;
    const mod = e.ctrlKey || e.metaKey;
    return (site.submit?.keys ?? []).some((k) =>
      k === 'Mod+Enter' ? mod : k === 'Enter' ? !mod && !e.shiftKey && !e.altKey : false,
    );
  }

  return { classify, context, isSubmitButton, isSubmitKey };
})();
