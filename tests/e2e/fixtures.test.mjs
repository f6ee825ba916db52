// Smoke tests for the fixture sites themselves (no extension): the real editors take text the ways
// a content script will give it to them, and the sites post from their own editor state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { CSP } from './server.mjs';
import { X, FB, LEXICAL, editorText, posted } from './fixture-facts.mjs';

const DRAFT = '[data-testid="tweetTextarea_0"] .public-DraftEditor-content[role="textbox"]';

let h;
before(async () => { h = await launch({ extensionDir: null }); });
after(() => h?.close());

// Lexical commits updates in a microtask, so wait for the state rather than reading it at once.
const waitForText = (page, text) =>
  page.waitForFunction((t) => window.__editorText() === t, text, { timeout: 3000 });

// What a content script does to add text: focus the editor (focus may have moved to one of its
// own buttons), put the caret at the end, and insert through the editor's own input path.
function insertAtEnd([selector, text]) {
  const el = document.querySelector(selector);
  el.focus();
  const range = document.createRange();
  range.selectNodeContents(el);
  range.collapse(false);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return document.execCommand('insertText', false, text);
}
function pasteAtEnd([selector, text]) {
  const el = document.querySelector(selector);
  el.focus();
  const range = document.createRange();
  range.selectNodeContents(el);
  range.collapse(false);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  const data = new DataTransfer();
  data.setData('text/plain', text);
  el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

test('fixture pages carry the strict CSP, and it blocks inline script', async () => {
  for (const url of [`${X}/home`, `${X}/jane_resident/status/123`, `${X}/settings/email`, `${FB}/`]) {
    const page = await h.context.newPage();
    const res = await page.goto(url);
    assert.equal(res.status(), 200, url);
    assert.equal(res.headers()['content-security-policy'], CSP, url);
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.head.append(s);
      return window.__inline === true;
    });
    assert.equal(ran, false, `inline script ran on ${url}`);
    await page.close();
  }
});

test('X home: Draft.js takes keyboard typing, execCommand insertText and paste; Post and Ctrl+Enter post', async () => {
  const page = await h.newPage(`${X}/home?as=CityofWestAllis&name=City%20of%20West%20Allis`);
  assert.equal(await page.getAttribute('[data-testid="AppTabBar_Profile_Link"]', 'href'), '/CityofWestAllis');
  assert.equal(await page.innerText('[data-testid="SideNav_AccountSwitcher_Button"]'), 'City of West Allis @CityofWestAllis');
  assert.equal(await page.innerText('[data-testid="tweetButtonInline"]'), 'Post');

  await page.click(DRAFT);
  await page.keyboard.type('Hello there');
  assert.equal(await editorText(page), 'Hello there');
  await page.keyboard.press('Enter'); // plain Enter is a newline on X
  await page.keyboard.type('second line');
  assert.equal(await editorText(page), 'Hello there\nsecond line');

  await page.focus('[data-testid="tweetButtonInline"]'); // focus elsewhere, as after a click on a panel
  assert.equal(await page.evaluate(insertAtEnd, [DRAFT, ' — Jane Doe']), true);
  await waitForText(page, 'Hello there\nsecond line — Jane Doe');
  await page.evaluate(pasteAtEnd, [DRAFT, ' (pasted)']);
  await waitForText(page, 'Hello there\nsecond line — Jane Doe (pasted)');

  await page.click('[data-testid="tweetButtonInline"]');
  assert.deepEqual(await posted(page), ['Hello there\nsecond line — Jane Doe (pasted)']);
  assert.deepEqual(await page.locator('#timeline li.posted').allTextContents(), ['Hello there\nsecond line — Jane Doe (pasted)']);
  assert.equal(await editorText(page), '');

  await page.click('[data-testid="tweetButtonInline"]'); // empty drafts are not posted
  assert.equal((await posted(page)).length, 1);

  await page.click(DRAFT);
  await page.keyboard.type('via keyboard');
  await page.keyboard.press('Control+Enter');
  assert.deepEqual(await posted(page), ['Hello there\nsecond line — Jane Doe (pasted)', 'via keyboard']);
  await page.close();
});

