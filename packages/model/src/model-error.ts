/** Stable codes of every error the model throws. */
export type ModelErrorCode =
  | 'unknown_color'
  | 'invalid_range'
  | 'invalid_anchor'
  | 'unknown_field'
  | 'unknown_highlight'
  | 'unknown_note'
  | 'invalid_tag'
  | 'invalid_input'
  | 'invalid_presence'
  | 'invalid_migration';

/** The typed error of @marginalia/model: branch on `code`, never on the message. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly code: ModelErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ModelErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export const isModelError = (value: unknown, code?: ModelErrorCode): value is ModelError =>
  value instanceof ModelError && (code === undefined || value.code === code);
