// Messaging for every content script on a social site (main.js for drafts, actions.js,
// reminder.js, password-alert.js): ask the background with a timeout, report a problem for the
// popup, and find this site's adapter once. Message types come from protocol.js. The
// background only answers our own scripts; web pages cannot message it.
'use strict';

const PostGuardAsk = (() => {
  // Long enough for an engine that is still starting (seconds on a slow machine, after the
  // browser stopped an idle worker); after that, whatever was held goes through.
  const TIMEOUT_MS = 4000;

  /** Sends `msg` to the background; rejects on an error answer or after `timeout` ms. */
  const ask = (msg, timeout = TIMEOUT_MS) => {
    let timer;
    const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the engine did not answer in time')), timeout)));
    // Once settled, the timer would only build an Error nobody reads, in the middle of the page's work.
    return Promise.race([chrome.runtime.sendMessage(msg), late]).finally(() => clearTimeout(timer)).then((answer) => {
      if (answer?.error) throw new Error(answer.error);
      return answer;
    });
  };

  /** Tells the popup what went wrong; whatever was held has been let through. */
  const report = (err) => {
    console.warn('PostGuard:', err.message);
    ask({ type: PostGuardProtocol.status, problem: err.message }).catch(() => {});
  };

  let site = null;
  /** This page's site adapter (by host, else by page structure), or null. */
  const adapter = () =>
    (site ??= (async () => {
      // An about:blank or srcdoc frame (an editor's iframe) has no host of its own: its origin's.
      const byHost = await ask({ type: PostGuardProtocol.adapter, host: location.hostname || new URL(origin).hostname });
      if (byHost) return byHost;
      // Told by page structure: wait for the page as document_idle would (content scripts start
      // at document_start), and a task more, for an app that renders from its scheduler.
      const candidates = await ask({ type: PostGuardProtocol.detectable });
      if (document.readyState !== 'complete') await new Promise((r) => addEventListener('load', r, { once: true }));
      await new Promise((r) => setTimeout(r));
      return candidates.find(PostGuardAdapter.detect) ?? null;
    })().catch((err) => {
      console.warn('PostGuard is off on this page:', err.message);
      return null;
    }));

  return { ask, report, adapter };
})();
