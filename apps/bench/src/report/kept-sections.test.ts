import { describe, expect, it } from 'vitest';
import { KEPT_MARKER, keptTail, replaceSection } from './kept-sections.js';

describe('kept sections of docs/benchmarks.md', () => {
  it('keeps everything from the marker when the main report is regenerated', () => {
    const doc = `# Benchmarks\nold table\n\n${KEPT_MARKER}\n\n## Typing\nby hand\n`;
    expect(keptTail(doc)).toBe(`${KEPT_MARKER}\n\n## Typing\nby hand\n`);
    expect(keptTail('# no marker yet')).toBe(`${KEPT_MARKER}\n`);
  });

  it('replaces a named section in place, or appends it below the marker', () => {
    const appended = replaceSection('# Benchmarks\n', 'packaging', '## Packaging\nv1');
    expect(appended).toBe(
      `# Benchmarks\n\n${KEPT_MARKER}\n\n<!-- section:packaging -->\n\n## Packaging\nv1\n\n<!-- /section:packaging -->\n`,
    );
    const replaced = replaceSection(`${appended}\n## Typing\n`, 'packaging', '## Packaging\nv2');
    expect(replaced).toContain('v2');
    expect(replaced).not.toContain('v1');
    expect(replaced.endsWith('## Typing\n')).toBe(true);
  });
});
