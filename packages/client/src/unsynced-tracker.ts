/**
 * Counts local changes the relay has not yet confirmed as stored.
 *
 * Every local change gets a sequence number. Every update-carrying message sent on a connection
 * (sync step 2, sync update; numbered from 1 per connection, as the relay counts them) records the
 * highest sequence number it covers. A durable ack `{count}` confirms the connection's first `count`
 * messages, hence every change up to the highest sequence they cover. Messages of a connection that
 * closed before its ack are forgotten: the next connection's sync step 2 (a diff against the relay's
 * state) covers every change made up to that moment, so the messages on one connection always cover a
 * prefix of the sequence.
 */
export interface UnsyncedTracker {
  /** Changes not yet covered by an acknowledged message. */
  readonly count: number;
  /** The highest sequence number handed out. */
  readonly latest: number;
  /** A local change happened; returns its sequence number. */
  recordChange(): number;
  /** Adds `count` changes an earlier session left unconfirmed (restored from local metadata). */
  restore(count: number): void;
  /** A new connection: message numbering starts again from 1. */
  startConnection(): void;
  /** An update-carrying message went out covering changes up to `coveredSeq`; returns its number. */
  recordSent(coveredSeq: number): number;
  /** The relay acknowledged the first `count` messages of this connection. Returns true when the count changed. */
  recordAck(count: number): boolean;
}

/** `pendingAtLoad`: changes left unconfirmed by an earlier session (restored from local metadata). */
export function createUnsyncedTracker(pendingAtLoad = 0): UnsyncedTracker {
  let latest = Math.max(0, Math.floor(pendingAtLoad));
  let confirmed = 0;
  let messages = 0;
  let inFlight: Array<{ index: number; covers: number }> = [];

  return {
    get count() {
      return latest - confirmed;
    },
    get latest() {
      return latest;
    },
    recordChange() {
      latest += 1;
      return latest;
    },
    restore(count) {
      latest += Math.max(0, Math.floor(count));
    },
    startConnection() {
      messages = 0;
      inFlight = [];
    },
    recordSent(coveredSeq) {
      messages += 1;
      inFlight.push({ index: messages, covers: Math.min(coveredSeq, latest) });
      return messages;
    },
    recordAck(count) {
      const before = confirmed;
      let rest = 0;
      for (const message of inFlight) {
        if (message.index > count) break;
        confirmed = Math.max(confirmed, message.covers);
        rest += 1;
      }
      inFlight = inFlight.slice(rest);
      return confirmed !== before;
    },
  };
}
