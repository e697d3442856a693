/**
 * docs/benchmarks.md holds the main report (`pnpm bench --write`) and, below a marker, sections
 * that other benchmarks write (`bench:packaging --write`) or that are kept by hand (the keystroke
 * figures). Regenerating the main report keeps everything from the marker on.
 */
export const KEPT_MARKER =
  '<!-- Sections below are written by the other benchmarks (bench:packaging --write) or by hand (bench:keystroke); pnpm bench --write keeps them. -->';

/** Everything from the marker on (the marker alone when there is none yet). */
export function keptTail(existing: string): string {
  const at = existing.indexOf(KEPT_MARKER);
  return at === -1 ? `${KEPT_MARKER}\n` : existing.slice(at);
}

/** Replaces (or appends below the marker) the section named `name`, markers included. */
export function replaceSection(existing: string, name: string, body: string): string {
  const start = `<!-- section:${name} -->`;
  const end = `<!-- /section:${name} -->`;
  const section = `${start}\n\n${body.trim()}\n\n${end}`;
  const from = existing.indexOf(start);
  const to = existing.indexOf(end);
  if (from !== -1 && to > from) return existing.slice(0, from) + section + existing.slice(to + end.length);
  const withMarker = existing.includes(KEPT_MARKER) ? existing : `${existing.trimEnd()}\n\n${KEPT_MARKER}\n`;
  return `${withMarker.trimEnd()}\n\n${section}\n`;
}
