import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { ROOT } from '@marginalia/model';
import { ClientError } from './client-error.js';
import type { RelayLimits } from './relay-limits.js';
import { canCut, encodeRange, FRAME_OVERHEAD } from './split-update.js';

export interface EditGuardOptions {
  readonly doc: Y.Doc;
  readonly limits: RelayLimits;
  /** Largest text (a note's body), UTF-8 bytes. */
  readonly maxFieldBytes: number;
  /** Origin of the transactions that undo a refused change. */
  readonly revertOrigin: object;
  readonly onRefused: (error: ClientError) => void;
}

export interface EditGuard {
  /** The transaction's update must not be stored or sent: the change was refused (and is being undone). */
  isRefused(tx: Y.Transaction): boolean;
  /**
   * For the transaction that undid a refused change: what to store and send instead of its own update
   * (the refused range as tombstones, and the deletions), so that later changes never wait for content
   * nobody will ever get.
   */
  replacementFor(tx: Y.Transaction): Uint8Array | undefined;
  close(): void;
}

/**
 * Refuses, at edit time, a local change that the relay could never take: a text larger than `maxFieldBytes`,
 * a document past the relay's limit, or one value (an embed, a binary) larger than a frame. The change is
 * undone at once (its inserted content deleted, so Yjs keeps only tombstones) and reported as a typed error;
 * content it deleted stays deleted. Register it before anything else that listens to transactions.
 */
export function createEditGuard(options: EditGuardOptions): EditGuard {
  const { doc, limits } = options;
  const refused = new WeakSet<Y.Transaction>();
  const reverts = new WeakMap<Y.Transaction, Uint8Array>();
  const measured = new WeakMap<Y.Text, { units: number; bytes: number }>();

  /** UTF-8 bytes of a text, recomputed only when its upper bound could pass the limit. */
  const textBytes = (text: Y.Text): number => {
    const units = text.length;
    const last = measured.get(text);
    const bound = last === undefined ? units * 3 : last.bytes + Math.max(0, units - last.units) * 3;
    if (bound <= options.maxFieldBytes) return Math.min(bound, units * 3);
    const bytes = new TextEncoder().encode(text.toString()).byteLength;
    measured.set(text, { units, bytes });
    return bytes;
  };

  const check = (inserted: readonly (Y.Item | Y.GC | Y.Skip)[]): ClientError | undefined => {
    const texts = new Set<Y.Text>();
    let bytes = 0;
    for (const struct of inserted) {
      const size = encodeRange(struct, 0, struct.length).byteLength;
      bytes += size;
      if (!canCut(struct) && size > limits.info.maxFrameBytes - FRAME_OVERHEAD) {
        return tooLarge(
          'field_too_large',
          `one value of ${size} bytes is larger than the relay's frame limit`,
          size,
          limits.info.maxFrameBytes,
        );
      }
      if (struct instanceof Y.Item && struct.parent instanceof Y.Text) texts.add(struct.parent);
    }
    for (const text of texts) {
      const size = textBytes(text);
      if (size > options.maxFieldBytes) {
        const noteId = noteIdOf(text);
        const what = noteId === undefined ? 'This text' : 'This note';
        return tooLarge(
          'field_too_large',
          `${what} is too large to sync: ${mb(size)} of at most ${mb(options.maxFieldBytes)}`,
          size,
          options.maxFieldBytes,
          noteId,
        );
      }
    }
    const docBytes = limits.docBytes + bytes;
    if (docBytes > limits.info.maxDocBytes) {
      return tooLarge(
        'doc_too_large',
        `This document is too large to sync: ${mb(docBytes)} of at most ${mb(limits.info.maxDocBytes)}`,
        docBytes,
        limits.info.maxDocBytes,
      );
    }
    return undefined;
  };

  const onAfterTransaction = (tx: Y.Transaction): void => {
    if (!tx.local || tx.origin === options.revertOrigin) return;
    const before = tx.beforeState.get(doc.clientID) ?? 0;
    const after = tx.afterState.get(doc.clientID) ?? 0;
    if (after <= before) return;
    const inserted = insertedStructs(doc, before, after);
    const error = check(inserted);
    if (error === undefined) return;
    refused.add(tx);
    const stateBefore = encodeStateVector(tx.beforeState);
    doc.transact((revert) => {
      reverts.set(revert, stateBefore);
      for (const struct of inserted) if (struct instanceof Y.Item && !struct.deleted) struct.delete(revert);
    }, options.revertOrigin);
    options.onRefused(error);
  };
  doc.on('afterTransaction', onAfterTransaction);

  return {
    isRefused: (tx) => refused.has(tx),
    replacementFor(tx) {
      const stateBefore = reverts.get(tx);
      return stateBefore === undefined ? undefined : Y.encodeStateAsUpdate(doc, stateBefore);
    },
    close: () => doc.off('afterTransaction', onAfterTransaction),
  };
}

function insertedStructs(doc: Y.Doc, before: number, after: number): Array<Y.Item | Y.GC | Y.Skip> {
  const structs = doc.store.clients.get(doc.clientID) ?? [];
  const out: Array<Y.Item | Y.GC | Y.Skip> = [];
  for (let index = Y.findIndexSS(structs, before); index < structs.length; index += 1) {
    const struct = structs[index] as Y.Item | Y.GC;
    if (struct.id.clock >= after) break;
    out.push(struct);
  }
  return out;
}

function noteIdOf(text: Y.Text): string | undefined {
  const record = text._item?.parent as Y.AbstractType<unknown> | undefined;
  const owner = record?._item?.parent as Y.AbstractType<unknown> | undefined;
  if (owner === undefined || owner !== owner.doc?.getMap(ROOT.notes)) return undefined;
  return record?._item?.parentSub ?? undefined;
}

function encodeStateVector(state: ReadonlyMap<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, state.size);
  for (const [client, clock] of state) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, '')} MB`;

function tooLarge(
  code: 'field_too_large' | 'doc_too_large',
  message: string,
  bytes: number,
  maxBytes: number,
  noteId?: string,
): ClientError {
  return new ClientError(code, message, { limit: { bytes, maxBytes, ...(noteId === undefined ? {} : { noteId }) } });
}
