// Issue 12: the rich editors the fixture sites lack (CKEditor 5, Trix, TinyMCE self-hosted,
// Quill 1.x), each from npm as shipped (fixtures/lab/editors.js), on a generic-fallback site
// (Nextdoor's adapter has no composer rules) and inside LinkedIn's reply box. Asserts on each
// editor's own model: a City-account personal draft is held (§6.4) by the card's Post although
// the editor's toolbar sits by the text, and the §6.2.6 Fix lands in the model exactly once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { CITY, USER, SIGNATURE, PERSONAL_TEXT, surface, posted, occurrences, expectPanel, expectPosted } from './fixture-facts.mjs';

const skip = !extensionBuilt() &&
  `PostGuard extension not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing (build it, or set POSTGUARD_DIST)`;
const it = (name, fn) => test(name, { skip }, fn);

/** Each editor: where a person types, and its own model (the call the issue names; HTML models as their text). */
export const EDITORS = {
  ckeditor5: { editable: '.ck-editor__editable', model: () => Object.assign(document.createElement('div'), { innerHTML: window.__ckeditor.getData() }).textContent },
  trix: { editable: 'trix-editor', model: () => document.querySelector('trix-editor').editor.getDocument().toString() },
  tinymce: { editable: '.host[contenteditable]', model: () => Object.assign(document.createElement('div'), { innerHTML: window.tinymce.activeEditor.getContent() }).textContent },
  quill1: { editable: '.ql-editor', model: () => window.__quill.getText() },
};
const REPLY_TEXT = 'Yes, open 9 to 5 on Saturday.';

describe('rich editors (issue 12)', () => {
  const b = browserPerFile({ prepare: (h) => h.sw.evaluate((user) => chrome.storage.local.set({ user }), USER) });
  let page;
  const open = async (url, editor) => {
    page = await b.open(url, `body[data-ready=${editor}]`);
    await page.click(EDITORS[editor].editable);
  };
  const model = (editor) => page.evaluate(EDITORS[editor].model);

  it('tinymce classic (its text in a same-origin iframe) on a generic site: the page\'s Post holds a City-account personal draft (§6.4)', async () => {
    page = await b.open(`https://nextdoor.com/lab/editors?editor=tinymce&mode=iframe&${CITY}`, 'body[data-ready=tinymce]');
    await page.frameLocator('.tox-edit-area iframe').locator('body').click();
    await page.keyboard.type(PERSONAL_TEXT);
    await page.waitForTimeout(600);
    await page.click('.actions .post');
    const p = await expectPanel(page, '6.4');
    assert.deepEqual(await posted(page), []);
    await p.locator('button[data-action="edit"]').click();
    await p.waitFor({ state: 'hidden' });
    assert.ok((await model('tinymce')).includes(PERSONAL_TEXT), await model('tinymce'));
  });

  for (const editor of Object.keys(EDITORS)) {
    it(`${editor} on a generic site: the card's Post holds a City-account personal draft (§6.4); Edit keeps the model`, async () => {
      await open(`https://nextdoor.com/lab/editors?editor=${editor}&${CITY}`, editor);
      await page.keyboard.type(PERSONAL_TEXT);
      await surface(page, 'badge').waitForText(/to check · .*§6\.4/); // the live warning, before any submit
      await page.click('.actions .post');
      const p = await expectPanel(page, '6.4');
      assert.deepEqual(await posted(page), []);
      await p.locator('button[data-action="edit"]').click();
      await p.waitFor({ state: 'hidden' });
      assert.ok((await model(editor)).includes(PERSONAL_TEXT), await model(editor));
    });

    it(`${editor} in LinkedIn's reply box: the §6.2.6 Fix signs in the editor's own model, once; Comment posts it`, async () => {
      await open(`https://www.linkedin.com/lab/editors?editor=${editor}&layout=linkedin&${CITY}`, editor);
      await page.keyboard.type(REPLY_TEXT);
      await surface(page, 'badge').waitForText(/to check · .*§6\.2\.6/);
      await page.click('button[data-view-name=comment-post]');
      const p = await expectPanel(page, '6.2.6');
      assert.deepEqual(await posted(page), []);
      await p.locator('button[data-action="fix"]').click();
      await p.waitFor({ state: 'hidden' });
      let signed = await model(editor);
      for (const end = Date.now() + 3000; !signed.includes(SIGNATURE) && Date.now() < end; signed = await model(editor)) {
        await page.waitForTimeout(50);
      }
      assert.equal(occurrences(signed, SIGNATURE), 1, signed);
      assert.ok(signed.includes(REPLY_TEXT), signed);
      await page.waitForTimeout(400); // the signed draft is judged again
      await page.click('button[data-view-name=comment-post]');
      await page.waitForFunction(() => window.__posted.length > 0);
      const [sent] = await posted(page);
      assert.ok(sent.includes(SIGNATURE) && sent.includes(REPLY_TEXT), sent);
    });
  }
});
