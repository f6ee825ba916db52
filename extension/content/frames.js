// Composers in same-origin iframes (issue 12): the content scripts run in every frame
// (all_frames, and match_origin_as_fallback for about:blank and srcdoc editors), but only the
// top frame's page names the account. The top frame tells the worker which account that is
// (`top-account`, kept per tab); a subframe asks for it when its own page names none.
'use strict';

const PostGuardFrames = (() => {
  const top = window === window.top;
  let known = null; // a subframe: the top frame's account, as last asked

  /** The top frame: reports the account its page names (at start, and when focus enters a frame). */
  async function report(site) {
    if (!top || !site) return;
    const account = PostGuardAdapter.account(document.body, site, '');
    await PostGuardAsk.ask({ type: PostGuardProtocol.topAccount, account }).catch(() => {});
  }

  /** A subframe's context gets the top frame's account when its own page names none. */
  async function fill(context) {
    if (top || context.account) return context;
    known = (await PostGuardAsk.ask({ type: PostGuardProtocol.topAccount }).catch(() => null))?.account ?? known;
    return { ...context, account: known };
  }

  if (top) {
    PostGuardAsk.adapter().then((site) => {
      if (!site) return;
      // Only pages with frames pay for it (start-up cost stays where it was).
      const again = () => document.querySelector('iframe') && report(site);
      if (document.readyState === 'complete') again();
      else addEventListener('load', again, { once: true });
      // Focus moving into an iframe blurs this window: the account may have loaded since.
      addEventListener('blur', () => document.activeElement?.tagName === 'IFRAME' && again());
    });
  }

  /**
   * The top frame's view of editors in same-origin iframes on its page (TinyMCE's, a site's
   * srcdoc composer): the one focused in each frame, or a frame whose body is editable. A submit
   * in the page can then be matched to an editor the page's own document does not hold.
   * Cross-origin frames are skipped (their documents cannot be read, and are not the page's).
   */
  function composers(site) {
    const found = [];
    for (const frame of document.querySelectorAll('iframe')) {
      let doc = null;
      try {
        doc = frame.contentDocument;
      } catch {}
      if (!doc?.body) continue;
      const focused = doc.activeElement && doc.activeElement !== doc.body ? doc.activeElement : doc.body;
      const kind = PostGuardAdapter.classify(focused, site) ?? PostGuardAdapter.generic(focused, site) ??
        (doc.body.isContentEditable ? PostGuardAdapter.generic(doc.body, site) ?? { kind: 'editor', keys: [], strategy: 'generic' } : null);
      if (kind) found.push({ el: doc.body.isContentEditable ? doc.body : focused, frame, ...kind });
    }
    return found;
  }

  return { fill, composers, top };
})();
