import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createReplica, syncPair } from './test-helpers.js';
import { BASE_SCHEMA_VERSION, type Migration } from './meta.js';

/** v2: every highlight gets an explicit `style` field derived from its color (a keyed, convergent write). */
const countingMigration = (runs: { count: number }): Migration => ({
  version: 2,
  name: 'add-style',
  migrate: ({ roots }) => {
    runs.count++;
    for (const highlight of roots.highlights.values()) {
      if (highlight instanceof Y.Map && highlight.get('style') === undefined)
        highlight.set('style', `marker-${String(highlight.get('color'))}`);
    }
  },
});

describe('meta', () => {
  it('starts at the base version and runs each migration exactly once', () => {
    const runs = { count: 0 };
    const a = createReplica('alice');
    const h = a.model.highlights.create({ anchor: { kind: 'ref', ref: 'x' } });
    expect(a.model.meta.schemaVersion()).toBe(BASE_SCHEMA_VERSION);
    expect(a.model.meta.migrate([countingMigration(runs)])).toEqual([2]);
    expect(a.model.meta.migrate([countingMigration(runs)])).toEqual([]);
    expect(runs.count).toBe(1);
    expect(a.model.meta.schemaVersion()).toBe(2);
    expect(a.model.meta.applied()).toMatchObject([{ version: 2, name: 'add-style', by: 'alice' }]);
    expect((a.doc.getMap('highlights').get(h.id) as Y.Map<unknown>).get('style')).toBe('marker-yellow');
    const b = createReplica('bob');
    syncPair(a.doc, b.doc);
    expect(b.model.meta.migrate([countingMigration(runs)])).toEqual([]);
    expect(runs.count).toBe(1);
  });

  it('converges without duplicated effects when two replicas migrate concurrently', () => {
    const runs = { count: 0 };
    const a = createReplica('alice');
    const b = createReplica('bob');
    a.model.highlights.create({ anchor: { kind: 'ref', ref: 'x' } });
    syncPair(a.doc, b.doc);
    a.model.meta.migrate([countingMigration(runs)]);
    b.model.meta.migrate([countingMigration(runs)]);
    syncPair(a.doc, b.doc);
    expect(runs.count).toBe(2);
    expect(a.doc.toJSON()).toEqual(b.doc.toJSON());
    expect(a.model.meta.schemaVersion()).toBe(2);
    expect(a.model.meta.applied()).toHaveLength(1);
    const style = [...a.doc.getMap('highlights').values()].map((m) => (m as Y.Map<unknown>).get('style'));
    expect(style).toEqual(['marker-yellow']);
  });

  it('runs migrations passed to createModel and rejects malformed ones', () => {
    const runs = { count: 0 };
    const a = createReplica('alice', { migrations: [countingMigration(runs)] });
    expect(a.model.meta.schemaVersion()).toBe(2);
    expect(() => a.model.meta.migrate([{ version: 1, migrate: () => undefined }])).toThrow(
      expect.objectContaining({ code: 'invalid_migration' }),
    );
    expect(() =>
      a.model.meta.migrate([
        { version: 3, migrate: () => undefined },
        { version: 3, migrate: () => undefined },
      ]),
    ).toThrow(expect.objectContaining({ code: 'invalid_migration' }));
  });
});
