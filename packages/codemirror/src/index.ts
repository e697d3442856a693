export { createMarginaliaCodeMirror } from './marginalia-codemirror.js';
export type { MarginaliaCodeMirror, MarginaliaCodeMirrorOptions, MarginaliaDocument } from './marginalia-codemirror.js';
export { highlightDecorations, codeHighlights, DEFAULT_SHADES } from './highlight-decorations.js';
export type { CodeHighlight, HighlightDecorationOptions } from './highlight-decorations.js';
