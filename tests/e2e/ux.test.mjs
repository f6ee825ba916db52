// The panel read in two seconds (issue 14), in real Chromium with the built extension: a block
// looks unlike a warning (title, colour, icon, Edit as the main button), each finding shows its
// title and what to do with the details folded under "Why?", and its section is a link that
// opens the policy's own text at that section.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { X, CITY, DRAFT, X_BUTTON, USER, panel, inSurface, expectPanel } from './fixture-facts.mjs';

// Saturday evening in West Allis: no work-time reminder (§6.4.1.3) gets in the way.
const OFF_HOURS = Date.parse('2026-06-13T20:00:00-05:00');
const skip = !extensionBuilt() &&
  `PostGuard extension not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing (build it, or set POSTGUARD_DIST)`;
const it = (name, fn) => test(name, { skip }, fn);

/** The panel box's look: its verdict, colours, icon and which button is the main one. */
const look = (page) => inSurface(page, 'panel', (root) => {
  const box = root.querySelector('.box');
  const css = (el, p) => (el ? getComputedStyle(el)[p] : null);
  const edit = root.querySelector('button[data-action=edit]');
  return {
    verdict: box.dataset.verdict,
    title: root.querySelector('h2').textContent,
    border: css(box, 'borderTopColor'),
    background: css(box, 'backgroundColor'),
    icon: root.querySelector('.head svg')?.dataset.icon ?? null,
    editBackground: css(edit, 'backgroundColor'),
    postBackground: css(root.querySelector('button[data-action=post]'), 'backgroundColor'),
    focused: root.activeElement?.dataset.action ?? null,
  };
});

describe('the panel in two seconds', () => {
  const b = browserPerFile({
    prepare: (h) => h.sw.evaluate(({ user, clock }) => chrome.storage.local.set({ user, devClock: clock }), { user: USER, clock: OFF_HOURS }),
  });
  let page;

  async function held(text, section) {
    page = await b.open(`${X}/home?${CITY}`, DRAFT);
    await page.click(DRAFT);
    await page.keyboard.type(text);
    await page.click(X_BUTTON);
    return expectPanel(page, section);
  }

  it('a block is titled, coloured and iconed unlike a warning, with Edit as its main button', async () => {
    await held('Resident record: SSN 078-05-1123, call her back.', '6.5.2.6');
    await page.waitForTimeout(100); // the panel focuses its button after the current event
    const block = await look(page);
    assert.equal(block.verdict, 'block');
    assert.equal(block.title, 'Not allowed on a City account');
    assert.equal(block.icon, 'block');
    assert.equal(block.border, 'rgb(179, 38, 30)');
    assert.equal(block.editBackground, 'rgb(179, 38, 30)', 'Edit is the filled, main button');
    assert.notEqual(block.postBackground, block.editBackground, 'Post anyway is secondary');
    assert.equal(block.focused, 'edit');
    // Post anyway still asks the reason.
    await panel(page).locator('button[data-action="post"]').click();
    await panel(page).locator('textarea').waitFor();
    await page.close();

    await held('This parking situation is sh1t', '6.5.2.2');
    const warn = await look(page);
    assert.equal(warn.verdict, 'warn');
    assert.equal(warn.title, 'Check this before it goes out');
    assert.equal(warn.icon, 'warn');
    assert.equal(warn.border, 'rgb(179, 92, 0)', 'amber, as before');
    assert.notEqual(warn.background, block.background);
  });

  it('a finding shows its title and what to do; the details are folded under Why?', async () => {
    const p = await held('Resident record: SSN 078-05-1123, call her back.', '6.5.2.6');
    const li = p.locator('li[data-section="6.5.2.6"]');
    assert.equal(await li.locator('.title').textContent(), 'Personal data in a City post');
    assert.equal(await li.locator('.advice').textContent(), 'Take the personal data out before posting.');
    assert.equal(await li.locator('summary').textContent(), 'Why?');
    assert.equal(await li.locator('.why').isVisible(), false, 'the details start folded');
    assert.ok(!(await li.innerText()).includes('Social Security number'), 'the folded details are not read out');
    await li.locator('summary').click();
    await li.locator('.why').waitFor();
    assert.match(await li.locator('.why').innerText(), /Social Security number \(\*\*\*-\*\*-1123\)/);
    // The section is cited once: the link.
    const text = await li.textContent();
    assert.equal(text.split('§6.5.2.6').length - 1, 1, text);
  });

  it('the section link opens the policy text in a new tab, at that section', async () => {
    const p = await held('Resident record: SSN 078-05-1123, call her back.', '6.5.2.6');
    const link = p.locator('li[data-section="6.5.2.6"] a[data-action="policy"]');
    assert.equal(await link.textContent(), 'Policy §6.5.2.6');
    const opened = b.h.context.waitForEvent('page');
    await link.click();
    const tab = await opened;
    b.pages.push(tab);
    await tab.waitForURL(/\/pages\/policy\.html#6\.5\.2\.6$/);
    const here = tab.locator('[id="6.5.2.6"]');
    await here.waitFor();
    assert.equal(await here.getAttribute('aria-current'), 'true');
    assert.match(await here.textContent(), /^- 6\.5\.2\.6 Contains confidential or "for official use only" information/);
    const inView = await here.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight;
    });
    assert.ok(inView, 'the section is scrolled into view');
    assert.equal(await tab.locator('h1').textContent(), 'Social Media Policy');
  });
});
