import { describe, expect, it } from 'vitest';
import { runFanoutConformance } from '@marginalia/testkit';
import { adminCommand, killConnectionsNamed, TEST_REDIS_URL, uniqueName } from './fixtures/test-redis.js';
import { createRedisFanout } from './redis-fanout.js';
import { describeRedis, FanoutConnectError } from './redis-connections.js';

// Two fanouts (two pairs of connections) on the real Redis; a prefix no other run uses.
runFanoutConformance('redis', async () => {
  await adminCommand('PING');
  const prefix = `${uniqueName('mg-test')}:`;
  const name = uniqueName('mg-fanout-b');
  const a = await createRedisFanout({ url: TEST_REDIS_URL, prefix });
  const b = await createRedisFanout({ url: TEST_REDIS_URL, prefix, connectionName: name });
  return {
    a,
    b,
    interrupt: async () => {
      const killed = await killConnectionsNamed(`${name}:sub`);
      if (killed !== 1) throw new Error(`expected one subscriber connection named ${name}:sub, found ${killed}`);
    },
    cleanup: async () => undefined,
  };
});

describe('createRedisFanout', () => {
  it('rejects with FanoutConnectError naming the server, not the password, when Redis is unreachable', async () => {
    const error = await createRedisFanout({ url: 'redis://:hunter2@127.0.0.1:1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FanoutConnectError);
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('uses one channel per document: prefix + name', async () => {
    const prefix = `${uniqueName('mg-test')}:`;
    const fanout = await createRedisFanout({ url: TEST_REDIS_URL, prefix });
    fanout.subscribe('band-7/setlists', () => undefined);
    await fanout.whenSubscribed('band-7/setlists');
    expect(await adminCommand('PUBSUB', 'CHANNELS', `${prefix}*`)).toEqual(
      expect.arrayContaining([`${prefix}band-7/setlists`, `${prefix}!peers`]),
    );
    expect(await adminCommand('PUBSUB', 'CHANNELS', `${prefix}*`)).toHaveLength(2);
    await fanout.close();
  });

  it('describes a URL without its credentials', () => {
    expect(describeRedis('redis://user:pw@cache.internal:6380/2')).toBe('cache.internal:6380/2');
  });
});
