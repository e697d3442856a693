export { createRedisFanout, describeRedis, FanoutConnectError, type RedisFanoutOptions } from './redis-fanout.js';
export { decodeFanoutMessage, encodeFanoutMessage, FanoutCodecError } from './fanout-codec.js';
