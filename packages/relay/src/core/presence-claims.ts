import type { DecodedAwarenessEntry } from '@marginalia/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Connection } from './connection.js';

/** How long a claim on another instance's client id waits for a `presence-held` answer. */
export const DEFAULT_CLAIM_TIMEOUT_MS = 300;

export interface PresenceClaimsOptions {
  readonly timeoutMs?: number;
  /** Publishes a `presence-claim` for these client ids. */
  ask(ids: number[]): void;
  /** Nobody answered in time (or the owner is gone): the connection takes its newest entries. */
  settle(connection: Connection, entries: DecodedAwarenessEntry[]): void;
  /** Another instance's live connection holds them: refused. */
  refused(connection: Connection, count: number): void;
}

/**
 * Claims of local connections on client ids that another instance holds. A user whose relay died
 * reconnects elsewhere with the same client id; the dead relay cannot release it, so the
 * connection claims it: the other instances are asked, one whose live connection owns the id
 * answers `presence-held` and the claim is refused (no one takes a live connection's id), and
 * without an answer within the timeout (or once that relay is known gone) the claim is taken.
 */
export interface PresenceClaims {
  claim(connection: Connection, entries: readonly DecodedAwarenessEntry[]): void;
  /** A `presence-held` answer: claims on these ids are refused. */
  held(ids: readonly number[]): void;
  /** Settles now the claims on ids nobody holds any more (their owner is gone). */
  settleFree(isFree: (clientID: number) => boolean): void;
  /** The connection left: its claims are dropped. */
  drop(connection: Connection): void;
  close(): void;
}

interface Claim {
  readonly connection: Connection;
  entry: DecodedAwarenessEntry;
  readonly timer: ReturnType<typeof setTimeout>;
}

export function createPresenceClaims(options: PresenceClaimsOptions): PresenceClaims {
  const claims = new Map<number, Claim>();
  const settle = (clientID: number): void => {
    const claim = claims.get(clientID);
    if (claim === undefined) return;
    claims.delete(clientID);
    clearTimeout(claim.timer);
    if (claim.connection.open()) options.settle(claim.connection, [claim.entry]);
  };
  return {
    claim(connection, entries) {
      const asked: number[] = [];
      for (const entry of entries) {
        const open = claims.get(entry.clientID);
        if (open !== undefined && open.connection !== connection) {
          options.refused(connection, 1);
        } else if (open !== undefined) {
          if (entry.clock > open.entry.clock) open.entry = entry;
        } else {
          const timer = setTimeout(() => settle(entry.clientID), options.timeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS);
          claims.set(entry.clientID, { connection, entry, timer });
          asked.push(entry.clientID);
        }
      }
      if (asked.length > 0) options.ask(asked);
    },
    held(ids) {
      for (const clientID of ids) {
        const claim = claims.get(clientID);
        if (claim === undefined) continue;
        claims.delete(clientID);
        clearTimeout(claim.timer);
        options.refused(claim.connection, 1);
      }
    },
    settleFree: (isFree) => [...claims.keys()].filter(isFree).forEach(settle),
    drop(connection) {
      for (const [clientID, claim] of claims) {
        if (claim.connection !== connection) continue;
        clearTimeout(claim.timer);
        claims.delete(clientID);
      }
    },
    close() {
      claims.forEach((claim) => clearTimeout(claim.timer));
      claims.clear();
    },
  };
}

/** `[varuint count][varuint client id]...` */
export function encodeClientIds(ids: readonly number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ids.length);
  ids.forEach((id) => encoding.writeVarUint(encoder, id));
  return encoding.toUint8Array(encoder);
}

/** Throws on bytes that are not a list of client ids. */
export function decodeClientIds(bytes: Uint8Array): number[] {
  const decoder = decoding.createDecoder(bytes);
  const ids: number[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) ids.push(decoding.readVarUint(decoder));
  if (decoder.pos !== bytes.byteLength) throw new Error('trailing bytes after client ids');
  return ids;
}
