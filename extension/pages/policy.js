// The policy's own text, shipped with PostGuard (extension/policy/), shown at the section the
// panel's link named: pages/policy.html#6.4.1.2. Each numbered paragraph gets its section as
// its id, so the link lands on it and it is marked as the one meant.
'use strict';

const TEXT = '../policy/west-allis-1317.txt';
// "6.4 Personal…", "- 6.1.2 Department Heads…", " - 6.4.1.2 Covered Personnel…"
const NUMBERED = /^\s*(?:-\s*)?(\d+\.\d+(?:\.\d+)*)\s/;

document.documentElement.lang = chrome.i18n.getUILanguage();
const heading = chrome.i18n.getMessage('policyPageTitle') || 'Social Media Policy';
document.title = `PostGuard: ${heading}`;
document.getElementById('policy-title').textContent = heading;

function mark() {
  const at = decodeURIComponent(location.hash.slice(1));
  for (const el of document.querySelectorAll('[aria-current]')) el.removeAttribute('aria-current');
  const target = at && document.getElementById(at);
  if (!target) return;
  target.setAttribute('aria-current', 'true');
  target.scrollIntoView({ block: 'start' });
}

(async () => {
  const box = document.getElementById('policy-text');
  const text = await (await fetch(TEXT)).text();
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const p = document.createElement('p');
    p.textContent = line.trim();
    const section = line.match(NUMBERED)?.[1];
    if (section && !document.getElementById(section)) p.id = section;
    box.append(p);
  }
  box.removeAttribute('aria-busy');
  mark();
  addEventListener('hashchange', mark);
})();
