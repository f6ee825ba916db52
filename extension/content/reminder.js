// §6.4.1.3: on a social site during work time, a small notice reminds the employee that
// personal accounts stay closed on work time. The engine decides and words it (from the
// policy's work_time and the account in use); the background shows it once per site per day.
// It blocks nothing and takes no focus; the Dismiss button removes it.
'use strict';

(async () => {
  const { ask, report, adapter } = PostGuardAsk;
  // Once per page: not again in each of its frames (the content scripts run in all of them).
  if (window !== window.top) return;
  const site = await adapter();
  if (!site) return;
  // Content scripts start at document_start (content/main.js): the page's account comes later.
  if (document.readyState === 'loading') await new Promise((r) => addEventListener('DOMContentLoaded', r, { once: true }));

  const SETTLE_MS = 3000;
  const POLL_MS = 250;
  const { context, account } = PostGuardAdapter;
  const read = () => context(document.body, site, null, '');
  const named = () => account(document.body, site, '');

  /**
   * The page's context once it names its account (single-page apps render it late), looked
   * for a few times a second rather than on every mutation of a busy page; after SETTLE_MS,
   * whatever it says (no account: not a City account, so the reminder may apply). Null when
   * no reminder could be due anyway (outside work time, or shown on this site today: most
   * visits), so nothing is polled; and polls read only the account, since on a heavy page
   * (Facebook's inline JSON) each read is real work.
   */
  async function settled() {
    const ctx = read();
    if (ctx.account) return ctx;
    const deadline = performance.now() + SETTLE_MS; // a slow answer (engine starting) uses up the wait
    // No account is the case most likely reminded: if even it is not, no account found later will be.
    if (!(await ask({ type: PostGuardProtocol.reminder, context: ctx, probe: true }, 15_000))) return null;
    while (!named() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    return read();
  }

  const css = `
    :host { all: initial; }
    .box { font: 13px/1.4 system-ui, sans-serif; color: #1b1b1b; background: #eef4ff;
      border: 1px solid #0b3d91; border-radius: 8px; padding: 10px 12px; max-width: 340px;
      box-shadow: 0 4px 16px rgba(0,0,0,.2); display: flex; gap: 10px; align-items: flex-start; }
    p { margin: 0; }
    button { font: inherit; padding: 3px 10px; border-radius: 6px; border: 1px solid #0b3d91;
      background: #fff; cursor: pointer; white-space: nowrap; }
    button:focus-visible { outline: 3px solid #0b5fff; outline-offset: 1px; }
    @media (prefers-color-scheme: dark) {
      .box { background: #16223a; color: #e8eefc; border-color: #7aa2f7; }
      button { background: #222; color: #eee; border-color: #7aa2f7; }
    }`;

  function draw(reminder) {
    const { el: host, root } = PostGuardSurface.create('reminder'); // closed, pinned: content/surface.js
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    const box = document.createElement('div');
    box.className = 'box';
    box.setAttribute('role', 'status');
    box.setAttribute('aria-label', reminder.label ?? 'PostGuard');
    const text = document.createElement('p');
    text.dataset.section = reminder.section;
    text.textContent = reminder.message;
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.dataset.action = 'dismiss';
    dismiss.textContent = reminder.dismiss;
    // The page cannot dismiss it for the user: only a person's click counts (content/surface.js).
    PostGuardSurface.guard(dismiss, () => host.remove());
    box.append(text, dismiss);
    root.append(box);
    Object.assign(host.style, { right: '12px', bottom: '12px' });
    document.documentElement.append(host);
  }

  try {
    // Nothing waits on this notice, so the engine may take its time to start.
    const ctx = await settled();
    const reminder = ctx && (await ask({ type: PostGuardProtocol.reminder, context: ctx }, 15_000));
    if (reminder?.message) draw(reminder);
  } catch (err) {
    report(new Error(`could not check work time: ${err.message}`));
  }
})();
