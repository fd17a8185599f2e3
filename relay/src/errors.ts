// The relay's one error type, rendered by the app's onError as `{ error: { code, message, ... } }`.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode, FedexErrorDetail, FieldProblem, RelayErrorBody } from '../../shared/src/errors';
import { RETRYABLE_CODES } from '../../shared/src/errors';

export interface RelayErrorOptions {
  fields?: FieldProblem[];
  fedexErrors?: FedexErrorDetail[];
  fedexTransactionId?: string;
  /** Sent as `Retry-After` (seconds): when a retry has a chance. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class RelayError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: RelayErrorOptions;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, options: RelayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RelayError';
    this.status = status;
    this.code = code;
    this.retryable = RETRYABLE_CODES.includes(code);
    this.details = options;
  }

  toBody(requestId?: string): RelayErrorBody {
    const { fields, fedexErrors, fedexTransactionId } = this.details;
    return {
      error: {
        code: this.code,
        message: this.message,
        retryable: this.retryable,
        ...(requestId ? { requestId } : {}),
        ...(fields ? { fields } : {}),
        ...(fedexErrors ? { fedexErrors } : {}),
        ...(fedexTransactionId ? { fedexTransactionId } : {}),
      },
    };
  }
}
