import type { FrameInfo, FrameMeter, Refusal } from '../ports/admission.js';
import type { ResolvedLimits } from './limits-config.js';
import { LimitRefusal } from './refusals.js';
import { createTokenBucket, type Clock, type TokenBucket } from './token-bucket.js';

/**
 * The per-connection meter charged for every incoming frame that passed the core's protocol
 * checks (binary, decodable, a client-to-relay type: 4400 otherwise), in this order: frame size
 * (4413), messages/s (4429), bytes/s (4429), for awareness frames the payload size (4413), and
 * for query-awareness frames one state of the awareness rate (4429: each answer is a snapshot).
 * `chargePresence` then counts the awareness states a frame changed among the connection's own
 * client ids against the awareness rate (4429): peers' states that a stock client echoes back do
 * not count, so a busy room does not rate-limit its members. A refused frame is not handled.
 */
export function createFrameMeter(limits: ResolvedLimits, clock: Clock = Date.now): FrameMeter {
  return new Meter(limits, clock);
}

/** One per connection: a class so that its methods cost nothing per connection. */
class Meter implements FrameMeter {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly awareness: TokenBucket;

  constructor(
    private readonly limits: ResolvedLimits,
    clock: Clock,
  ) {
    this.messages = createTokenBucket(limits.messagesPerSecond, limits.messageBurst, clock);
    this.bytes = createTokenBucket(limits.bytesPerSecond, limits.byteBurst, clock);
    this.awareness = createTokenBucket(limits.awarenessPerSecond, limits.awarenessBurst, clock);
  }

  charge(frame: FrameInfo): Refusal | undefined {
    if (frame.byteLength > this.limits.maxFrameBytes) return LimitRefusal.frameTooLarge;
    if (!this.messages.take(1)) return LimitRefusal.messageRate;
    if (!this.bytes.take(frame.byteLength)) return LimitRefusal.byteRate;
    // Each answer is the whole presence snapshot: a query costs one awareness state of the rate.
    if (frame.type === 'query-awareness') return this.awareness.take(1) ? undefined : LimitRefusal.awarenessRate;
    if (frame.type !== 'awareness') return undefined;
    if (frame.payloadLength > this.limits.maxAwarenessBytes) return LimitRefusal.awarenessTooLarge;
    return undefined;
  }

  chargePresence(entries: number): Refusal | undefined {
    return this.awareness.take(entries) ? undefined : LimitRefusal.awarenessRate;
  }
}
