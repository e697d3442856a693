import { ModelError } from './model-error.js';

/** The fixed highlight palette. Stored in the doc by name; apps map names to their own shades. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple', 'orange'] as const;

export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

export const DEFAULT_HIGHLIGHT_COLOR: HighlightColor = 'yellow';

export const isHighlightColor = (value: unknown): value is HighlightColor =>
  typeof value === 'string' && (HIGHLIGHT_COLORS as readonly string[]).includes(value);

export const assertHighlightColor = (value: unknown): HighlightColor => {
  if (!isHighlightColor(value)) {
    throw new ModelError(
      'unknown_color',
      `unknown color ${JSON.stringify(value)}; use one of ${HIGHLIGHT_COLORS.join(', ')}`,
      {
        color: value,
      },
    );
  }
  return value;
};
