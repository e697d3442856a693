import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Concurrent inserts at one position, the shape Yjs integrates in quadratic time (each insert
 * walks over the others to find its place). For the relay's conflict bound (decision 0007).
 */

/**
 * `clients` clients each prepending `perClient` characters to the root text `root` of an empty
 * document, unaware of each other: one update per client, as each would send it after working
 * offline. Merging them makes every insert of one client walk over all of the other's.
 */
export function concurrentPrepends(clients: number, perClient: number, root = 'body'): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (let c = 0; c < clients; c++) {
    const doc = new Y.Doc();
    doc.clientID = 1000 + c;
    const text = doc.getText(root);
    for (let i = 0; i < perClient; i++) text.insert(0, 'x');
    updates.push(Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  return updates;
}

/**
 * One update holding a run `o r r r ...` (client 1) and `clients` one-character inserts from
 * distinct client ids, all right after `o`, insert i claiming the i-th `r` as its right neighbour.
 * Yjs walks over the earlier inserts for each: about clients²/2 steps. Insert i has client id
 * `firstClient + i`. To spread the same shape over many updates: `run` (the number of `r`s, false
 * for none: the run was sent before) and `from` (the index of the first insert).
 */
export function insertFan(
  clients: number,
  options: { root?: string; firstClient?: number; from?: number; run?: number | false } = {},
): Uint8Array {
  const first = options.firstClient ?? 2;
  const from = options.from ?? 0;
  const run = options.run ?? from + clients;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients + (run === false ? 0 : 1)); // clients with structs
  for (let i = from + clients - 1; i >= from; i--) {
    encoding.writeVarUint(encoder, 1); // one struct
    encoding.writeVarUint(encoder, first + i);
    encoding.writeVarUint(encoder, 0); // clock
    encoding.writeUint8(encoder, STRING | HAS_ORIGIN | HAS_RIGHT_ORIGIN);
    writeId(encoder, 1, 0);
    writeId(encoder, 1, 1 + i);
    encoding.writeVarString(encoder, 'x');
  }
  if (run !== false) {
    encoding.writeVarUint(encoder, 1); // the run: one struct of client 1 at clock 0
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 0);
    encoding.writeUint8(encoder, STRING); // no origins: parent info follows
    encoding.writeVarUint(encoder, 1); // parent is a root type, named
    encoding.writeVarString(encoder, options.root ?? 'body');
    encoding.writeVarString(encoder, 'o' + 'r'.repeat(run));
  }
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

/** Yjs' content ref of a string and the info bits saying which origins follow (V1 encoding). */
const STRING = 4;
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;

function writeId(encoder: encoding.Encoder, client: number, clock: number): void {
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
}
