import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness-update.js';
import { ProtocolError } from './protocol-error.js';

describe('awareness update entries', () => {
  it('decodes what y-protocols encodes and re-encodes byte-identically', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = new awarenessProtocol.Awareness(docA);
    const b = new awarenessProtocol.Awareness(docB);
    a.setLocalState({ user: { id: 'u1', name: 'Alice', color: '#f00' }, status: 'active' });
    awarenessProtocol.applyAwarenessUpdate(a, awarenessProtocol.encodeAwarenessUpdate(b, [docB.clientID]), 'test');
    b.setLocalState(null);
    awarenessProtocol.applyAwarenessUpdate(a, awarenessProtocol.encodeAwarenessUpdate(b, [docB.clientID]), 'test');
    const update = awarenessProtocol.encodeAwarenessUpdate(a, [docA.clientID, docB.clientID]);

    const entries = decodeAwarenessUpdate(update);
    expect(entries).toEqual([
      { clientID: docA.clientID, clock: a.meta.get(docA.clientID)?.clock, state: a.getLocalState() },
      { clientID: docB.clientID, clock: a.meta.get(docB.clientID)?.clock, state: null },
    ]);
    expect(encodeAwarenessUpdate(entries)).toEqual(update);
    a.destroy();
    b.destroy();
  });

  it.each([
    ['empty', []],
    ['count without entries', [1]],
    ['state length past the end', [1, 5, 1, 9, 123]],
    ['state not JSON', [1, 5, 1, 1, 123]],
    ['trailing bytes', [0, 0]],
  ])('rejects %s with invalid_awareness', (_name, bytes) => {
    expect(() => decodeAwarenessUpdate(Uint8Array.from(bytes))).toThrow(
      expect.objectContaining({ code: 'invalid_awareness' }) as unknown as Error,
    );
    expect(() => decodeAwarenessUpdate(Uint8Array.from(bytes))).toThrow(ProtocolError);
  });
});
