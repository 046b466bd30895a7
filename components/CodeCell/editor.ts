// The code editor of code cells and code exercises: CodeMirror 6 with TypeScript highlighting in the
// site's colours, loaded on demand so that pages without code ship none of it.
//
// NOTE: the editor lives in a shadow root. CodeMirror writes its styles at run time; in a document it puts
// them in a <style> element, which the book's Content Security Policy refuses (no inline styles without a
// hash), while in a shadow root it uses a constructed stylesheet, which no policy blocks. The site's colours
// still reach it: custom properties inherit into shadow trees.
import type { EditorView } from 'codemirror';

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Accessible name of the editable area. */
  label: string;
  /** Called with the new text after every edit. */
  onchange?: (text: string) => void;
  /** Called on Shift+Enter. */
  onrun?: () => void;
  /** The editor's maximum height (it scrolls inside beyond it). */
  maxHeight?: string;
}

/** Creates an editor in `parent`. */
export async function createEditor({ parent, doc, label, onchange, onrun, maxHeight }: EditorOptions): Promise<EditorView> {
  const [{ EditorView, basicSetup }, { keymap }, { Prec }, { javascript }, { HighlightStyle, syntaxHighlighting }, { tags: t }] = await Promise.all([
    import('codemirror'),
    import('@codemirror/view'),
    import('@codemirror/state'),
    import('@codemirror/lang-javascript'),
    import('@codemirror/language'),
    import('@lezer/highlight'),
  ]);
  // NOTE: CodeMirror's default colours are made for a white page and fail a 4.5:1 contrast on ours; these
  // come from the theme variables in global.css, which are checked in both themes.
  const colours = HighlightStyle.define([
    { tag: [t.keyword, t.modifier, t.operatorKeyword, t.controlKeyword, t.definitionKeyword], color: 'var(--code-keyword)' },
    { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--code-string)' },
    { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--code-number)' },
    { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--code-comment)', fontStyle: 'italic' },
    { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.variableName)], color: 'var(--code-function)' },
    { tag: [t.typeName, t.className, t.namespace], color: 'var(--code-type)' },
    { tag: t.invalid, color: 'var(--bad)' },
    { tag: [t.variableName, t.propertyName, t.operator, t.punctuation, t.bracket], color: 'var(--fg)' },
  ]);
  const root = parent.shadowRoot ?? parent.attachShadow({ mode: 'open' });
  root.replaceChildren();
  return new EditorView({
    doc,
    parent: root,
    root,
    extensions: [
      basicSetup,
      javascript({ typescript: true }),
      syntaxHighlighting(colours),
      ...(onrun ? [Prec.highest(keymap.of([{ key: 'Shift-Enter', run: () => (onrun(), true) }]))] : []),
      // tabindex: the editable area is what keyboard users reach, and it makes the scroll box around it
      // count as keyboard-scrollable (axe's scrollable-region-focusable).
      EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
      ...(onchange ? [EditorView.updateListener.of((u) => u.docChanged && onchange(u.state.doc.toString()))] : []),
      EditorView.theme({
        '&': { backgroundColor: 'var(--code-bg)', color: 'var(--fg)', fontSize: '0.88rem', ...(maxHeight ? { maxHeight } : {}) },
        '.cm-scroller': { fontFamily: 'var(--font-mono)' },
        '.cm-gutters': { backgroundColor: 'var(--surface)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
        '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'transparent' },
        '.cm-cursor': { borderLeftColor: 'var(--fg)' },
        '&.cm-focused': { outline: '2px solid var(--focus)' },
        // Printed, long lines wrap and the code is small (the page's print styles cannot reach in here).
        '@media print': { '& .cm-content, & .cm-line': { whiteSpace: 'pre-wrap', fontSize: '8.5pt' } },
      }),
    ],
  });
}
