// Nothing posted from a City account goes unrecorded (issue 12). When a City-account draft the
// engine judged warn or block leaves its composer (emptied, removed, closed) within a moment of
// a person's click or key that PostGuard did not hold, the site most likely posted it past a
// submit PostGuard failed to recognise. Then the worker records it as posted without a check
// (§7.0, `unchecked`, with the host whose adapter is stale) and the employee sees a short notice.
// Costs nothing while no warned draft is on the page: main.js calls watch() only after such events.
'use strict';

const PostGuardUnchecked = (() => {
  const WINDOW_MS = 2000;
  const STEP_MS = 100;
  // A control that closes or discards (the user's own choice), in the languages the adapters know.
  const DISMISS = /^(cancel|discard|close|delete|dismiss|×|✕|cancelar|descartar|cerrar|eliminar|annuler|fermer|supprimer|abbrechen|verwerfen|schließen|löschen|fechar|excluir)\b/i;

  let timer = 0;

  /**
   * After a trusted click or key on `control` that PostGuard let through: watches, for
   * WINDOW_MS, the composers in `entries` whose latest verdict warns on a City account.
   * `textOf(entry)` reads one, `draftOf(entry, text)` builds its draft, `ask` messages the worker.
   */
  function watch(entries, control, { textOf, draftOf, ask, report }) {
    const name = `${control?.getAttribute?.('aria-label') ?? ''} ${control?.textContent ?? ''}`.trim();
    if (DISMISS.test(name)) return;
    const start = performance.now();
    const warned = entries
      .filter((c) => c.kind === 'editor' && c.el.isConnected && c.latest.verdict?.account?.city &&
        c.latest.verdict.verdict !== 'allow' && c.latest.text?.trim() && textOf(c) === c.latest.text)
      // The draft as it is now, while the composer and its surroundings are still on the page.
      .map((c) => ({ c, draft: draftOf(c, c.latest.text) }));
    if (!warned.length) return;
    clearInterval(timer);
    timer = setInterval(() => {
      for (const w of [...warned]) {
        const { c } = w;
        // Sent through PostGuard (recorded as such), or erased by the user: not unchecked.
        if (c.sentAt > start || c.erasedAt > start) warned.splice(warned.indexOf(w), 1);
        else if (!c.el.isConnected || !textOf(c).trim()) {
          warned.splice(warned.indexOf(w), 1);
          // The worker judges the draft again: the findings it records are the engine's, not ours.
          ask({ type: PostGuardProtocol.unchecked, draft: w.draft })
            .then(() => PostGuardPanel.notice(PostGuardLive.LABELS.unchecked))
            .catch(report);
        }
      }
      if (!warned.length || performance.now() - start > WINDOW_MS) clearInterval(timer);
    }, STEP_MS);
  }

  return { watch };
})();
