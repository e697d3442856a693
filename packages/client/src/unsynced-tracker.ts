/**
 * Counts local changes the relay has not yet confirmed as stored.
 *
 * Every local transaction gets a sequence number. Every update-carrying message sent on a connection
 * (sync step 2, sync update; numbered from 1 per connection, as the relay counts them) records the
 * highest sequence number it covers. A durable ack `{count}` confirms the connection's first `count`
 * messages, hence every change up to the highest sequence they cover. Messages of a connection that
 * closed before its ack are forgotten: the next connection's sync step 2 (a diff against the relay's
 * state) covers every change made up to that moment, so the messages on one connection always cover a
 * prefix of the sequence.
 *
 * What a user would call a change is a **unit**: consecutive transactions on the same thing (the
 * keystrokes of one note, a highlight and its edits) while none of them is confirmed count once, and
 * bookkeeping (who wrote, read markers, schema) not at all; `count` is in units, `pending` in transactions.
 */
export interface UnsyncedTracker {
  /** The user's own changes (units) not yet covered by an acknowledged message. */
  readonly count: number;
  /** Transactions not yet covered (bookkeeping too): 0 means everything local is stored on the relay. */
  readonly pending: number;
  /** The highest sequence number handed out. */
  readonly latest: number;
  /**
   * A local transaction happened; returns its sequence number. `unit` names what it changed (same name as
   * the previous unconfirmed unit: the same change goes on); `null` is bookkeeping; left out, a unit of its own.
   */
  recordChange(unit?: string | null): number;
  /** Adds `count` user changes, and `extra` bookkeeping ones, an earlier session left unconfirmed. */
  restore(count: number, extra?: number): void;
  /** A new connection: message numbering starts again from 1. */
  startConnection(): void;
  /** An update-carrying message went out covering changes up to `coveredSeq`; returns its number. */
  recordSent(coveredSeq: number): number;
  /** The relay acknowledged the first `count` messages of this connection. Returns true when the count changed. */
  recordAck(count: number): boolean;
}

/** `pendingAtLoad`: user changes left unconfirmed by an earlier session (restored from local metadata). */
export function createUnsyncedTracker(pendingAtLoad = 0): UnsyncedTracker {
  let latest = 0;
  let confirmed = 0;
  let messages = 0;
  let anonymous = 0;
  let inFlight: Array<{ index: number; covers: number }> = [];
  /** Unconfirmed units, oldest first: each with the sequence number of its last transaction. */
  let units: Array<{ key: string; last: number }> = [];

  const restore = (count: number, extra = 0): void => {
    for (let index = 0; index < Math.max(0, Math.floor(count)); index += 1) {
      latest += 1;
      units.push({ key: `restored:${(anonymous += 1)}`, last: latest });
    }
    latest += Math.max(0, Math.floor(extra));
  };
  restore(pendingAtLoad);

  return {
    get count() {
      return units.length;
    },
    get pending() {
      return latest - confirmed;
    },
    get latest() {
      return latest;
    },
    recordChange(unit) {
      latest += 1;
      if (unit === null) return latest;
      const key = unit ?? `change:${(anonymous += 1)}`;
      const last = units[units.length - 1];
      if (last !== undefined && last.key === key) last.last = latest;
      else units.push({ key, last: latest });
      return latest;
    },
    restore,
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
      if (confirmed === before) return false;
      units = units.filter((unit) => unit.last > confirmed);
      return true;
    },
  };
}
