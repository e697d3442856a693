import * as Y from 'yjs';
import { ClientError } from './client-error.js';
import type { RelayHttp } from './relay-http.js';
import type { RelayLimits } from './relay-limits.js';
import type { SendPacer } from './send-pacer.js';
import { FRAME_OVERHEAD, splitUpdate } from './split-update.js';
import type { UnsyncedTracker } from './unsynced-tracker.js';

export interface HttpRoundOptions {
  readonly doc: Y.Doc;
  readonly http: RelayHttp;
  readonly tracker: UnsyncedTracker;
  readonly limits: RelayLimits;
  readonly pacer: SendPacer;
  /** Resolves once every local write issued so far is in the local store. */
  readonly flushLocal: () => Promise<void>;
  /** Origin of updates applied from the relay. */
  readonly origin: object;
  readonly onError: (error: ClientError) => void;
  /** The unsynced count moved. */
  readonly onChange: () => void;
}

/** What one exchange did: whether anything moved either way (the poll speeds up again when it did). */
export interface HttpRoundResult {
  readonly pushed: boolean;
  readonly pulled: boolean;
}

/**
 * One exchange with the relay over HTTP, the way a socket's two sync steps would do it:
 * 1. push (only while local changes are not confirmed, and the token may write): after the local store has
 *    them, ask the relay's state vector and POST what it lacks, split under its frame limit, one part after
 *    the other. Each 200 is the durability ack of that part (the relay answers after commit); a 202 (held
 *    for missing dependencies) confirms nothing, and the next round sends a fresh diff.
 * 2. pull: GET what our state vector lacks and apply it.
 * `live()` false means the exchange was abandoned (the socket came back, the app disconnected): it stops
 * before touching the tracker again, whose numbering the socket then owns.
 */
export async function runHttpRound(options: HttpRoundOptions, live: () => boolean): Promise<HttpRoundResult> {
  const pushed = options.tracker.pending > 0 && options.limits.info.canWrite ? await push(options, live) : false;
  if (!live()) return { pushed, pulled: false };
  return { pushed, pulled: await pull(options, live) };
}

async function push(options: HttpRoundOptions, live: () => boolean): Promise<boolean> {
  const { tracker } = options;
  await flushStable(options);
  const covers = tracker.latest;
  const remote = await options.http.stateVector();
  if (!live()) return false;
  const update = Y.encodeStateAsUpdate(options.doc, remote);
  const parts = splitUpdate(update, options.limits.info.maxFrameBytes - FRAME_OVERHEAD);
  tracker.startConnection();
  for (const [index, part] of parts.entries()) {
    if (parts.length > 1) await options.pacer.take(part.byteLength);
    if (!live()) return false;
    const message = tracker.recordSent(index === parts.length - 1 ? covers : 0);
    const answer = await options.http.post(part);
    if (!live()) return false;
    if (answer === 'pending') {
      tracker.startConnection();
      return true;
    }
    if (tracker.recordAck(message)) options.onChange();
  }
  return true;
}

async function pull(options: HttpRoundOptions, live: () => boolean): Promise<boolean> {
  const { doc } = options;
  const update = await options.http.updateSince(Y.encodeStateVector(doc));
  if (!live()) return false;
  let changed = false;
  const onUpdate = (): void => {
    changed = true;
  };
  doc.on('update', onUpdate);
  try {
    Y.applyUpdate(doc, update, options.origin);
  } catch (cause) {
    options.onError(new ClientError('protocol_error', 'the relay sent an update that does not apply', { cause }));
  } finally {
    doc.off('update', onUpdate);
  }
  return changed;
}

/** Waits until the local store holds every local change, also those made while waiting (bounded). */
async function flushStable(options: HttpRoundOptions): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    const seen = options.tracker.latest;
    await options.flushLocal();
    if (options.tracker.latest === seen) return;
  }
}
