import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AUTH_OPTIONS, flagName, LIMIT_OPTIONS, readSafetyConfig, type SafetyConfig } from './safety-config.js';
import { createClientAddress } from '@marginalia/relay';
import { isLogLevel, type LogLevel } from './program-logger.js';

/** Everything `marginalia-relay serve` runs with. */
export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  /** The demo app's build to serve at `/`, if any. */
  readonly staticDir: string | undefined;
  readonly synchronous: 'FULL' | 'NORMAL';
  /** `postgres://...`: the PostgreSQL store instead of SQLite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** Schema of the PostgreSQL tables (default `public`). */
  readonly databaseSchema: string | undefined;
  /** `redis://...`: the Redis fanout between relay processes. */
  readonly redisUrl: string | undefined;
  /** Channel prefix on Redis (default `marginalia:doc:`). */
  readonly redisPrefix: string | undefined;
  readonly compactRows: number | undefined;
  readonly compactBytes: number | undefined;
  /** Milliseconds the relay-wide group commit waits to gather updates (acks wait that long at most). */
  readonly persistWindowMs: number | undefined;
  /** Reverse proxies whose `X-Forwarded-For` / `Forwarded` the per-IP limits believe (IPs or CIDRs). */
  readonly trustedProxies: readonly string[];
  readonly safety: SafetyConfig;
}

export class ServeOptionsError extends Error {
  readonly code = 'invalid_option' as const;
  override readonly name = 'ServeOptionsError';
}

/** Options that are env vars and flags: env `PORT` is `--port`, `DATA_DIR` is `--data-dir`. */
export const SERVE_OPTIONS = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'LOG_LEVEL',
  'STATIC_DIR',
  'SQLITE_SYNCHRONOUS',
  'COMPACT_ROWS',
  'COMPACT_BYTES',
  'PERSIST_WINDOW_MS',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'REDIS_URL',
  'REDIS_PREFIX',
  'TRUSTED_PROXIES',
] as const;

// The demo app's build output in the workspace (files to serve, not code to import).
// eslint-disable-next-line marginalia/no-url-into-other-package
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../reader/dist', import.meta.url));

export const SERVE_USAGE = `usage: marginalia-relay serve [--port 8787] [--host 127.0.0.1] [--data-dir ./data] [--log-level info]
  [--static-dir DIR | --no-static] [--sqlite-synchronous FULL|NORMAL] [--compact-rows N] [--compact-bytes N] [--persist-window-ms 2]
  [--database-url postgres://...] [--redis-url redis://...] [--trusted-proxies 127.0.0.1,10.0.0.0/8] [--auth-secret S] [--allowed-origins a,b] [--max-frame-bytes N] ...   (see docs/operations.md)
Every flag is also an environment variable: --data-dir is DATA_DIR, --max-frame-bytes is MAX_FRAME_BYTES.`;

/** Reads flags (win) and environment variables. Throws ServeOptionsError / SafetyConfigError. */
export function readServeOptions(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ServeOptions {
  const flags = parseFlags(args);
  const get = (envName: string): string | undefined => {
    const value = (flags[flagName(envName)] as string | undefined) ?? env[envName];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const host = get('HOST') ?? '127.0.0.1';
  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!isLogLevel(logLevel))
    throw new ServeOptionsError(`LOG_LEVEL must be debug, info, warn or error, got ${logLevel}`);
  const synchronous = (get('SQLITE_SYNCHRONOUS') ?? 'FULL').toUpperCase();
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL')
    throw new ServeOptionsError('SQLITE_SYNCHRONOUS must be FULL or NORMAL');
  const staticDir = flags['no-static'] === true ? undefined : (get('STATIC_DIR') ?? defaultStaticDir());
  return {
    port: integer('PORT', get('PORT') ?? '8787', 0),
    host,
    dataDir: get('DATA_DIR') ?? './data',
    logLevel,
    staticDir,
    synchronous,
    databaseUrl: url('DATABASE_URL', get('DATABASE_URL'), ['postgres:', 'postgresql:']),
    databaseSchema: get('DATABASE_SCHEMA'),
    redisUrl: url('REDIS_URL', get('REDIS_URL'), ['redis:', 'rediss:']),
    redisPrefix: get('REDIS_PREFIX'),
    compactRows: optionalInteger('COMPACT_ROWS', get('COMPACT_ROWS')),
    compactBytes: optionalInteger('COMPACT_BYTES', get('COMPACT_BYTES')),
    persistWindowMs: optionalInteger('PERSIST_WINDOW_MS', get('PERSIST_WINDOW_MS'), 0),
    trustedProxies: trustedProxies(get('TRUSTED_PROXIES')),
    safety: readSafetyConfig(env, flags as Record<string, string | undefined>, host),
  };
}

function parseFlags(args: readonly string[]): Record<string, string | boolean | undefined> {
  const names = [...SERVE_OPTIONS, ...AUTH_OPTIONS, ...LIMIT_OPTIONS.map(([, envName]) => envName)].map(flagName);
  const options: Record<string, { type: 'string' | 'boolean' }> = { 'no-static': { type: 'boolean' } };
  for (const name of names) options[name] = { type: 'string' };
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    if (error instanceof TypeError) throw new ServeOptionsError(error.message);
    throw error;
  }
}

function trustedProxies(text: string | undefined): string[] {
  const list = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  try {
    createClientAddress(list);
  } catch (error) {
    throw new ServeOptionsError(`TRUSTED_PROXIES: ${error instanceof Error ? error.message : String(error)}`);
  }
  return list;
}

function defaultStaticDir(): string | undefined {
  return existsSync(DEFAULT_STATIC_DIR) ? DEFAULT_STATIC_DIR : undefined;
}

function url(name: string, text: string | undefined, schemes: readonly string[]): string | undefined {
  if (text === undefined) return undefined;
  let scheme: string;
  try {
    scheme = new URL(text).protocol;
  } catch (error) {
    throw new ServeOptionsError(`${name} is not a URL (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!schemes.includes(scheme))
    throw new ServeOptionsError(`${name} must start with ${schemes.map((s) => `${s}//`).join(' or ')}`);
  return text;
}

function integer(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new ServeOptionsError(`${name} must be an integer >= ${min}, got ${text}`);
  return value;
}

function optionalInteger(name: string, text: string | undefined, min = 1): number | undefined {
  return text === undefined ? undefined : integer(name, text, min);
}
