// End-to-end tests for the content rules of issue #4 in real Chromium with the built
// extension: what a City account may not post (§6.5.2.6 PII, §6.5.2.2 conduct, §6.5.2.5
// politics, §6.1.4 links), the DM reminder with its reply snippet (§6.2.8), and what a
// personal account may not say (§6.4.1.1 with its disclaimer fix, §6.4.1.4). Assertions read
// the editor's own state (window.__editorText) and what the site received (window.__posted).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import {
  X, CITY, PERSONAL, DRAFT, X_BUTTON, USER, panel, posted, editorText, occurrences, expectPanel, expectPosted,
} from './fixture-facts.mjs';

const DM = '[data-testid="dm-composer-textarea"]';
const DM_SEND = '[data-testid="dm-composer-send-button"]';
// Saturday evening in West Allis: no work-time reminder (§6.4.1.3) gets in the way.
const OFF_HOURS = Date.parse('2026-06-13T20:00:00-05:00');

const skip = !extensionBuilt() &&
  `PostGuard extension not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing (build it, or set POSTGUARD_DIST)`;
const it = (name, fn) => test(name, { skip }, fn);

// Waits for the panel and the finding for `section`; returns that finding's list item.
const finding = async (page, section) => (await expectPanel(page, section)).locator(`li[data-section="${section}"]`);

describe('PostGuard content rules end to end', () => {
  const b = browserPerFile({
    prepare: (h) => h.sw.evaluate(({ user, clock }) => chrome.storage.local.set({ user, devClock: clock }), { user: USER, clock: OFF_HOURS }),
  });
  let page;
  const open = async (url, ready) => (page = await b.open(url, ready));

  async function post(url, text, { editor = DRAFT, send = X_BUTTON } = {}) {
    await open(url, editor);
    await page.click(editor);
    await page.keyboard.type(text);
    await page.click(send);
  }

  it('§6.5.2.6: an SSN in a City post is held, masked in the panel, and Edit keeps the draft', async () => {
    const text = 'Resident record: SSN 078-05-1123, call her back.';
    await post(`${X}/home?${CITY}`, text);
    const li = await finding(page, '6.5.2.6');
    const said = await li.textContent(); // the details are folded under Why?
    assert.match(said, /Social Security number \(\*\*\*-\*\*-1123\)/);
    assert.ok(!said.includes('078-05'), said);
    assert.deepEqual(await posted(page), []);
    await panel(page).locator('button[data-action="edit"]').click();
    await panel(page).waitFor({ state: 'hidden' });
    assert.equal(await editorText(page), text);
    assert.deepEqual(await posted(page), []);
  });

  it('§6.5.2.2: evasive profanity in a City post is held; Post anyway sends exactly what was typed', async () => {
    const text = 'This parking situation is sh1t';
    await post(`${X}/home?${CITY}`, text);
    const li = await finding(page, '6.5.2.2');
    assert.match(await li.textContent(), /profanity \(“sh1t”\)/);
    assert.deepEqual(await posted(page), []);
    await panel(page).locator('button[data-action="post"]').click();
    await expectPosted(page, [text]);
  });

  it('§6.5.2.5 and §6.1.4: campaigning and a shortened link are both named', async () => {
    await post(`${X}/home?${CITY}`, 'Vote for Jane Smith on April 7! More at bit.ly/3xYz');
    assert.match(await (await finding(page, '6.5.2.5')).textContent(), /“Vote for”/);
    assert.match(await (await finding(page, '6.1.4')).textContent(), /bit\.ly is a link shortener/);
    assert.deepEqual(await posted(page), []);
  });

  it('neutral election information from the City goes out without a panel', async () => {
    const text = 'Polls open 7am to 8pm Tuesday. Register to vote at myvote.wi.gov';
    await post(`${X}/home?${CITY}`, text);
    await expectPosted(page, [text]);
    assert.equal(await panel(page).count(), 0);
  });

  it('§6.2.8: a City DM reply gets the City-email snippet inserted into the textarea, then sends', async () => {
    const text = 'Hi Pat, happy to help with that.';
    await post(`${X}/messages?${CITY}`, text, { editor: DM, send: DM_SEND });
    const li = await finding(page, '6.2.8');
    assert.match(await li.textContent(), /public records/);
    assert.deepEqual(await posted(page), []);
    await panel(page).locator('button[data-action="fix"][data-rule="dm-public-record"]').click();
    await panel(page).waitFor({ state: 'hidden' });
    const snippet = 'Please email jdoe@westalliswi.gov so we can help. Messages to this City account are public records.';
    await page.waitForFunction((s) => window.__editorText().endsWith(s), snippet);
    const fixed = await editorText(page);
    assert.equal(fixed, `${text} ${snippet}`);
    assert.equal(await page.inputValue(DM), fixed, 'the textarea shows what React holds');
    await page.click(DM_SEND);
    await expectPosted(page, [fixed]);
    assert.equal(await panel(page).locator('[role="alertdialog"]:visible').count(), 0);
  });

  it('§6.4.1.1: a personal post speaking for the City gets the disclaimer once, then posts', async () => {
    const text = 'Speaking for the City, the pool closes early this year.';
    const disclaimer = "Views are my own, not the City of West Allis's.";
    await post(`${X}/home?${PERSONAL}`, text);
    await finding(page, '6.4.1.1');
    assert.deepEqual(await posted(page), []);
    await panel(page).locator('button[data-action="fix"][data-rule="official-position"]').click();
    await panel(page).waitFor({ state: 'hidden' });
    await page.waitForFunction((d) => window.__editorText().endsWith(d), disclaimer);
    const fixed = await editorText(page);
    assert.equal(fixed, `${text} ${disclaimer}`);
    assert.equal(occurrences(fixed, disclaimer), 1);
    await page.click(X_BUTTON);
    await expectPosted(page, [fixed]);
  });

  it('§6.4.1.4: City business from a personal account is held; Post anyway posts it as typed', async () => {
    const text = 'Your permit application is approved, pick it up at City Hall Monday.';
    await post(`${X}/home?${PERSONAL}`, text);
    assert.match(await (await finding(page, '6.4.1.4')).textContent(), /official City business/);
    assert.deepEqual(await posted(page), []);
    await panel(page).locator('button[data-action="post"]').click();
    await expectPosted(page, [text]);
  });
});
