import { parseArgs } from 'node:util';
import { mintToken, parseDurationSeconds } from '@marginalia/relay';

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const TOKEN_USAGE = `usage: marginalia-relay token --user USER --doc PATTERN [--doc PATTERN ...] [--read-only] [--ttl 1h]
  Mints an HS256 token with the relay's AUTH_SECRET (env, or --secret) and prints only the token.
  --user       the user id (the token's sub)
  --doc        a doc name or pattern: band-7/setlists, band-7/* (one segment), band-7/** (any depth)
  --read-only  sync down only; writes are refused (default: read and write)
  --ttl        lifetime: 90, 30s, 15m, 1h (default), 7d, 2w
  --secret     the secret (prefer AUTH_SECRET in the environment: flags show up in ps)
  --issuer, --audience   set iss/aud (env AUTH_ISSUER, AUTH_AUDIENCE) when the relay requires them`;

class UsageError extends Error {
  readonly code = 'usage' as const;
}

/** `marginalia-relay token ...`: returns the process exit code (0 ok, 2 usage or config error). */
export async function runTokenCommand(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CommandIo,
): Promise<number> {
  try {
    const options = readOptions(args, env);
    io.stdout(`${await mintToken(options)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    io.stderr(`marginalia-relay token: ${error.message}\n${error instanceof UsageError ? `${TOKEN_USAGE}\n` : ''}`);
    return 2;
  }
}

function readOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>) {
  const { values } = parseCli(args);
  const secret = values.secret ?? env.AUTH_SECRET;
  if (secret === undefined || secret === '') throw new UsageError('no secret: set AUTH_SECRET (or pass --secret)');
  if (values.user === undefined || values.user === '') throw new UsageError('--user is required');
  const docs = values.doc ?? [];
  if (docs.length === 0) throw new UsageError('at least one --doc is required');
  const ttlSeconds = parseDurationSeconds(values.ttl ?? '1h');
  if (ttlSeconds === undefined) throw new UsageError(`--ttl ${JSON.stringify(values.ttl)} is not a duration like 1h`);
  const issuer = values.issuer ?? env.AUTH_ISSUER;
  const audience = values.audience ?? env.AUTH_AUDIENCE;
  return {
    secret,
    userId: values.user,
    docs,
    mode: values['read-only'] === true ? ('read' as const) : ('write' as const),
    ttlSeconds,
    ...(issuer ? { issuer } : {}),
    ...(audience ? { audience } : {}),
  };
}

function parseCli(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        user: { type: 'string' },
        doc: { type: 'string', multiple: true },
        'read-only': { type: 'boolean' },
        ttl: { type: 'string' },
        secret: { type: 'string' },
        issuer: { type: 'string' },
        audience: { type: 'string' },
      },
    });
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
}
