import { readFileSync } from 'node:fs';
import {
  checkOpenListen,
  parseDurationSeconds,
  resolveLimits,
  type LimitsOptions,
  type RelayAuthOptions,
} from '@marginalia/relay';

/**
 * The security and limits options of `marginalia-relay serve`, each with an env var and a flag
 * (flag wins). Documented in docs/operations.md, "Security and limits".
 */
export const LIMIT_OPTIONS = [
  ['maxFrameBytes', 'MAX_FRAME_BYTES'],
  ['maxDocBytes', 'MAX_DOC_BYTES'],
  ['maxDocStructs', 'MAX_DOC_STRUCTS'],
  ['maxConflictSteps', 'MAX_CONFLICT_STEPS'],
  ['conflictStepsPerSecond', 'CONFLICT_STEPS_PER_SECOND'],
  ['messagesPerSecond', 'MESSAGES_PER_SECOND'],
  ['messageBurst', 'MESSAGE_BURST'],
  ['bytesPerSecond', 'BYTES_PER_SECOND'],
  ['byteBurst', 'BYTE_BURST'],
  ['maxConnectionsPerIp', 'MAX_CONNECTIONS_PER_IP'],
  ['maxLoadedDocs', 'MAX_LOADED_DOCS'],
  ['maxPendingBytesPerDoc', 'MAX_PENDING_BYTES_PER_DOC'],
  ['maxPendingStructsPerDoc', 'MAX_PENDING_STRUCTS_PER_DOC'],
  ['maxPendingDeletesPerDoc', 'MAX_PENDING_DELETES_PER_DOC'],
  ['maxAwarenessBytes', 'MAX_AWARENESS_BYTES'],
  ['awarenessPerSecond', 'AWARENESS_PER_SECOND'],
  ['awarenessBurst', 'AWARENESS_BURST'],
  ['maxAwarenessClientIds', 'MAX_AWARENESS_CLIENT_IDS'],
  ['maxPresenceBytesPerConnection', 'MAX_PRESENCE_BYTES_PER_CONNECTION'],
  ['maxPresenceBytesPerDoc', 'MAX_PRESENCE_BYTES_PER_DOC'],
  ['httpReadsPerSecond', 'HTTP_READS_PER_SECOND'],
  ['httpReadBurst', 'HTTP_READ_BURST'],
] as const satisfies ReadonlyArray<readonly [keyof LimitsOptions, string]>;

export const AUTH_OPTIONS = [
  'AUTH_SECRET',
  'AUTH_PUBLIC_KEY',
  'AUTH_PUBLIC_KEY_FILE',
  'AUTH_PUBLIC_KEY_ALG',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'MAX_TOKEN_LIFETIME',
  'ALLOWED_ORIGINS',
  'ALLOWED_HOSTS',
] as const;

/** Every env var name above as its flag: `MAX_FRAME_BYTES` -> `max-frame-bytes`. */
export function flagName(envName: string): string {
  return envName.toLowerCase().replaceAll('_', '-');
}

export interface SafetyConfig {
  readonly auth: RelayAuthOptions;
  readonly authEnabled: boolean;
  readonly limits: LimitsOptions;
  /** Set when the relay runs open on loopback: log it as a warning at start. */
  readonly warning: string | undefined;
}

export class SafetyConfigError extends Error {
  readonly code = 'invalid_config' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SafetyConfigError';
  }
}

/**
 * Reads auth, origin and limit options from the environment and flags (`flags` keyed by flag name
 * without dashes in front, e.g. `{ 'auth-secret': '...' }`) and applies the start-up rule: without
 * a secret or public key, `host` must be loopback (throws OpenListenError otherwise).
 */
export function readSafetyConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: Readonly<Record<string, string | undefined>>,
  host: string,
): SafetyConfig {
  const get = (envName: string): string | undefined => {
    const value = flags[flagName(envName)] ?? env[envName];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const auth = readAuth(get);
  const authEnabled = auth.secret !== undefined || auth.publicKey !== undefined;
  const limits = readLimits(get);
  return { auth, authEnabled, limits, warning: checkOpenListen(host, authEnabled) };
}

function readAuth(get: (envName: string) => string | undefined): RelayAuthOptions {
  const keyFile = get('AUTH_PUBLIC_KEY_FILE');
  const publicKey = get('AUTH_PUBLIC_KEY') ?? (keyFile === undefined ? undefined : readKeyFile(keyFile));
  const origins = get('ALLOWED_ORIGINS')
    ?.split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  const entries: Array<[string, unknown]> = [
    ['secret', get('AUTH_SECRET')],
    ['publicKey', publicKey],
    ['publicKeyAlgorithm', get('AUTH_PUBLIC_KEY_ALG')],
    ['issuer', get('AUTH_ISSUER')],
    ['audience', get('AUTH_AUDIENCE')],
    ['maxTokenLifetimeSeconds', readLifetime(get('MAX_TOKEN_LIFETIME'))],
    ['allowedOrigins', origins],
    [
      'allowedHosts',
      get('ALLOWED_HOSTS')
        ?.split(',')
        .map((host) => host.trim())
        .filter((host) => host !== ''),
    ],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

function readLifetime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined)
    throw new SafetyConfigError(
      `MAX_TOKEN_LIFETIME (--max-token-lifetime) must be a duration such as 3600, 15m, 8h or 7d, got ${JSON.stringify(text)}`,
    );
  return seconds;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new SafetyConfigError(`cannot read AUTH_PUBLIC_KEY_FILE ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function readLimits(get: (envName: string) => string | undefined): LimitsOptions {
  const limits: Record<string, number> = {};
  for (const [key, envName] of LIMIT_OPTIONS) {
    const text = get(envName);
    if (text === undefined) continue;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) {
      throw new SafetyConfigError(
        `${envName} (--${flagName(envName)}) must be a positive number, got ${JSON.stringify(text)}`,
      );
    }
    limits[key] = value;
  }
  resolveLimits(limits);
  return limits;
}
