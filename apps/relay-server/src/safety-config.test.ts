import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenListenError } from '@marginalia/relay';
import { describe, expect, it } from 'vitest';
import { readSafetyConfig, SafetyConfigError } from './safety-config.js';

const secret = 'safety-config-test-secret-32-bytes-long';

describe('readSafetyConfig', () => {
  it('runs open on loopback with a warning', () => {
    const config = readSafetyConfig({}, {}, '127.0.0.1');
    expect(config.authEnabled).toBe(false);
    expect(config.warning).toMatch(/auth is off/);
    expect(config.limits).toEqual({});
  });

  it('refuses a non-loopback host without a secret', () => {
    expect(() => readSafetyConfig({}, {}, '0.0.0.0')).toThrow(OpenListenError);
    expect(() => readSafetyConfig({}, {}, '0.0.0.0')).toThrow(/AUTH_SECRET/);
  });

  it('reads auth and origins from env, flags winning, and allows any host with auth', () => {
    const config = readSafetyConfig(
      { AUTH_SECRET: 'from-env', ALLOWED_ORIGINS: 'https://a.example, https://b.example', AUTH_ISSUER: 'me' },
      { 'auth-secret': secret },
      '0.0.0.0',
    );
    expect(config.auth).toEqual({ secret, issuer: 'me', allowedOrigins: ['https://a.example', 'https://b.example'] });
    expect([config.authEnabled, config.warning]).toEqual([true, undefined]);
  });

  it('reads a public key from a file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'safety-')), 'key.pem');
    writeFileSync(path, '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----\n');
    expect(readSafetyConfig({ AUTH_PUBLIC_KEY_FILE: path }, {}, '::').auth.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(() => readSafetyConfig({ AUTH_PUBLIC_KEY_FILE: `${path}.missing` }, {}, '::')).toThrow(SafetyConfigError);
  });

  it('reads limits and refuses bad numbers', () => {
    const config = readSafetyConfig({ MAX_FRAME_BYTES: '65536' }, { 'max-connections-per-ip': '5' }, 'localhost');
    expect(config.limits).toEqual({ maxFrameBytes: 65536, maxConnectionsPerIp: 5 });
    expect(() => readSafetyConfig({ MESSAGES_PER_SECOND: 'lots' }, {}, 'localhost')).toThrow(/MESSAGES_PER_SECOND/);
    expect(() => readSafetyConfig({ MAX_LOADED_DOCS: '0' }, {}, 'localhost')).toThrow(SafetyConfigError);
  });
});
