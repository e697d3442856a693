/**
 * Heartbeats on the peers channel: each fanout publishes `[seq: uint32 BE][leaving: 0|1][origin UTF-8]`
 * every interval. Its own heartbeat coming back proves the publish -> subscribe round trip; a gap
 * in anyone's sequence means messages were lost while the connection looked fine; another
 * origin that stops (or says it leaves) is a relay that is gone.
 */
export interface Heartbeat {
  readonly origin: string;
  readonly seq: number;
  readonly leaving: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeHeartbeat(heartbeat: Heartbeat): Buffer {
  const origin = encoder.encode(heartbeat.origin);
  const out = Buffer.allocUnsafe(5 + origin.byteLength);
  out.writeUInt32BE(heartbeat.seq >>> 0, 0);
  out[4] = heartbeat.leaving ? 1 : 0;
  out.set(origin, 5);
  return out;
}

/** Undefined for bytes that are not a heartbeat. */
export function decodeHeartbeat(data: Uint8Array): Heartbeat | undefined {
  if (data.byteLength < 6 || data[4]! > 1) return undefined;
  try {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    return { seq: view.getUint32(0), leaving: data[4] === 1, origin: decoder.decode(data.subarray(5)) };
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

export interface PeerTableOptions {
  /** A peer not heard from for this long (while our own round trips work) is gone. */
  readonly timeoutMs: number;
  readonly now: () => number;
}

/** Who else is alive, from their heartbeats. */
export interface PeerTable {
  /** Records a heartbeat of another origin; true when its sequence skipped (messages were lost). */
  heard(heartbeat: Heartbeat): boolean;
  /**
   * Another origin's document message arrived: a relay not yet known (it may die before its first
   * heartbeat reaches us, yet we hold its presence states) is tracked from now on.
   */
  noticed(origin: string): void;
  /** Origins gone silent for the timeout (counted from `since` at the earliest); they are forgotten. */
  expire(since: number): string[];
  /** Origins that said they leave, forgotten at once. */
  left(heartbeat: Heartbeat): boolean;
  /** After our own outage: the next heartbeat of each peer starts its sequence afresh. */
  forgetSequences(): void;
}

export function createPeerTable(options: PeerTableOptions): PeerTable {
  // seq undefined: not known since our last reconnect (a gap then is covered by that resync).
  const peers = new Map<string, { seq: number | undefined; at: number }>();
  return {
    heard(heartbeat) {
      const previous = peers.get(heartbeat.origin);
      peers.set(heartbeat.origin, { seq: heartbeat.seq, at: options.now() });
      return previous?.seq !== undefined && heartbeat.seq > previous.seq + 1;
    },
    noticed(origin) {
      if (!peers.has(origin)) peers.set(origin, { seq: undefined, at: options.now() });
    },
    expire(since) {
      const gone: string[] = [];
      const now = options.now();
      for (const [origin, peer] of peers) {
        if (now - Math.max(peer.at, since) > options.timeoutMs) gone.push(origin);
      }
      gone.forEach((origin) => peers.delete(origin));
      return gone;
    },
    left(heartbeat) {
      return heartbeat.leaving && peers.delete(heartbeat.origin);
    },
    forgetSequences() {
      for (const peer of peers.values()) peer.seq = undefined;
    },
  };
}
