import { pino, stdTimeFunctions, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { redactUrl } from '@marginalia/relay';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

const REDACTED = '[redacted]';

/** Where a secret can sit in a logged object: credentials in headers, tokens as fields. */
export const REDACT_PATHS: readonly string[] = ['authorization', 'cookie', 'set-cookie', 'token', 'secret'].flatMap(
  (key) => [key, `*.${key}`, `headers["${key}"]`, `*.headers["${key}"]`],
);

/**
 * The program's logger: pino, one JSON object per line on `destination` (stdout by default):
 * `{"level":"info","time":"<ISO 8601>","pid","hostname","msg",...fields}`. Secrets are redacted:
 * header and field values at `REDACT_PATHS`, and token query parameters in every string field
 * (a URL logged as `path`, `url`, or inside an error message).
 */
export function createProgramLogger(level: LogLevel, destination?: DestinationStream): PinoLogger {
  const options = {
    level,
    timestamp: stdTimeFunctions.isoTime,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    formatters: {
      level: (label: string) => ({ level: label }),
      log: redactUrls,
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** Token query parameters in string values, at any depth (`redactUrl` of @marginalia/relay). */
function redactUrls(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, redactValue(value, 0)]));
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.includes('?') ? redactUrl(value) : value;
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, depth + 1));
  if (value instanceof Error) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, depth + 1)]));
}
