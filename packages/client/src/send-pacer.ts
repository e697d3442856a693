import type { RelayInfo } from '@marginalia/protocol';
import type { Timers } from './timers.js';

/** Keeps large sends within the byte rate the relay allows a connection (it closes 4429 past it). */
export interface SendPacer {
  /** Resolves when `bytes` may go out now (at once while the budget lasts). */
  take(bytes: number): Promise<void>;
}

/** The share of the relay's rate the pacer uses: small frames (presence, sync step 1) are not paced. */
const SHARE = 0.6;

/**
 * A token bucket mirroring the relay's per-connection byte budget (`bytesPerSecond`, `byteBurst` of its
 * relay-info); without those, sends are not paced.
 */
export function createSendPacer(info: () => RelayInfo, timers: Timers): SendPacer {
  let tokens: number | undefined;
  let at = timers.now();
  return {
    async take(bytes) {
      const { bytesPerSecond, byteBurst } = info();
      if (bytesPerSecond === undefined || byteBurst === undefined) return;
      const rate = (bytesPerSecond * SHARE) / 1000;
      const capacity = byteBurst * SHARE;
      const need = Math.min(bytes, capacity);
      const now = timers.now();
      tokens = Math.min(capacity, (tokens ?? capacity) + (now - at) * rate);
      at = now;
      if (tokens < need) {
        const wait = Math.ceil((need - tokens) / rate);
        await new Promise<void>((resolve) => timers.setTimeout(resolve, wait));
        tokens = Math.min(capacity, tokens + (timers.now() - at) * rate);
        at = timers.now();
      }
      tokens -= need;
    },
  };
}
