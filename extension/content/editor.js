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

  /**
   * Appends `text` at the end through the editor's own input handling, then reports
   * whether the editor now shows it. execCommand('insertText') fires the beforeinput and
   * input events every supported editor handles; a synthetic paste is the fallback.
   */
  function append(el, text) {
    const before = read(el);
    caretToEnd(el);
    const ok = el.ownerDocument.execCommand('insertText', false, text);
    if (ok && read(el).length > before.length) return true;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    return read(el).length > before.length;
  }

  return { read, append };
})();
