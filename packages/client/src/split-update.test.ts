import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRng } from '@marginalia/testkit';
import { splitUpdate } from './split-update.js';

const applyAll = (chunks: readonly Uint8Array[], doc = new Y.Doc()): Y.Doc => {
  for (const chunk of chunks) Y.applyUpdate(doc, chunk);
  return doc;
};
const sameState = (a: Y.Doc, b: Y.Doc): void => {
  expect(a.getText('t').toString()).toBe(b.getText('t').toString());
  expect(a.getMap('m').toJSON()).toEqual(b.getMap('m').toJSON());
  expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  // Buffer.compare: toEqual walks large typed arrays element by element (seconds for 300 KB).
  expect(Buffer.compare(Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b))).toBe(0);
};

describe('splitUpdate', () => {
  it('returns an update that fits as is', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'short');
    const update = Y.encodeStateAsUpdate(doc);
    expect(splitUpdate(update, 1000)).toEqual([update]);
  });

  it('cuts a 300 KB paste (with emoji and non-ASCII) into frames under the limit that rebuild the same doc, never splitting a surrogate pair', () => {
    const doc = new Y.Doc();
    const text = 'Ünïcødé ✍️ 𝒜𝓁𝒾𝒸ℯ 🐇 '.repeat(12_000);
    doc.getText('t').insert(0, text);
    const update = Y.encodeStateAsUpdate(doc);
    expect(update.byteLength).toBeGreaterThan(300_000);
    const chunks = splitUpdate(update, 16_384);
    expect(chunks.length).toBeGreaterThan(update.byteLength / 16_384);
    for (const chunk of chunks) expect(chunk.byteLength).toBeLessThanOrEqual(16_384);
    const copy = applyAll(chunks);
    expect(copy.getText('t').toString() === text).toBe(true);
    expect(copy.store.pendingStructs).toBeNull();
    sameState(copy, doc);
  });

  it('each chunk applies without pending structs when applied in order', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(50_000));
    const copy = new Y.Doc();
    for (const chunk of splitUpdate(Y.encodeStateAsUpdate(doc), 4096)) {
      Y.applyUpdate(copy, chunk);
      expect(copy.store.pendingStructs).toBeNull();
    }
    sameState(copy, doc);
  });

  it('keeps deletions, map values, several clients and a diff against a remote state vector (seeded)', () => {
    const rng = createRng(Number(process.env.SEED ?? 13));
    const a = new Y.Doc();
    const b = new Y.Doc();
    for (let round = 0; round < 40; round += 1) {
      const doc = rng() < 0.5 ? a : b;
      const t = doc.getText('t');
      if (t.length > 10 && rng() < 0.3) t.delete(Math.floor(rng() * (t.length - 5)), 5);
      else t.insert(Math.floor(rng() * t.length), 'abcdé🐇'.repeat(1 + Math.floor(rng() * 200)));
      doc.getMap('m').set(`k${round % 7}`, { round, list: Array.from({ length: 50 }, (_, i) => i) });
      if (rng() < 0.3) {
        Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
        Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      }
    }
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(b, Y.encodeStateVector(new Y.Doc())));
    const halfway = Y.encodeStateVector(remote);
    b.getText('t').insert(0, 'later '.repeat(500));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const diff = Y.encodeStateAsUpdate(a, halfway);
    const chunks = splitUpdate(diff, 1024);
    for (const chunk of chunks) expect(chunk.byteLength).toBeLessThanOrEqual(1024);
    sameState(applyAll(chunks, remote), a);
  });

  it('throws a RangeError for one uncuttable struct larger than the frame', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('blob', new Uint8Array(10_000));
    expect(() => splitUpdate(Y.encodeStateAsUpdate(doc), 2000)).toThrow(RangeError);
  });
});
