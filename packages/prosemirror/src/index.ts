export { HIGHLIGHT_MARK, HIGHLIGHT_ATTRIBUTE, highlightMarkSpec } from './highlight-mark-spec.js';
export { createMarginaliaEditor } from './marginalia-prosemirror.js';
export type {
  MarginaliaDocument,
  MarginaliaEditor,
  MarginaliaEditorOptions,
  MarginHighlight,
} from './marginalia-prosemirror.js';
export { createMarginaliaProseMirror } from './y-prosemirror-setup.js';
export type { MarginaliaProseMirror } from './y-prosemirror-setup.js';
export { createHighlightPlugin, highlightPluginKey } from './highlight-plugin.js';
export type { HighlightPluginOptions, HighlightPluginState } from './highlight-plugin.js';
export { highlightSelection } from './highlight-commands.js';
export type { HighlightFromSelection } from './highlight-commands.js';
export { highlightRanges, highlightsAt } from './highlight-ranges.js';
export type { HighlightRange } from './highlight-ranges.js';
export { stripPastedHighlights } from './strip-pasted-highlights.js';
export { textOffsetAt, positionAtTextOffset } from './text-offsets.js';
export { DEFAULT_HIGHLIGHT_SHADES, CARET_SHADES, caretColor } from './highlight-colors.js';
