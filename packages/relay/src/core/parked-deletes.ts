import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Deletions Yjs holds pending (of items the document does not have yet), kept off the document,
 * per client. Yjs re-applies its whole pending delete set on every later update, so one update
 * deleting ranges of many unknown clients made every later update of that document cost as much
 * (20 updates went from 21 ms to 2.8 s). Parked here, a client's deletions are re-applied only when
 * an update adds that client's structs, and only that client's: an update costs what it brings.
 */
export interface ParkedDeletes {
  /** Moves the delete set Yjs now holds pending (`doc.store.pendingDs`) here. */
  park(): void;
  /** The parked deletions of the clients in `advanced`, as a V1 update (taken out); undefined if none. */
  take(advanced: ReadonlySet<number>): Uint8Array | undefined;
  /** Deletion ranges parked. */
  ranges(): number;
  /** Their size in the V1 encoding. */
  bytes(): number;
  clear(): void;
}

interface Range {
  readonly clock: number;
  readonly len: number;
}

const parkedOfDoc = new WeakMap<Y.Doc, ParkedDeletes>();

/** The parked deletions of `doc`, created on first use. */
export function parkedDeletes(doc: Y.Doc): ParkedDeletes {
  let parked = parkedOfDoc.get(doc);
  if (parked === undefined) {
    parked = createParkedDeletes(doc);
    parkedOfDoc.set(doc, parked);
  }
  return parked;
}

/** Parked deletion ranges of `doc` (0 when none was ever parked). */
export function parkedRanges(doc: Y.Doc): number {
  return parkedOfDoc.get(doc)?.ranges() ?? 0;
}

export function parkedBytes(doc: Y.Doc): number {
  return parkedOfDoc.get(doc)?.bytes() ?? 0;
}

const varUintBytes = (n: number): number => (n < 128 ? 1 : Math.ceil(Math.log2(n + 1) / 7));

function createParkedDeletes(doc: Y.Doc): ParkedDeletes {
  const byClient = new Map<number, Range[]>();
  let ranges = 0;
  let bytes = 0;
  const rangeBytes = (range: Range): number => varUintBytes(range.clock) + varUintBytes(range.len);
  return {
    park() {
      const pending = doc.store.pendingDs;
      if (pending === null) return;
      doc.store.pendingDs = null;
      for (const [client, items] of Y.decodeUpdateV2(pending).ds.clients) {
        let list = byClient.get(client);
        if (list === undefined) {
          list = [];
          byClient.set(client, list);
          bytes += varUintBytes(client) + 1;
        }
        for (const { clock, len } of items) {
          list.push({ clock, len });
          ranges += 1;
          bytes += varUintBytes(clock) + varUintBytes(len);
        }
      }
    },
    take(advanced) {
      const due: [number, Range[]][] = [];
      for (const client of advanced) {
        const list = byClient.get(client);
        if (list === undefined) continue;
        byClient.delete(client);
        ranges -= list.length;
        bytes -= varUintBytes(client) + 1 + list.reduce((sum, range) => sum + rangeBytes(range), 0);
        due.push([client, list.sort((a, b) => a.clock - b.clock)]);
      }
      return due.length === 0 ? undefined : encodeDeletions(due);
    },
    ranges: () => ranges,
    bytes: () => bytes,
    clear() {
      byClient.clear();
      ranges = 0;
      bytes = 0;
    },
  };
}

/** A V1 update with no structs and these deletions (Yjs' `writeDeleteSet` layout). */
function encodeDeletions(clients: readonly (readonly [number, readonly Range[]])[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, clients.length);
  for (const [client, list] of clients) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, list.length);
    for (const range of list) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.len);
    }
  }
  return encoding.toUint8Array(encoder);
}
