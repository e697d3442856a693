/**
 * Structured logging port, shaped like pino's so that a `pino()` logger can be passed as is:
 * `logger.info({ doc, reason }, 'connection refused')` or `logger.info('listening')`. One event
 * per call; the fields are JSON-serialisable. Never log tokens.
 */
export interface LogFn {
  (fields: Record<string, unknown>, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger that adds `bindings` to every event. */
  child(bindings: Record<string, unknown>): Logger;
}

const ignore = (): void => undefined;

export function createSilentLogger(): Logger {
  const silent: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore, child: () => silent };
  return silent;
}

/** Makes an error loggable as a field. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { error: error.message, errorName: error.name, ...(code === undefined ? {} : { errorCode: code }) };
  }
  return { error: String(error) };
}
