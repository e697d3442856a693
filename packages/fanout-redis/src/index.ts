export {
  createRedisFanout,
  DEFAULT_DEADLINE_MS,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_PEER_TIMEOUT_MS,
  type RedisFanoutOptions,
} from './redis-fanout.js';
export { describeRedis, FanoutConnectError } from './redis-connections.js';
export { decodeFanoutMessage, encodeFanoutMessage, FanoutCodecError } from './fanout-codec.js';