test('X reply: parent tweet above the composer, Reply button, Meta+Enter posts', async () => {
  const page = await h.newPage(`${X}/jane_resident/status/123?as=jdoe_personal&name=Jane%20Doe`);
  const tweet = page.locator('article[data-testid="tweet"]');
  assert.match(await tweet.innerText(), /@jane_resident[\s\S]*Is the library open on Saturday\?/);
  const above = await page.evaluate(() => Boolean(document.querySelector('article[data-testid="tweet"]')
    .compareDocumentPosition(document.querySelector('[data-testid="tweetTextarea_0"]')) & Node.DOCUMENT_POSITION_FOLLOWING));
  assert.equal(above, true);
  assert.equal(await page.innerText('[data-testid="tweetButtonInline"]'), 'Reply');
  assert.equal(await page.innerText('[data-testid="SideNav_AccountSwitcher_Button"]'), 'Jane Doe @jdoe_personal');

  await page.click(DRAFT);
  await page.keyboard.type('Yes');
  await page.keyboard.press('Meta+Enter');
  assert.deepEqual(await posted(page), ['Yes']);
  await page.close();
});

test('X settings/email: Save records the email without navigating', async () => {
  const page = await h.newPage(`${X}/settings/email?as=jdoe_personal&name=Jane%20Doe`);
  await page.click('input[type="email"][name="email"]');
  await page.keyboard.type('jane.doe@example.org');
  await page.click('[data-testid="settingsDetailSave"]');
  assert.deepEqual(await page.evaluate(() => window.__submitted), ['jane.doe@example.org']);
  assert.equal(page.url(), `${X}/settings/email?as=jdoe_personal&name=Jane%20Doe`);
  await page.close();
});

test('Facebook: Lexical takes keyboard typing, execCommand insertText and paste; Enter and the button post', async () => {
  const page = await h.newPage(`${FB}/?as=City%20of%20West%20Allis`);
  const box = page.locator(LEXICAL);
  assert.equal(await box.getAttribute('aria-label'), 'Comment as City of West Allis');
  assert.equal(await box.getAttribute('aria-placeholder'), 'Write a comment…');
  assert.equal(await box.getAttribute('role'), 'textbox');
  assert.match(await page.innerText('[role="article"]'), /Pat Resident[\s\S]*When does bulk trash pickup start\?/);

  await box.click();
  await page.keyboard.type('Bulk pickup');
  await page.keyboard.press('Shift+Enter'); // newline, not submit
  await page.keyboard.type('starts soon');
  await waitForText(page, 'Bulk pickup\nstarts soon');

  await page.focus('[role="button"][aria-label="Comment"]');
  assert.equal(await page.evaluate(insertAtEnd, [LEXICAL, ' — Jane Doe']), true);
  await waitForText(page, 'Bulk pickup\nstarts soon — Jane Doe');
  await page.evaluate(pasteAtEnd, [LEXICAL, ' (pasted)']);
  await waitForText(page, 'Bulk pickup\nstarts soon — Jane Doe (pasted)');

  await box.focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await posted(page), ['Bulk pickup\nstarts soon — Jane Doe (pasted)']);
  assert.equal(await page.locator('#timeline li.posted').count(), 1);
  await waitForText(page, '');

  await page.keyboard.press('Enter'); // empty drafts are not posted
  await box.click();
  await page.keyboard.type('second comment');
  await page.click('[role="button"][aria-label="Comment"]');
  assert.deepEqual(await posted(page), ['Bulk pickup\nstarts soon — Jane Doe (pasted)', 'second comment']);
  await page.close();
});

test('the fixtures make no request outside the fixture hosts', () => {
  const foreign = h.requests.filter((r) => !/^https?:\/\/(x\.com|www\.facebook\.com)\//.test(r.url));
  assert.deepEqual(foreign, []);
  assert.deepEqual(h.pageErrors, []);
});
