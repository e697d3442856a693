import { describe, expect, it } from 'vitest';
import type { AdmissionRequest } from '../ports/admission.js';
import { mintToken } from './mint-token.js';
import { createRelayAuth } from './relay-auth.js';

const secret = 'relay-auth-test-secret-at-least-32-bytes';
const req = (token: string | undefined, access: AdmissionRequest['access'], origin?: string): AdmissionRequest => ({
  access,
  docName: 'band-7/setlists',
  token,
  headers: new Headers({ host: '127.0.0.1:8787', ...(origin === undefined ? {} : { origin }) }),
  remoteAddress: '127.0.0.1',
});

describe('createRelayAuth', () => {
  it('maps decisions to refusals with HTTP statuses and reasons', async () => {
    const auth = createRelayAuth({ secret });
    const read = await mintToken({ secret, userId: 'r', docs: ['band-7/*'], mode: 'read', ttlSeconds: 60 });
    expect(await auth.authorize(req(undefined, 'socket'))).toMatchObject({
      ok: false,
      refusal: { code: 401, reason: 'token_missing' },
    });
    expect(await auth.authorize(req(read, 'socket'))).toEqual({
      ok: true,
      userId: 'r',
      canWrite: false,
      expiresAt: expect.any(Number),
    });
    expect(await auth.authorize(req(read, 'read'))).toEqual({
      ok: true,
      userId: 'r',
      canWrite: false,
      expiresAt: expect.any(Number),
    });
    expect(await auth.authorize(req(read, 'write'))).toMatchObject({
      ok: false,
      refusal: { code: 403, reason: 'read_only' },
    });
  });

  it('checks the Origin allowlist first, with or without a secret', async () => {
    const open = createRelayAuth({ allowedOrigins: ['https://app.example.com'] });
    expect(open.enabled).toBe(false);
    expect(await open.authorize(req(undefined, 'socket', 'https://app.example.com'))).toEqual({
      ok: true,
      canWrite: true,
    });
    expect(await open.authorize(req(undefined, 'socket', 'https://evil.example'))).toMatchObject({
      ok: false,
      refusal: { code: 403, reason: 'origin_forbidden' },
    });
    const closed = createRelayAuth({ secret, allowedOrigins: ['https://app.example.com'] });
    expect(await closed.authorize(req(undefined, 'socket', 'https://evil.example'))).toMatchObject({
      refusal: { code: 403 },
    });
  });
});

describe('open mode (no key): where requests may come from', () => {
  const open = createRelayAuth({});
  const from = (headers: Record<string, string>) =>
    open.authorize({
      access: 'socket',
      docName: 'a',
      token: undefined,
      headers: new Headers(headers),
      remoteAddress: '127.0.0.1',
    });

  it.each([
    [{ host: '127.0.0.1:8787' }, true],
    [{ host: 'localhost' }, true],
    [{ host: '[::1]:8787', origin: 'http://[::1]:8787' }, true],
    [{ host: '127.0.0.1:8787', origin: 'http://localhost:5173' }, true],
    [{ host: 'evil.example' }, 'host_forbidden'],
    [{}, 'host_forbidden'],
    [{ host: '127.0.0.1:8787', origin: 'https://evil.example' }, 'origin_forbidden'],
    [{ host: '127.0.0.1:8787', origin: 'null' }, 'origin_forbidden'],
  ])('%j -> %s', async (headers, expected) => {
    const decision = await from(headers);
    expect(decision.ok ? true : decision.refusal.reason).toBe(expected);
  });
});
