/** Stable error codes of the relay core (HTTP maps them to statuses, sockets to close codes). */
export type RelayErrorCode =
  | 'bad_update'
  | 'pending_overflow'
  | 'pending_too_many_structs'
  | 'pending_too_many_deletes'
  | 'doc_too_large'
  | 'doc_too_many_items'
  | 'concurrent_inserts'
  | 'concurrent_insert_rate'
  | 'subdocument'
  | 'foreign_client_id'
  | 'load_failed'
  | 'storage_failed'
  | 'document_failed'
  | 'too_many_docs'
  | 'shutting_down';

export class RelayError extends Error {
  override readonly name = 'RelayError';
  readonly code: RelayErrorCode;
  constructor(code: RelayErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isRelayError(value: unknown): value is RelayError {
  return value instanceof RelayError;
}
