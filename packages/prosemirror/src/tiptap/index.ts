export { createMarginaliaTiptap } from './marginalia-tiptap.js';
export type { MarginaliaTiptap } from './marginalia-tiptap.js';
export { createHighlightMarkExtension } from './marginalia-highlight-mark.js';
