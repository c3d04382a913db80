// Errors a user can act on carry a stable code and are mapped to exit codes (CLI) and HTTP
// statuses (server) at the edge, in one place each. Anything else is an internal error.

export type ErrorCode =
  | 'bad_argument'
  | 'not_found'
  | 'invalid_data'
  | 'store_not_duckdb'
  | 'store_too_new'
  | 'store_locked'
  | 'store_error'
  | 'store_not_empty'
  | 'unknown_setting'
  | 'invalid_setting'
  | 'missing_fx_rate'
  | 'unreadable_file';

export class UserError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.details = details;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
