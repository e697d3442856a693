import type * as Y from 'yjs';
import type { ClientOwners, OwnerVerdict } from './client-owners.js';
import type { Connection } from './connection.js';
import { RelayError } from './relay-error.js';
import { clientsWrittenPast, type UpdateReach } from './update-reach.js';

type Foreign = Extract<OwnerVerdict, { kind: 'foreign' }>;

export interface OwnerGateOptions {
  readonly doc: Y.Doc;
  readonly owners: ClientOwners;
  /** False once the document failed or closed: what a claim held back is then dropped. */
  ready(): boolean;
  /** The connection wrote under a client id another user owns (close it, 4403). */
  refuseForeign(connection: Connection, foreign: Foreign): void;
  /** The store could not record a claim (close the connection; its client sends again later). */
  claimFailed(connection: Connection, error: unknown): void;
}

/**
 * Authorship with auth on: a connection's update applies only if its user owns every client id the
 * update writes under (see `clientsWrittenPast`), or nobody does yet. Fresh ids are claimed in the
 * store first (the durable record decides between racing users); meanwhile the connection's later
 * updates wait behind the claim, so they still apply in the order sent. Connections without a
 * user (open mode) are not checked.
 */
export interface OwnerGate {
  /** Runs `accept` now, or after the claim it needs, or never (the update is refused). */
  pass(connection: Connection, reach: UpdateReach, accept: () => void): void;
  /** The same for an HTTP update; rejects with RelayError('foreign_client_id'). */
  check(userId: string | undefined, reach: UpdateReach): Promise<void>;
  /** Resolves once no claim is outstanding (what they held back has then been applied or dropped). */
  whenIdle(): Promise<void>;
}

interface Held {
  readonly reach: UpdateReach;
  readonly accept: () => void;
}

export function createOwnerGate(options: OwnerGateOptions): OwnerGate {
  const { owners, doc } = options;
  const waiting = new Map<Connection, Held[]>();
  const claims = new Set<Promise<void>>();

  const verdictFor = (userId: string, reach: UpdateReach): OwnerVerdict =>
    owners.judge(userId, clientsWrittenPast(doc, reach));

  const run = (connection: Connection, userId: string, held: Held): void => {
    const verdict = verdictFor(userId, held.reach);
    if (verdict.kind === 'own') return held.accept();
    if (verdict.kind === 'foreign') return options.refuseForeign(connection, verdict);
    waiting.set(connection, []);
    const claim = owners
      .claim(userId, verdict.clientIds)
      .then((decided) => settle(connection, userId, held, decided))
      .catch((error: unknown) => {
        waiting.delete(connection);
        if (options.ready()) options.claimFailed(connection, error);
      });
    claims.add(claim);
    void claim.finally(() => claims.delete(claim));
  };

  const settle = (connection: Connection, userId: string, held: Held, decided: OwnerVerdict): void => {
    const queued = waiting.get(connection) ?? [];
    waiting.delete(connection);
    if (!options.ready()) return;
    if (decided.kind === 'foreign') return options.refuseForeign(connection, decided);
    held.accept();
    for (const [index, next] of queued.entries()) {
      const behind = waiting.get(connection);
      if (behind !== undefined) return void behind.push(...queued.slice(index));
      run(connection, userId, next);
    }
  };

  return {
    pass(connection, reach, accept) {
      const userId = connection.context.userId;
      if (userId === undefined) return accept();
      const behind = waiting.get(connection);
      if (behind !== undefined) return void behind.push({ reach, accept });
      run(connection, userId, { reach, accept });
    },
    async check(userId, reach) {
      if (userId === undefined) return;
      let verdict = verdictFor(userId, reach);
      if (verdict.kind === 'claim') verdict = await owners.claim(userId, verdict.clientIds);
      if (!options.ready()) throw new RelayError('document_failed', 'the document failed meanwhile');
      if (verdict.kind === 'foreign') {
        throw new RelayError(
          'foreign_client_id',
          `client id ${verdict.clientId} belongs to another user: writing under it is refused`,
        );
      }
    },
    async whenIdle() {
      while (claims.size > 0) await Promise.all(claims);
    },
  };
}
