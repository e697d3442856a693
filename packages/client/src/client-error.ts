/** Every failure the client reports, each with a stable `code`. */
export type ClientErrorCode =
  /** The relay refused the request as malformed (close 4400 / HTTP 400). Retrying stops. */
  | 'bad_request'
  /** The token was refused (close 4401 / HTTP 401) and no fresh token helped. Retrying stops. */
  | 'unauthenticated'
  /** `getToken()` threw or returned nothing usable. Retrying stops. */
  | 'token_refresh_failed'
  /** The token does not grant this document (close 4403 / HTTP 403). Retrying stops. */
  | 'forbidden'
  /** The relay has no such document (close 4404). Retrying stops. */
  | 'not_found'
  /** A message or the document exceeded the relay's limits (close 4413). Retrying stops. */
  | 'too_large'
  /**
   * A local change would make one text (a note's body) larger than `maxFieldBytes`: it was undone at once,
   * and never reaches the relay; later changes sync as usual. `limit` says how large, of at most how much.
   */
  | 'field_too_large'
  /** A local change would make the document larger than the relay's document limit: undone the same way. */
  | 'doc_too_large'
  /** The relay refused a write on a read-only connection (permission-denied message). */
  | 'permission_denied'
  /**
   * The relay (or another tab) sent something unusable: bytes that are not a valid frame, an update that does
   * not apply. It is skipped and the connection stays; the periodic sync step 1 heals anything it carried.
   */
  | 'protocol_error'
  /** The browser storage quota is exhausted: local changes are no longer saved locally. */
  | 'local_store_quota'
  /** Another connection to the local database (an old tab) blocks opening or deleting it. */
  | 'local_store_blocked'
  /** A stored row could not be read back as a Yjs update; it was skipped. */
  | 'local_store_corrupt'
  /** Any other failure of the local database. */
  | 'local_store_io'
  /** The handle or client was used after `close()`. */
  | 'closed'
  /** An event listener of the app threw; the error is the `cause`. The other listeners still ran. */
  | 'listener_failed';

/** The sizes behind a `field_too_large` or `doc_too_large` error, in bytes (UTF-8 for text). */
export interface SizeLimitDetails {
  /** What the field or document would have become. */
  readonly bytes: number;
  readonly maxBytes: number;
  /** The note whose body it was, when it was one. */
  readonly noteId?: string;
}

export class ClientError extends Error {
  override readonly name = 'ClientError';
  readonly code: ClientErrorCode;
  /** The websocket close code that caused this error, when there was one. */
  readonly closeCode: number | undefined;
  /** For `field_too_large` and `doc_too_large`: the sizes. */
  readonly limit: SizeLimitDetails | undefined;

  constructor(
    code: ClientErrorCode,
    message: string,
    options: { cause?: unknown; closeCode?: number; limit?: SizeLimitDetails } = {},
  ) {
    super(`${code}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.closeCode = options.closeCode;
    this.limit = options.limit;
  }
}

/** The error event for a listener of `event` that threw `cause`. */
export function listenerFailed(event: string, cause: unknown): ClientError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ClientError('listener_failed', `a listener of "${event}" threw: ${detail}`, { cause });
}

export function isClientError(value: unknown): value is ClientError {
  return value instanceof ClientError;
}

/** True for the local-store error codes (the data is fine on the relay; the local copy is not). */
export function isLocalStoreError(error: ClientError): boolean {
  return error.code.startsWith('local_store_');
}
