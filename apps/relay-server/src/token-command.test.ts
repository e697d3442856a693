import { createAuthenticator } from '@marginalia/relay';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { runTokenCommand } from './token-command.js';

const secret = 'token-command-test-secret-32-bytes-min';

async function run(args: string[], env: Record<string, string | undefined> = { AUTH_SECRET: secret }) {
  let stdout = '';
  let stderr = '';
  const code = await runTokenCommand(args, env, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('marginalia-relay token', () => {
  it('prints only a token the relay accepts, read-write by default, ttl 1h', async () => {
    const { code, stdout, stderr } = await run(['--user', 'alice', '--doc', 'band-7/*', '--doc', 'user-42.library']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = decodeJwt(stdout.trim());
    expect(claims).toMatchObject({ sub: 'alice', docs: ['band-7/*', 'user-42.library'], mode: 'write' });
    expect(claims.exp! - claims.iat!).toBe(3600);
    const decision = await createAuthenticator({ secret }).authorizeToken(stdout.trim(), 'band-7/setlists', 'write');
    expect(decision).toEqual({ ok: true, userId: 'alice', canWrite: true, expiresAt: claims.exp! * 1000 });
  });

  it('mints read-only tokens with a custom ttl, secret from the flag', async () => {
    const { code, stdout } = await run(
      ['--user', 'bob', '--doc', 'x', '--read-only', '--ttl', '15m', '--secret', secret],
      {},
    );
    expect(code).toBe(0);
    const claims = decodeJwt(stdout.trim());
    expect(claims).toMatchObject({ sub: 'bob', mode: 'read' });
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it.each([
    [['--doc', 'x'], /--user is required/],
    [['--user', 'u'], /at least one --doc/],
    [['--user', 'u', '--doc', '../x'], /not a valid doc name or pattern/],
    [['--user', 'u', '--doc', 'x', '--ttl', 'forever'], /--ttl/],
    [['--user', 'u', '--doc', 'x', '--bogus'], /bogus/],
  ])('refuses %j with exit 2 and nothing on stdout', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(message);
  });

  it('refuses to run without a secret or with a short one', async () => {
    expect((await run(['--user', 'u', '--doc', 'x'], {})).stderr).toMatch(/AUTH_SECRET/);
    const short = await run(['--user', 'u', '--doc', 'x'], { AUTH_SECRET: 'short' });
    expect([short.code, short.stdout]).toEqual([2, '']);
    expect(short.stderr).toMatch(/at least 32 bytes/);
  });
});
