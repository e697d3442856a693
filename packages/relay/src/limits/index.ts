export { createLimits, type CreatedLimits } from './create-limits.js';
export { createFrameMeter } from './frame-meter.js';
export { createIpConnectionCounter, normalizeIp, type IpConnectionCounter } from './ip-connection-counter.js';
export {
  DEFAULT_LIMITS,
  LimitsConfigError,
  resolveLimits,
  type LimitsOptions,
  type ResolvedLimits,
} from './limits-config.js';
export { LimitRefusal } from './refusals.js';
export { createTokenBucket, type Clock, type TokenBucket } from './token-bucket.js';
