import type * as Y from 'yjs';
import type { ClientOwners, OwnerVerdict } from './client-owners.js';
import type { Connection } from './connection.js';
import { RelayError } from './relay-error.js';
import { clientsPast, type UpdateWrites } from './update-reach.js';

type Foreign = Extract<OwnerVerdict, { kind: 'foreign' }>;

export interface OwnerGateOptions {
  readonly doc: Y.Doc;
  readonly owners: ClientOwners;
  /** False once the document failed or closed: what a claim held back is then dropped. */
  ready(): boolean;
  /** The connection wrote under a client id that is not its user's (close it, 4403). */
  refuseForeign(connection: Connection, foreign: Foreign): void;
  /** The store could not record a claim (close the connection; its client sends again later). */
  claimFailed(connection: Connection, error: unknown): void;
}

/**
 * Authorship with auth on. An update writes under client id X when it carries what the document
 * does not hold yet for X:
 * - structs (items, GC ranges) past X's state: allowed when the user owns X or nobody does yet
 *   (then X is claimed in the store first; the durable record decides between racing users);
 * - deletions past X's state (and past the update's own structs for X): allowed only when the user
 *   owns X. Anyone else would be deleting what X has not written yet, silencing X's next edits.
 *   Such deletions never claim an id, so they cannot fill the owners' table either.
 * Deleting what the document holds, and structs it already holds, are nobody's write: allowed.
 * While a claim is in flight, the connection's later updates wait behind it (order is kept).
 * Connections without a user (open mode) are not checked.
 */
export interface OwnerGate {
  /**
   * Runs `accept` now, or after the claim it needs, or never (the update is refused). Before
   * claiming, `refusedBeforeClaim` may refuse the update (it returns true then): an update the
   * document's limits refuse must not leave its client ids claimed.
   */
  pass(connection: Connection, writes: UpdateWrites, accept: () => void, refusedBeforeClaim?: () => boolean): void;
  /**
   * The same for an HTTP update; rejects with RelayError('foreign_client_id'), or with what
   * `beforeClaim` throws (it runs only when the update would claim client ids).
   */
  check(userId: string | undefined, writes: UpdateWrites, beforeClaim?: () => void): Promise<void>;
  /** Resolves once no claim is outstanding (what they held back has then been applied or dropped). */
  whenIdle(): Promise<void>;
}

interface Held {
  readonly writes: UpdateWrites;
  readonly accept: () => void;
  readonly refusedBeforeClaim?: () => boolean;
}

export function createOwnerGate(options: OwnerGateOptions): OwnerGate {
  const { owners, doc } = options;
  const waiting = new Map<Connection, Held[]>();
  const claims = new Set<Promise<void>>();

  const verdictFor = (userId: string, writes: UpdateWrites): OwnerVerdict => {
    const verdict = owners.judge(userId, clientsPast(doc, writes.structs));
    if (verdict.kind !== 'own') return verdict;
    for (const clientId of clientsPast(doc, writes.deletions)) {
      if ((writes.structs.get(clientId) ?? 0) >= (writes.deletions.get(clientId) ?? 0)) continue;
      const owner = owners.known().get(clientId);
      if (owner !== userId) return { kind: 'foreign', clientId, owner };
    }
    return verdict;
  };

  const run = (connection: Connection, userId: string, held: Held): void => {
    const verdict = verdictFor(userId, held.writes);
    if (verdict.kind === 'own') return held.accept();
    if (verdict.kind === 'foreign') return options.refuseForeign(connection, verdict);
    if (held.refusedBeforeClaim?.() === true) return;
    waiting.set(connection, []);
    const claim = owners
      .claim(userId, verdict.clientIds)
      .then(() => settle(connection, userId, held, verdict.clientIds))
      .catch((error: unknown) => {
        waiting.delete(connection);
        if (options.ready()) options.claimFailed(connection, error);
      });
    claims.add(claim);
    void claim.finally(() => claims.delete(claim));
  };

  /**
   * The claim is decided: the claimed ids by what the store said (even if the winner's structs
   * meanwhile made the loser's look already held), the rest of the update judged again.
   */
  const afterClaim = (userId: string, writes: UpdateWrites, claimed: readonly number[]): OwnerVerdict => {
    const verdict = owners.judge(userId, claimed);
    return verdict.kind === 'foreign' ? verdict : verdictFor(userId, writes);
  };

  /** The claim is decided: the update, then what waited behind it. */
  const settle = (connection: Connection, userId: string, held: Held, claimed: readonly number[]): void => {
    const queued = waiting.get(connection) ?? [];
    waiting.delete(connection);
    if (!options.ready()) return;
    const verdict = afterClaim(userId, held.writes, claimed);
    if (verdict.kind === 'foreign') return options.refuseForeign(connection, verdict);
    if (verdict.kind === 'claim') throw new Error('client ids still unclaimed after their claim');
    held.accept();
    for (const [index, next] of queued.entries()) {
      const behind = waiting.get(connection);
      if (behind !== undefined) return void behind.push(...queued.slice(index));
      run(connection, userId, next);
    }
  };

  return {
    pass(connection, writes, accept, refusedBeforeClaim) {
      const userId = connection.context.userId;
      if (userId === undefined) return accept();
      const held = { writes, accept, ...(refusedBeforeClaim === undefined ? {} : { refusedBeforeClaim }) };
      const behind = waiting.get(connection);
      if (behind !== undefined) return void behind.push(held);
      run(connection, userId, held);
    },
    async check(userId, writes, beforeClaim) {
      if (userId === undefined) return;
      let verdict = verdictFor(userId, writes);
      if (verdict.kind === 'claim') {
        beforeClaim?.();
        await owners.claim(userId, verdict.clientIds);
        if (!options.ready()) throw new RelayError('document_failed', 'the document failed meanwhile');
        verdict = afterClaim(userId, writes, verdict.clientIds);
      }
      if (verdict.kind === 'foreign') {
        throw new RelayError(
          'foreign_client_id',
          `the update writes under client id ${verdict.clientId}, which is not yours: refused`,
        );
      }
    },
    async whenIdle() {
      while (claims.size > 0) await Promise.all(claims);
    },
  };
}
