// Issue 14: the City-account badge hides nothing. On every fixture site, on every composer the
// site matrix lists (SITES in fixture-facts.mjs), at 1280 and 400 px wide, the badge's box
// overlaps no control of the page (button, link, [role=button], field), none of the page's
// words outside the composer (the account line "City of West Allis @CityofWestAllis", the post
// being answered), none of the draft's words, and stays inside the viewport.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { SITES, USER, X, CITY, PERSONAL_REMARK, rowUrl, reach, expectPanel, panel } from './fixture-facts.mjs';

const skip = !extensionBuilt() && `PostGuard not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing`;
const it = (name, fn) => test(name, { skip }, fn);
const WIDTHS = [1280, 400];

/** What of the page's content the badge's box overlaps (run in the page). */
function covered() {
  const host = document.querySelector('[data-postguard="badge"]');
  const b = host.getBoundingClientRect();
  const overlaps = (r) => r.width > 0 && r.height > 0 && r.left < b.right - 0.5 && r.right > b.left + 0.5 && r.top < b.bottom - 0.5 && r.bottom > b.top + 0.5;
  // The composer is where the typing went (it may sit in an open shadow root: Reddit).
  let composer = document.activeElement;
  while (composer?.shadowRoot?.activeElement) composer = composer.shadowRoot.activeElement;
  const hits = [];
  const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''}`;
  // Controls, in the light DOM and open shadow roots (Reddit), unless they hold the composer.
  const all = (root) => [...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el, ...all(el.shadowRoot)] : [el]));
  const elements = all(document);
  for (const el of elements) {
    if (!el.matches('a[href], button, input, select, textarea, [role=button], [role=link], img, svg') || el === host) continue;
    if (el.contains(composer) || composer.contains(el) || !el.checkVisibility()) continue;
    if (overlaps(el.getBoundingClientRect())) hits.push(`control ${name(el)}`);
  }
  // Words: every visible text node, the composer's (the draft) included.
  for (const el of elements) {
    for (const n of el.childNodes) {
      if (n.nodeType !== Node.TEXT_NODE || !n.data.trim() || !el.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      if ([...range.getClientRects()].some(overlaps)) hits.push(`text "${n.data.trim().slice(0, 40)}" in ${name(el)}`);
    }
  }
  const inside = b.left >= 0 && b.top >= 0 && b.right <= innerWidth && b.bottom <= innerHeight;
  return { hits, inside, box: [b.left, b.top, b.width, b.height].map(Math.round), place: host.dataset.place ?? null };
}

describe('the City-account badge hides nothing', { concurrency: false }, () => {
  const b = browserPerFile({ prepare: (h) => h.sw.evaluate((user) => chrome.storage.local.set({ user }), USER) });

  for (const [site, spec] of Object.entries(SITES)) {
    const rows = spec.rows.filter((r) => r.editor && !r.origin);
    it(`${site}: ${rows.map((r) => r.surface).join(', ')} at ${WIDTHS.join(' and ')} px`, async () => {
      const problems = [];
      for (const row of rows) {
        for (const width of WIDTHS) {
          const page = await b.h.context.newPage();
          b.pages.push(page);
          await page.setViewportSize({ width, height: 800 });
          await page.goto(rowUrl(spec, row));
          await page.locator('body').waitFor();
          await page.waitForTimeout(300);
          await reach(page, row, { nav: false });
          await page.keyboard.type('Library hours this week');
          await page.locator('[data-postguard="badge"]').waitFor({ state: 'attached' });
          await page.waitForTimeout(250); // placed after the verdict
          const c = await page.evaluate(covered);
          if (c.hits.length || !c.inside) problems.push(`${row.surface} at ${width}px, badge ${c.box} (place ${c.place}): ${c.inside ? '' : 'outside the viewport; '}${c.hits.join('; ')}`);
          await page.close();
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  // Found by the site matrix: a badge placed below X's DM box sat over the panel that opened
  // there, and a covered panel never arms its buttons. The badge makes way.
  it('the badge makes way for the panel, whose buttons then arm', async () => {
    const page = await b.open(`${X}/messages?${CITY}`, 'textarea');
    await page.click('textarea[data-testid=dm-composer-textarea]');
    await page.keyboard.type(PERSONAL_REMARK);
    await page.waitForTimeout(400);
    await page.keyboard.press('Enter');
    const p = await expectPanel(page, '6.4');
    await p.locator('button[data-action="edit"]').click(); // waits for the buttons to arm
    await panel(page).waitFor({ state: 'detached' });
    await page.keyboard.press('Enter');
    await expectPanel(page, '6.4');
    const [badge, box] = await page.evaluate(() => ['badge', 'panel'].map((k) => document.querySelector(`[data-postguard="${k}"]`).getBoundingClientRect().toJSON()));
    const apart = badge.right <= box.left || badge.left >= box.right || badge.bottom <= box.top || badge.top >= box.bottom;
    assert.ok(apart, `the badge ${JSON.stringify(badge)} covers the panel ${JSON.stringify(box)}`);
  });
});
