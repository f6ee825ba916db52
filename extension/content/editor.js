// Reading and writing the text of a site's editor without breaking it.
// Draft.js, Lexical, ProseMirror and Quill keep their state outside the DOM, so we never
// write their DOM: insertion goes through the input paths they listen to.
'use strict';

const PostGuardEditor = (() => {
  const isTextControl = (el) => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

  /** What the user sees in the editor, as plain text. */
  function read(el) {
    if (isTextControl(el)) return el.value;
    // innerText follows rendering (line breaks between blocks); drop the trailing
    // newline editors add after their last block.
    return (el.innerText ?? '').replace(/\n$/, '');
  }

  function caretToEnd(el) {
    el.focus();
    if (isTextControl(el)) {
      el.setSelectionRange(el.value.length, el.value.length);
      return;
    }
    const sel = el.ownerDocument.getSelection();
    sel.selectAllChildren(el);
    sel.collapseToEnd();
  }

  /** Remembers the caret in `el`; the returned function puts focus and caret back there. */
  function keepCaret(el) {
    if (isTextControl(el)) {
      const { selectionStart, selectionEnd } = el;
      return () => {
        el.focus();
        // null for types without a selection (email, number): setSelectionRange would throw.
        if (selectionStart !== null) el.setSelectionRange(selectionStart, selectionEnd);
      };
    }
    const sel = el.ownerDocument.getSelection();
    const range = sel.rangeCount && el.contains(sel.anchorNode) ? sel.getRangeAt(0).cloneRange() : null;
    // Some editors (Draft.js) put the caret at the start on a bare focus(): restore it.
    return () => {
      el.focus();
      if (range && el.contains(range.startContainer)) {
        sel.removeAllRanges();
        sel.addRange(range);
      } else {
        caretToEnd(el);
      }
    };
  }

  // How each editor wants text given to it; the adapter names one per composer ("insert"), and
  // append() falls back through the others until the editor shows the text.
  // execCommand('insertText') reaches Draft.js, Lexical, ProseMirror, Quill (it watches the DOM)
  // and React's textareas; Slate's model ignores it (the DOM shows text Slate lacks), so Slate
  // takes a paste. Measured in tests/e2e/sites.test.mjs.
  const inserters = {
    execCommand: (el, text) => el.ownerDocument.execCommand('insertText', false, text),
    paste(el, text) {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
    },
    beforeinput(el, text) {
      el.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertText', data: text, bubbles: true, cancelable: true, composed: true }));
    },
  };

  // Editors may render a moment after the input event (React, Lexical): give them a few frames.
  // Spaces are compared loosely: editors write the spaces they are given as no-break spaces.
  const plain = (t) => t.replace(/[\s\u00a0\uFEFF]+/g, ' ').trim();
  // Never read in the same task: CKEditor 5 lets execCommand write the DOM, then puts its own
  // model back from a mutation observer. The text must still be there a few frames on.
  const frame = () => new Promise((r) => setTimeout(r, 16));
  async function landed(el, before, text) {
    const ok = () => read(el).length > before.length && plain(read(el)).includes(plain(text));
    await frame();
    for (let i = 0; i < 8 && !ok(); i++) await frame();
    if (!ok()) return false;
    await frame();
    await frame();
    return ok();
  }

  /**
   * Appends `text` at the end through the editor's own input path, and resolves to whether the
   * editor now shows it. The path is chosen by reading the editor back, never by hoping: the
   * adapter's (`how`), then execCommand, then a `beforeinput`, then a paste (CKEditor 5's
   * execCommand returns true and changes nothing). A path that changed the text without
   * showing it ends the tries: a second path could insert the text twice.
   */
  async function append(el, text, how = 'execCommand') {
    const before = read(el);
    for (const way of new Set([how in inserters ? how : 'execCommand', 'execCommand', 'beforeinput', 'paste'])) {
      caretToEnd(el);
      inserters[way](el, text);
      if (await landed(el, before, text)) return true;
      if (plain(read(el)) !== plain(before)) return false; // (a filler or a space an editor re-rendered is no change)
    }
    return false;
  }

  return { read, append, keepCaret };
})();
