import type { RelayInfo } from '@marginalia/protocol';

/** What the client uses until a relay told it its limits (a relay that never does: an older or a stock server). */
export const FALLBACK_LIMITS: RelayInfo = {
  maxFrameBytes: 1024 * 1024,
  maxDocBytes: 16 * 1024 * 1024,
  docBytes: 0,
  canWrite: true,
};

/** The relay's limits as last learned (relay-info frame, HTTP info), and the document's size as the relay counts it. */
export interface RelayLimits {
  /** The last info received, or the fallback. */
  readonly info: RelayInfo;
  /** True once a relay told us (this session or, restored from local metadata, an earlier one). */
  readonly known: boolean;
  /** The relay's document size at the last info plus every update exchanged since (an upper bound). */
  readonly docBytes: number;
  learn(info: RelayInfo): void;
  /** An update went to or came from the relay: the relay's document grew by (at most) that much. */
  grew(bytes: number): void;
}

export function createRelayLimits(restored?: RelayInfo): RelayLimits {
  let info = restored ?? FALLBACK_LIMITS;
  let known = restored !== undefined;
  let docBytes = info.docBytes;
  return {
    get info() {
      return info;
    },
    get known() {
      return known;
    },
    get docBytes() {
      return docBytes;
    },
    learn(next) {
      info = next;
      known = true;
      docBytes = next.docBytes;
    },
    grew(bytes) {
      docBytes += bytes;
    },
  };
}
