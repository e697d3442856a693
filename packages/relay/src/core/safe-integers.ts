import * as Y from 'yjs';

type Decoded = ReturnType<typeof Y.decodeUpdate>;

const LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * A problem when an update reaches past the safe-integer limit: a client id past it (lib0 decodes
 * 2^53 without complaint), a struct or a deletion range ending past it, or an item naming an origin
 * or parent at a clock no struct can have. Clock
 * arithmetic past 2^53 is imprecise: a GC range up to the limit followed by an item at it gave the
 * document a state vector entry of 2^53, which every later sync step repeats. Undefined when none does.
 */
export function pastSafeLimit(decoded: Decoded): string | undefined {
  for (const struct of decoded.structs) {
    if (struct.id.client > LIMIT) return 'a client id past the safe-integer limit';
    if (struct.id.clock + struct.length > LIMIT) return 'a struct ends past the safe-integer clock limit';
    if (struct instanceof Y.Item && namesUnreachableClock(struct))
      return 'an item refers to a clock past the safe-integer limit';
  }
  for (const [client, ranges] of decoded.ds.clients) {
    if (client > LIMIT) return 'a deletion under a client id past the safe-integer limit';
    if (ranges.some((range) => range.clock + range.len > LIMIT))
      return 'a deletion range ends past the safe-integer clock limit';
  }
  return undefined;
}

/** The last clock a struct can start at is LIMIT - 1 (its length is at least 1). */
function namesUnreachableClock(item: Y.Item): boolean {
  const parent = item.parent;
  return (
    (item.origin !== null && item.origin.clock >= LIMIT) ||
    (item.rightOrigin !== null && item.rightOrigin.clock >= LIMIT) ||
    (parent instanceof Y.ID && parent.clock >= LIMIT)
  );
}
