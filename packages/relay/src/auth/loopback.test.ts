import { describe, expect, it } from 'vitest';
import { checkOpenListen, isLoopbackHost, OpenListenError } from './loopback.js';

describe('checkOpenListen', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(checkOpenListen(host, false)).toMatch(/auth is off/);
  });

  it.each(['0.0.0.0', '::', '192.168.1.2', 'example.com', '128.0.0.1'])(
    'refuses %s open, allows it with auth',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
      expect(() => checkOpenListen(host, false)).toThrow(OpenListenError);
      expect(checkOpenListen(host, true)).toBeUndefined();
    },
  );
});
