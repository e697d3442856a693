import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { errorFields, type Logger } from '../core/logger.js';
import { RelayMountError } from './base-path.js';
import { loggableTarget } from './read-request.js';

/**
 * The app's error handler: an unexpected error in any route (the relay's or one added after
 * them) becomes one structured log line, with the request target redacted (no token), and a
 * JSON 500. Without it hono prints the error to stderr, outside the JSON logs.
 */
export function createErrorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (error instanceof RelayMountError) {
      logger.error({ path: loggableTarget(c), message: error.message }, 'relay mounted at the wrong path');
      return c.json({ error: error.code, message: error.message }, 500);
    }
    logger.error({ method: c.req.method, path: loggableTarget(c), ...errorFields(error) }, 'request failed');
    return c.json({ error: 'internal', message: 'internal error' }, 500);
  };
}
