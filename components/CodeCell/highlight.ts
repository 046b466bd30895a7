// Syntax colours for code cells, from the site's theme variables so both themes keep a 4.5:1 contrast
// (CodeMirror's default style is made for a white page and fails it on ours).
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

const style = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.operatorKeyword, t.controlKeyword, t.definitionKeyword], color: 'var(--code-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--code-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--code-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.variableName)], color: 'var(--code-function)' },
  { tag: [t.typeName, t.className, t.namespace], color: 'var(--code-type)' },
  { tag: t.invalid, color: 'var(--bad)' },
  { tag: [t.variableName, t.propertyName, t.operator, t.punctuation, t.bracket], color: 'var(--fg)' },
]);

/** The CodeMirror extension that applies the colours; it takes precedence over basicSetup's fallback style. */
export const highlighting = syntaxHighlighting(style);
