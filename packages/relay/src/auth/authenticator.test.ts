import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthConfigError } from './auth-error.js';
import { createAuthenticator } from './authenticator.js';
import { mintToken } from './mint-token.js';

const secret = 'test-secret-that-is-at-least-32-bytes-long';
const now = () => Math.floor(Date.now() / 1000);

const request = (token: string | undefined, docName = 'band-7/setlists', need: 'read' | 'write' = 'read') => ({
  url: token === undefined ? `/v1/sync/${docName}` : `/v1/sync/${docName}?token=${encodeURIComponent(token)}`,
  docName,
  need,
});

describe('createAuthenticator with an HS256 secret', () => {
  const auth = createAuthenticator({ secret });
  const write = (docs: string[] = ['band-7/*']) =>
    mintToken({ secret, userId: 'u1', docs, mode: 'write', ttlSeconds: 60 });

  it('accepts a valid token from the query string and reports user and write access', async () => {
    expect(await auth.authorize(request(await write()))).toEqual({
      ok: true,
      userId: 'u1',
      canWrite: true,
      expiresAt: expect.any(Number),
    });
  });

  it('accepts a Bearer header and prefers it over the query', async () => {
    const token = await write();
    const decision = await auth.authorize({ ...request('garbage'), authorization: `Bearer ${token}` });
    expect(decision).toMatchObject({ ok: true, userId: 'u1' });
  });

  it('refuses a missing token with 401 token_missing', async () => {
    expect(await auth.authorize(request(undefined))).toMatchObject({ ok: false, status: 401, reason: 'token_missing' });
  });

  it('refuses a bad signature with 401 token_invalid', async () => {
    const forged = await mintToken({
      secret: 'another-secret-that-is-also-32-bytes-long',
      userId: 'u1',
      docs: ['**'],
      mode: 'write',
      ttlSeconds: 60,
    });
    expect(await auth.authorize(request(forged))).toMatchObject({ ok: false, status: 401, reason: 'token_invalid' });
    expect(await auth.authorize(request('not.a.jwt'))).toMatchObject({
      ok: false,
      status: 401,
      reason: 'token_invalid',
    });
  });

  it('refuses an expired token with 401 token_expired', async () => {
    const expired = await mintToken({
      secret,
      userId: 'u1',
      docs: ['**'],
      mode: 'write',
      ttlSeconds: 60,
      issuedAt: now() - 3600,
    });
    expect(await auth.authorize(request(expired))).toMatchObject({ ok: false, status: 401, reason: 'token_expired' });
  });

  it('refuses a token without exp, without docs or with alg none', async () => {
    const key = new TextEncoder().encode(secret);
    const noExp = await new SignJWT({ docs: ['**'], mode: 'write' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .sign(key);
    const noDocs = await new SignJWT({ mode: 'write' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setExpirationTime('1h')
      .sign(key);
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'u1', docs: ['**'], mode: 'write', exp: now() + 60 })).toString(
      'base64url',
    );
    for (const token of [noExp, noDocs, `${header}.${body}.`]) {
      expect(await auth.authorize(request(token))).toMatchObject({ ok: false, status: 401, reason: 'token_invalid' });
    }
  });

  it('refuses a doc outside the token scope with 403 doc_forbidden', async () => {
    expect(await auth.authorize(request(await write(), 'band-8/setlists'))).toMatchObject({
      ok: false,
      status: 403,
      reason: 'doc_forbidden',
    });
  });

  it('lets a read-only token read but refuses it write access with 403 read_only', async () => {
    const token = await mintToken({ secret, userId: 'u2', docs: ['band-7/**'], mode: 'read', ttlSeconds: 60 });
    expect(await auth.authorize(request(token))).toEqual({
      ok: true,
      userId: 'u2',
      canWrite: false,
      expiresAt: expect.any(Number),
    });
    expect(await auth.authorize(request(token, 'band-7/setlists', 'write'))).toMatchObject({
      ok: false,
      status: 403,
      reason: 'read_only',
    });
  });

  it('treats a token without mode as read-only', async () => {
    const token = await new SignJWT({ docs: ['**'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u3')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    expect(await auth.authorize(request(token))).toEqual({
      ok: true,
      userId: 'u3',
      canWrite: false,
      expiresAt: expect.any(Number),
    });
  });
});

describe('createAuthenticator with a public key', () => {
  it.each(['ES256', 'RS256', 'EdDSA'])('verifies %s tokens with the algorithm inferred from the PEM', async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const auth = createAuthenticator({ publicKey: await exportSPKI(publicKey) });
    await auth.ready();
    const token = await new SignJWT({ docs: ['a/*'], mode: 'write' })
      .setProtectedHeader({ alg })
      .setSubject('k')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await auth.authorize(request(token, 'a/b'))).toEqual({
      ok: true,
      userId: 'k',
      canWrite: true,
      expiresAt: expect.any(Number),
    });
    const hs = await mintToken({ secret, userId: 'k', docs: ['a/*'], mode: 'write', ttlSeconds: 60 });
    expect(await auth.authorize(request(hs, 'a/b'))).toMatchObject({ ok: false, status: 401 });
  });

  it('rejects an unusable key and a short secret at ready()', async () => {
    await expect(createAuthenticator({ publicKey: 'not a pem' }).ready()).rejects.toBeInstanceOf(AuthConfigError);
    await expect(createAuthenticator({ secret: 'short' }).ready()).rejects.toMatchObject({
      code: 'auth_secret_too_short',
    });
  });
});

describe('createAuthenticator without a key', () => {
  it('is disabled and allows everything', async () => {
    const auth = createAuthenticator(undefined);
    expect(auth.enabled).toBe(false);
    expect(await auth.authorize(request(undefined, 'x', 'write'))).toEqual({
      ok: true,
      userId: undefined,
      canWrite: true,
    });
  });
});
