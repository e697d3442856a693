import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Raw y-websocket frames, built by hand so that the tests do not trust the relay's own encoders. */
const frame = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

export const syncUpdate = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });

export const syncStep1 = (stateVector: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const awareness = (entries: ReadonlyArray<{ clientID: number; clock: number; json: string }>): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(inner, entry.clientID);
      encoding.writeVarUint(inner, entry.clock);
      encoding.writeVarString(inner, entry.json);
    }
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });

/** A real update from a fresh doc: a map entry and some text. */
export function sampleUpdate(clientID = 4242, text = 'hostile'): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getMap('m').set('k', text);
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

export function sampleUpdateV2(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set('k', 'v2');
  return Y.encodeStateAsUpdateV2(doc);
}

/** An update of client B that builds on client A's content, without A's content: Yjs holds it pending. */
export function updateWithMissingDependency(): Uint8Array {
  const a = new Y.Doc();
  a.clientID = 1111;
  a.getText('t').insert(0, 'base');
  const b = new Y.Doc();
  b.clientID = 2222;
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const before = Y.encodeStateVector(b);
  b.getText('t').insert(4, ' more');
  return Y.encodeStateAsUpdate(b, before);
}

/** A valid state vector of `entries` (client, clock) pairs: about 8 bytes each. */
export function bigStateVector(entries: number): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, entries);
    for (let i = 0; i < entries; i++) {
      encoding.writeVarUint(e, 0x10000000 + i);
      encoding.writeVarUint(e, 0x10000 + i);
    }
  });
}

/** An update that adds a subdocument (a Y.Doc inside a map): the relay refuses them. */
export function subdocumentUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set('sub', new Y.Doc());
  return Y.encodeStateAsUpdate(doc);
}

/** A V1 update with no structs deleting `clock..clock+len` of each of `clients` (Yjs' delete set layout). */
export function deletionsOf(clients: readonly number[], clock = 0, len = 1): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, clients.length);
    for (const client of clients) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  });
}
