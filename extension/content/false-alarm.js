// "This warning is wrong": a small button per finding in the panel. A person's click (guarded
// by content/surface.js, like every button PostGuard draws) sends a `false-alarm` report: the
// rule, its section, the words that triggered it and the host, so IT can tune its word lists.
// The worker keeps it (worker/false-alarm.js) and sends it to IT when IT set an endpoint.
'use strict';

const PostGuardFalseAlarm = (() => {
  const t = (key, fallback) => chrome.i18n.getMessage(key) || fallback;

  /** The button for `finding` (a verdict's finding: {rule, section, evidence?}). */
  function button(finding) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'false-alarm';
    b.dataset.action = 'false-alarm';
    b.dataset.rule = finding.rule;
    b.textContent = t('falseAlarm', 'This warning is wrong');
    PostGuardSurface.guard(b, () => {
      if (b.dataset.sent) return; // one report per finding shown
      b.dataset.sent = 'sending';
      const quote = (finding.evidence ?? []).map((e) => e.text).join(' … ').slice(0, 200);
      PostGuardAsk.ask({ type: PostGuardProtocol.falseAlarm, rule: finding.rule, section: finding.section, quote, host: location.hostname })
        .then(() => {
          b.dataset.sent = 'sent';
          b.textContent = t('falseAlarmSent', 'Reported as wrong. Thank you.');
          b.setAttribute('aria-disabled', 'true');
        })
        .catch((err) => {
          delete b.dataset.sent;
          PostGuardAsk.report(err);
        });
    });
    return b;
  }

  return { button };
})();
