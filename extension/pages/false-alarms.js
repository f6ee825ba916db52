// The options page's list of "This warning is wrong" reports (worker/false-alarm.js), with an
// export. Drawn here, beside the Rust page (which redraws #app on every storage change), in a
// region of its own.
import '../protocol.js';

const P = globalThis.PostGuardProtocol;
const JSON_MIME = 'application/json';
const t = (key) => chrome.i18n.getMessage(key);
const aside = document.getElementById('false-alarms');

const el = (tag, attrs = {}, text = '') => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
};

async function draw() {
  const list = (await chrome.runtime.sendMessage({ type: P.falseAlarms })) ?? [];
  const parts = [el('h2', { id: 'false-alarms-h' }, t('falseAlarmsHeading'))];
  if (!list.length) parts.push(el('p', { id: 'false-alarms-none' }, t('falseAlarmsNone')));
  else {
    const ul = el('ul', { id: 'false-alarm-list', class: 'recent' });
    for (const r of list) {
      const li = el('li', { 'data-rule': r.rule, 'data-section': r.section });
      li.append(
        el('span', { class: 'when' }, `${new Date(r.at).toLocaleString()} · ${r.host} · `),
        el('span', { class: 'sec' }, `§${r.section} `),
        `${r.rule}${r.quote ? `: “${r.quote}”` : ''} (${t(r.sent ? 'falseAlarmsSent' : 'falseAlarmsKept')})`,
      );
      ul.append(li);
    }
    const exportButton = el('button', { id: 'export-false-alarms' }, t('falseAlarmsExport'));
    exportButton.type = 'button';
    exportButton.addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob([JSON.stringify({ false_alarms: list }, null, 2) + '\n'], { type: JSON_MIME }));
      const a = el('a', { href: url, download: `postguard-false-alarms-${new Date().toISOString().slice(0, 10)}.json` });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
    const actions = el('p', { class: 'actions' });
    actions.append(exportButton);
    parts.push(ul, actions);
  }
  aside.replaceChildren(...parts);
}

chrome.storage.onChanged.addListener((changes, area) => { if (area === 'local' && 'falseAlarms' in changes) draw(); });
draw();
