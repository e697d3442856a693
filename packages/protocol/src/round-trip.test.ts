import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { decodeFrame } from './decode-frame.js';
import {
  encodeAwareness,
  encodeFrame,
  encodePermissionDenied,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from './encode-frame.js';

/** Frames the way y-websocket does: outer message type, then the y-protocols writer. */
function stock(messageType: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function docWithContent(): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, 'In the beginning was the Word. ✍️ ünïcödé');
  const highlights = doc.getMap<Y.Map<unknown>>('highlights');
  const h = new Y.Map<unknown>();
  h.set('color', 'yellow');
  h.set('ref', 'john-1-1');
  highlights.set('h1', h);
  return doc;
}

describe('round trip against y-protocols encoders', () => {
  it('sync step 1 carries the real state vector', () => {
    const doc = docWithContent();
    const bytes = stock(0, (e) => syncProtocol.writeSyncStep1(e, doc));
    const frame = decodeFrame(bytes);
    expect(frame).toEqual({ type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) });
    expect(encodeFrame(frame)).toEqual(bytes);
    expect(encodeSyncStep1(Y.encodeStateVector(doc))).toEqual(bytes);
  });

  it('sync step 2 carries an update that rebuilds the doc', () => {
    const doc = docWithContent();
    const bytes = stock(0, (e) => syncProtocol.writeSyncStep2(e, doc, new Uint8Array([0])));
    const frame = decodeFrame(bytes);
    if (frame.type !== 'sync-step-2') throw new Error(`got ${frame.type}`);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, frame.update);
    expect(copy.getText('body').toString()).toBe(doc.getText('body').toString());
    expect(copy.getMap('highlights').toJSON()).toEqual(doc.getMap('highlights').toJSON());
    expect(encodeFrame(frame)).toEqual(bytes);
    expect(encodeSyncStep2(frame.update)).toEqual(bytes);
  });

  it('sync update carries the exact incremental update of a transaction', () => {
    const doc = docWithContent();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('body').insert(5, 'very ');
    expect(updates).toHaveLength(1);
    const update = updates[0] as Uint8Array;
    const bytes = stock(0, (e) => syncProtocol.writeUpdate(e, update));
    const frame = decodeFrame(bytes);
    expect(frame).toEqual({ type: 'sync-update', update });
    expect(encodeFrame(frame)).toEqual(bytes);
    expect(encodeSyncUpdate(update)).toEqual(bytes);
  });

  it('awareness wraps encodeAwarenessUpdate in message type 1', () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { id: 'u1', name: 'Ålice', color: '#f80' }, status: 'active' });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    const bytes = stock(1, (e) => encoding.writeVarUint8Array(e, update));
    const frame = decodeFrame(bytes);
    expect(frame).toEqual({ type: 'awareness', update });
    expect(encodeFrame(frame)).toEqual(bytes);
    expect(encodeAwareness(update)).toEqual(bytes);
    awareness.destroy();
  });

  it('permission denied matches writePermissionDenied', () => {
    const reason = 'read-only token: writes refused (ß ✓)';
    const bytes = stock(2, (e) => authProtocol.writePermissionDenied(e, reason));
    const frame = decodeFrame(bytes);
    expect(frame).toEqual({ type: 'permission-denied', reason });
    expect(encodeFrame(frame)).toEqual(bytes);
    expect(encodePermissionDenied(reason)).toEqual(bytes);
  });

  it('query awareness is the single byte y-websocket sends', () => {
    const bytes = stock(3, () => undefined);
    expect(decodeFrame(bytes)).toEqual({ type: 'query-awareness' });
    expect(encodeQueryAwareness()).toEqual(bytes);
  });

  it('durable ack round-trips counts across varint widths', () => {
    for (const count of [1, 127, 128, 16_384, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      const bytes = encodeFrame({ type: 'durable-ack', count });
      expect(bytes[0]).toBe(100);
      expect(decodeFrame(bytes)).toEqual({ type: 'durable-ack', count });
    }
  });

  it('a large update (> 16 KiB, multi-byte length) survives both ways', () => {
    const doc = new Y.Doc();
    doc.getText('body').insert(0, 'x'.repeat(40_000));
    const update = Y.encodeStateAsUpdate(doc);
    const bytes = stock(0, (e) => syncProtocol.writeUpdate(e, update));
    const frame = decodeFrame(bytes);
    expect(frame).toEqual({ type: 'sync-update', update });
    expect(encodeFrame(frame)).toEqual(bytes);
  });
});
