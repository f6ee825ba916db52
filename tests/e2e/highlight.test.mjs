// Issue 14: while the live badge warns and the panel is open, the words that triggered it are underlined in the
// composer by an overlay (a closed surface of its own, pointer-events none) placed from
// Range.getClientRects(), never by changing the editor's DOM; it follows the page's scroll.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserPerFile, extensionBuilt, DEFAULT_EXTENSION_DIR } from './harness.mjs';
import { X, CITY, DRAFT, USER, PERSONAL_REMARK, inSurface, panel, expectPanel, personalRemarkPanel } from './fixture-facts.mjs';

const skip = !extensionBuilt() && `PostGuard not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing`;
const it = (name, fn) => test(name, { skip }, fn);
const TEXT = PERSONAL_REMARK;

/** The overlay's marks, and the composer's word under each mark's centre (caretRangeFromPoint). */
async function marks(page) {
  const rects = await inSurface(page, 'highlight', (root) => [...root.querySelectorAll('.mark')].map((m) => {
    const r = m.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }));
  return page.evaluate(({ rects, sel }) => {
    const composer = document.querySelector(sel);
    const box = composer.getBoundingClientRect();
    return (rects ?? []).map((r) => {
      // What lies under the mark, seen past PostGuard's surfaces (pointer-events none).
      const caret = document.caretRangeFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      const node = caret?.startContainer;
      const text = node?.nodeType === Node.TEXT_NODE ? node.data : '';
      let [a, b] = [caret?.startOffset ?? 0, caret?.startOffset ?? 0];
      while (a > 0 && /\w/.test(text[a - 1])) a--;
      while (b < text.length && /\w/.test(text[b])) b++;
      return {
        word: text.slice(a, b),
        inComposer: Boolean(node && composer.contains(node)),
        inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5,
      };
    });
  }, { rects, sel: DRAFT });
}

describe('the words that warned are underlined', { concurrency: false }, () => {
  const b = browserPerFile({ prepare: (h) => h.sw.evaluate((user) => chrome.storage.local.set({ user }), USER) });

  it('in a textarea (X\'s DM box), the marks sit on its words as it lays them out, inside it', async () => {
    const sel = 'textarea[data-testid=dm-composer-textarea]';
    const page = await b.open(`${X}/messages?${CITY}`, sel);
    await page.click(sel);
    await page.keyboard.type(TEXT);
    await page.waitForTimeout(400);
    await page.keyboard.press('Enter');
    await expectPanel(page, '6.4');
    await page.locator('[data-postguard="highlight"]').waitFor({ state: 'attached' });
    const rects = await inSurface(page, 'highlight', (root) => [...root.querySelectorAll('.mark')].map((m) => m.getBoundingClientRect().toJSON()));
    const box = await page.locator(sel).evaluate((el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, textLeft: r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft) };
    });
    assert.ok(rects.length >= 4, `marks: ${JSON.stringify(rects)}`); // Ugh, hungover, lol, my kids
    for (const r of rects) assert.ok(r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom, `a mark outside the textarea: ${JSON.stringify([r, box])}`);
    // "Ugh" opens the draft: its mark starts where the textarea's text starts.
    assert.ok(Math.abs(rects[0].left - box.textLeft) < 2, `the first mark at ${rects[0].left}, the text at ${box.textLeft}`);
  });

  it('marks lie inside the composer, over the quoted words, follow scrolling, and leave the editor\'s DOM alone', async () => {
    const page = await b.open(`${X}/home?${CITY}`, DRAFT);
    await personalRemarkPanel(page);
    await page.locator('[data-postguard="highlight"]').waitFor({ state: 'attached' });
    const seen = await marks(page);
    assert.ok(seen.length > 0, 'no marks');
    for (const m of seen) {
      assert.ok(m.inside, `a mark outside the composer: ${JSON.stringify(m)}`);
      assert.ok(m.inComposer && m.word && TEXT.includes(m.word), `a mark over no word of the draft: ${JSON.stringify(m)}`);
    }
    assert.ok(seen.some((m) => /hungover/i.test(m.word)), `"hungover" is not marked: ${JSON.stringify(seen)}`);
    // From here on, the editor's DOM is watched: drawing the marks again must not touch it.
    await page.locator(DRAFT).evaluate((el) => {
      window.__editorMutations = 0;
      new MutationObserver((m) => { window.__editorMutations += m.length; }).observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    // The page scrolls (made taller for the purpose): the marks move with the words.
    await page.evaluate(() => { document.body.style.minHeight = '3000px'; scrollBy(0, 30); });
    await page.waitForTimeout(200);
    const after = await marks(page);
    assert.deepEqual(after.map((m) => m.word), seen.map((m) => m.word));
    assert.ok(after.every((m) => m.inComposer), 'the marks stayed behind as the page scrolled');
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForTimeout(200);
    assert.deepEqual((await marks(page)).map((m) => m.inComposer && m.word), seen.map((m) => m.word), 'the marks did not follow a resize');
    assert.equal(await page.evaluate(() => window.__editorMutations), 0, 'the editor\'s DOM changed');
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
    // Back to editing: the words stay marked while the live badge warns, and go with the warning.
    assert.ok((await marks(page)).some((m) => /hungover/i.test(m.word)), 'the marks left with the panel, not with the warning');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('The library opens at 9 on Saturday.');
    await page.locator('[data-postguard="highlight"]').waitFor({ state: 'detached' });
  });

  it('while the live badge warns, before any submit, the words are underlined as they are typed', async () => {
    const page = await b.open(`${X}/home?${CITY}`, DRAFT);
    await page.click(DRAFT);
    await page.keyboard.type(TEXT);
    await page.locator('[data-postguard="highlight"]').waitFor({ state: 'attached' });
    assert.equal(await panel(page).count(), 0, 'no panel: nothing was submitted');
    const seen = await marks(page);
    assert.ok(seen.some((m) => /hungover/i.test(m.word)), `"hungover" is not marked: ${JSON.stringify(seen)}`);
    for (const m of seen) assert.ok(m.inside && m.inComposer, `a mark off the draft: ${JSON.stringify(m)}`);
  });
});
