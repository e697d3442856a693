import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { MAX_AWARENESS_CLOCK, decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness-update.js';
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
      expect.objectContaining({ code: 'invalid_awareness' }) as unknown,
    );
    expect(() => decodeAwarenessUpdate(Uint8Array.from(bytes))).toThrow(ProtocolError);
  });

  const entryWithClock = (clock: number): Uint8Array => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 7);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, '{}');
    return encoding.toUint8Array(encoder);
  };

  it.each([0, 1, MAX_AWARENESS_CLOCK])('takes clock %d, and its removal (clock + 1) encodes', (clock) => {
    const [entry] = decodeAwarenessUpdate(entryWithClock(clock));
    expect(entry).toEqual({ clientID: 7, clock, state: {} });
    expect(() => encodeAwarenessUpdate([{ clientID: 7, clock: clock + 1, state: null }])).not.toThrow();
  });

  it.each([Number.MAX_SAFE_INTEGER, 2 ** 53, 2 ** 55])('rejects clock %d with invalid_awareness', (clock) => {
    expect(() => decodeAwarenessUpdate(entryWithClock(clock))).toThrow(
      expect.objectContaining({ code: 'invalid_awareness' }) as unknown,
    );
  });
});
