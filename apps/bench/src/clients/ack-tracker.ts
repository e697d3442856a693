/**
 * Durability-ack bookkeeping for one connection to the Marginalia relay. The relay acks "the first
 * `count` update-carrying messages this connection sent" (sync step 2 and sync update frames,
 * counted from 1); we timestamp each such frame as it leaves and turn acks into latencies.
 */
import { nowMs } from '../stats.js';

export interface AckTracker {
  /** Update-carrying frames sent so far. */
  readonly sent: number;
  /** Highest ack count received. */
  readonly acked: number;
  /** Milliseconds from send to ack, one per acked frame, in ack order. */
  readonly latencies: number[];
  recordSent(): void;
  recordAck(count: number): void;
  /** Resolves once `count` update-carrying frames have been sent. */
  whenSent(count: number): Promise<void>;
  /** Resolves once every frame sent so far (or `count` frames) is acked. */
  whenAcked(count?: number): Promise<void>;
}

/** True for a sync step 2 or sync update frame (outer type 0, inner type 1 or 2). */
export function isUpdateFrame(bytes: Uint8Array): boolean {
  return bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2);
}

export function createAckTracker(): AckTracker {
  const sentAt: number[] = [];
  const latencies: number[] = [];
  let acked = 0;
  let waiters: { count: number; resolve: () => void }[] = [];
  let sendWaiters: { count: number; resolve: () => void }[] = [];
  return {
    get sent() {
      return sentAt.length;
    },
    get acked() {
      return acked;
    },
    latencies,
    recordSent() {
      sentAt.push(nowMs());
      const due = sendWaiters.filter((w) => w.count <= sentAt.length);
      sendWaiters = sendWaiters.filter((w) => w.count > sentAt.length);
      for (const waiter of due) waiter.resolve();
    },
    whenSent(count) {
      if (count <= sentAt.length) return Promise.resolve();
      return new Promise((resolve) => sendWaiters.push({ count, resolve }));
    },
    recordAck(count) {
      const now = nowMs();
      for (let i = acked; i < Math.min(count, sentAt.length); i++) latencies.push(now - (sentAt[i] as number));
      acked = Math.max(acked, count);
      const due = waiters.filter((w) => w.count <= acked);
      waiters = waiters.filter((w) => w.count > acked);
      for (const waiter of due) waiter.resolve();
    },
    whenAcked(count = sentAt.length) {
      if (count <= acked) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}
