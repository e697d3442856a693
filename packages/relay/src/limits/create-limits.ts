import type { AdmissionRequest, ConnectionContext, FrameMeter, RelayLimits, Refusal } from '../ports/admission.js';
import { createFrameMeter } from './frame-meter.js';
import { createIpConnectionCounter, normalizeIp } from './ip-connection-counter.js';
import { createIpRateLimiter } from './ip-rate-limiter.js';
import { resolveLimits, type LimitsOptions, type ResolvedLimits } from './limits-config.js';
import { LimitRefusal } from './refusals.js';
import type { Clock } from './token-bucket.js';

export interface CreatedLimits extends RelayLimits {
  readonly resolved: ResolvedLimits;
}

/**
 * The relay's `limits` hook: resolved sizes for the core, a per-IP connection cap at admission
 * (socket upgrades), a per-IP rate of HTTP reads (GET /v1/docs/...; 429 with Retry-After) and a
 * {@link createFrameMeter} per connection.
 */
export function createLimits(options?: LimitsOptions, clock: Clock = Date.now): CreatedLimits {
  const resolved = resolveLimits(options);
  const perIp = createIpConnectionCounter(resolved.maxConnectionsPerIp);
  const reads = createIpRateLimiter(resolved.httpReadsPerSecond, resolved.httpReadBurst, clock);
  const admit = (request: AdmissionRequest): Refusal | { readonly release: () => void } | undefined => {
    if (request.remoteAddress === undefined) return undefined;
    if (request.access === 'read') {
      const retryAfterSeconds = reads.take(normalizeIp(request.remoteAddress));
      return retryAfterSeconds === undefined ? undefined : { ...LimitRefusal.httpReadRate, retryAfterSeconds };
    }
    if (request.access !== 'socket') return undefined;
    const release = perIp.acquire(normalizeIp(request.remoteAddress));
    return release === undefined ? LimitRefusal.connectionsPerIp : { release };
  };
  const createMeter = (_context: ConnectionContext): FrameMeter => createFrameMeter(resolved, clock);
  return {
    resolved,
    maxFrameBytes: resolved.maxFrameBytes,
    maxDocBytes: resolved.maxDocBytes,
    maxDocStructs: resolved.maxDocStructs,
    maxConflictSteps: resolved.maxConflictSteps,
    conflictStepsPerSecond: resolved.conflictStepsPerSecond,
    maxPendingBytesPerDoc: resolved.maxPendingBytesPerDoc,
    maxPendingStructsPerDoc: resolved.maxPendingStructsPerDoc,
    maxPendingDeletesPerDoc: resolved.maxPendingDeletesPerDoc,
    maxLoadedDocs: resolved.maxLoadedDocs,
    presence: {
      maxClientIdsPerConnection: resolved.maxAwarenessClientIds,
      maxBytesPerConnection: resolved.maxPresenceBytesPerConnection,
      maxBytesPerDoc: resolved.maxPresenceBytesPerDoc,
    },
    bytesPerSecond: resolved.bytesPerSecond,
    byteBurst: resolved.byteBurst,
    admit,
    createMeter,
  };
}
