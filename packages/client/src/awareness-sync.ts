import {
  type Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { encodeAwareness } from '@marginalia/protocol';
import { ClientError } from './client-error.js';
import { createTimer, type Timers } from './timers.js';
import type { Transport } from './transport.js';

export interface AwarenessSyncOptions {
  readonly awareness: Awareness;
  readonly transport: Transport;
  /** Origin of awareness changes applied from the relay. */
  readonly origin: object;
  readonly timers: Timers;
  /** At most one local presence update per this many ms goes to the relay (the last one always goes). */
  readonly throttleMs: number;
  readonly onError: (error: ClientError) => void;
}

export interface AwarenessSync {
  /** An awareness message arrived from the relay. */
  receive(update: Uint8Array): void;
  /** Send our own state now (on connect, on query, when leaving). */
  sendLocal(): void;
  close(): void;
}

/** Awareness over the relay: our own state out (throttled), everyone else's in, cleared when the connection ends. */
export function createAwarenessSync(options: AwarenessSyncOptions): AwarenessSync {
  const { awareness, transport } = options;
  const throttle = createTimer(options.timers);
  const fromRelay = new Set<number>();
  let dirty = false;

  const sendLocal = (): void => {
    dirty = false;
    transport.send(encodeAwareness(encodeAwarenessUpdate(awareness, [awareness.clientID])));
  };

  const scheduleLocal = (): void => {
    dirty = true;
    if (throttle.armed) return;
    sendLocal();
    const tick = (): void => {
      if (!dirty) return;
      sendLocal();
      throttle.arm(options.throttleMs, tick);
    };
    throttle.arm(options.throttleMs, tick);
  };

  const onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === options.origin) {
      for (const id of [...added, ...updated]) fromRelay.add(id);
      for (const id of removed) fromRelay.delete(id);
      return;
    }
    const mine = [...added, ...updated, ...removed].includes(awareness.clientID);
    if (!mine) return;
    // Leaving (state null) goes out at once: the others must not see a ghost until the throttle ends.
    if (awareness.getLocalState() === null) sendLocal();
    else scheduleLocal();
  };
  awareness.on('update', onUpdate);

  // Re-announce on every connection, two clocks ahead: the relay told the others we left with our last
  // clock + 1, and they ignore a state whose clock is not above what they hold (about 30 s of invisibility).
  const offOpen = transport.on('open', () => {
    const local = awareness.getLocalState();
    if (local === null) return;
    const meta = awareness.meta.get(awareness.clientID);
    if (meta !== undefined) meta.clock += 1;
    awareness.setLocalState({ ...local });
    sendLocal();
  });
  const offClosed = transport.on('closed', () => {
    const gone = [...fromRelay].filter((id) => id !== awareness.clientID);
    fromRelay.clear();
    if (gone.length > 0) removeAwarenessStates(awareness, gone, options.origin);
    // Forget their clocks too: the relay's snapshot after a reconnect repeats their current clock, which
    // y-protocols would ignore as "not newer" for a state it no longer has.
    for (const id of gone) awareness.meta.delete(id);
  });

  return {
    receive(update) {
      try {
        applyAwarenessUpdate(awareness, update, options.origin);
      } catch (cause) {
        options.onError(new ClientError('protocol_error', 'the relay sent an invalid awareness update', { cause }));
      }
    },
    sendLocal,
    close() {
      throttle.cancel();
      awareness.off('update', onUpdate);
      offOpen();
      offClosed();
    },
  };
}
