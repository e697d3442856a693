import { describe, expect, it } from 'vitest';
import { readServeOptions, ServeOptionsError } from './serve-options.js';

describe('serve options', () => {
  it('has the documented defaults', () => {
    const options = readServeOptions([], {});
    expect(options).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dataDir: './data',
      logLevel: 'info',
      synchronous: 'FULL',
    });
  });

  it('reads environment variables, and flags win over them', () => {
    const env = { PORT: '9000', DATA_DIR: '/srv/env', LOG_LEVEL: 'debug', COMPACT_ROWS: '50', PERSIST_WINDOW_MS: '0' };
    expect(readServeOptions([], env)).toMatchObject({
      port: 9000,
      dataDir: '/srv/env',
      logLevel: 'debug',
      compactRows: 50,
      persistWindowMs: 0,
    });
    const flags = ['--port', '9100', '--data-dir', '/srv/flag', '--sqlite-synchronous', 'normal', '--no-static'];
    expect(readServeOptions(flags, env)).toMatchObject({
      port: 9100,
      dataDir: '/srv/flag',
      synchronous: 'NORMAL',
      staticDir: undefined,
    });
  });

  it('refuses bad values and unknown flags with a clear error', () => {
    expect(() => readServeOptions(['--port', 'eighty'], {})).toThrow(ServeOptionsError);
    expect(() => readServeOptions([], { LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => readServeOptions([], { PERSIST_WINDOW_MS: '-1' })).toThrow(/PERSIST_WINDOW_MS/);
    expect(() => readServeOptions(['--prot', '1'], {})).toThrow(ServeOptionsError);
  });
});
