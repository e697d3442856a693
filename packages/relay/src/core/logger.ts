/** Structured logging port: one event per call, `fields` are JSON-serialisable. Never log tokens. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const ignore = (): void => undefined;

export function createSilentLogger(): Logger {
  return { debug: ignore, info: ignore, warn: ignore, error: ignore };
}

/** Makes an error loggable as a field. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { error: error.message, errorName: error.name, ...(code === undefined ? {} : { errorCode: code }) };
  }
  return { error: String(error) };
}
