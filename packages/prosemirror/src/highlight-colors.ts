import type { HighlightColor } from '@marginalia/model';

/** Default shades for the palette (translucent, so overlapping highlights and remote selections show through). */
export const DEFAULT_HIGHLIGHT_SHADES: Readonly<Record<HighlightColor, string>> = {
  yellow: 'rgba(250, 204, 21, 0.40)',
  green: 'rgba(74, 222, 128, 0.40)',
  blue: 'rgba(96, 165, 250, 0.40)',
  pink: 'rgba(244, 114, 182, 0.40)',
  purple: 'rgba(192, 132, 252, 0.40)',
  orange: 'rgba(251, 146, 60, 0.40)',
};

/** Solid shades for carets of users whose presence colour is a palette name. */
export const CARET_SHADES: Readonly<Record<HighlightColor, string>> = {
  yellow: '#ca8a04',
  green: '#16a34a',
  blue: '#2563eb',
  pink: '#db2777',
  purple: '#9333ea',
  orange: '#ea580c',
};

/** A presence colour (`#rrggbb` or a palette name) as a CSS colour. */
export const caretColor = (color: string): string => (CARET_SHADES as Record<string, string>)[color] ?? color;
