import { describe, expect, it } from 'vitest';
import { createSilentLogger, StorageError } from '@marginalia/relay';
import { openBackends } from './open-backends.js';
import { readServeOptions, ServeOptionsError } from './serve-options.js';

describe('store and fanout selection', () => {
  it('reads DATABASE_URL and REDIS_URL, flags winning', () => {
    const env = { DATABASE_URL: 'postgres://env@db/app', REDIS_URL: 'redis://cache:6379' };
    expect(readServeOptions([], env)).toMatchObject({
      databaseUrl: 'postgres://env@db/app',
      redisUrl: 'redis://cache:6379',
    });
    const flags = ['--database-url', 'postgresql://flag@db/app', '--redis-url', 'rediss://cache:6380'];
    expect(readServeOptions(flags, env)).toMatchObject({
      databaseUrl: 'postgresql://flag@db/app',
      redisUrl: 'rediss://cache:6380',
    });
    expect(readServeOptions([], {})).toMatchObject({ databaseUrl: undefined, redisUrl: undefined });
  });

  it('refuses URLs of the wrong kind', () => {
    expect(() => readServeOptions([], { DATABASE_URL: 'mysql://db/app' })).toThrow(
      /DATABASE_URL must start with postgres:/,
    );
    expect(() => readServeOptions([], { REDIS_URL: 'not a url' })).toThrow(ServeOptionsError);
    expect(() => readServeOptions(['--redis-url', 'http://cache'], {})).toThrow(/REDIS_URL/);
  });

  it('fails to start with a StorageError naming the database, not the password, when Postgres is unreachable', async () => {
    const options = readServeOptions(
      ['--database-url', 'postgres://relay:hunter2@127.0.0.1:1/marginalia', '--no-static'],
      {},
    );
    const error = await openBackends(options, createSilentLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toContain('127.0.0.1:1/marginalia');
    expect((error as Error).message).not.toContain('hunter2');
  });
});
