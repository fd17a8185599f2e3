// Stable error codes shared by relay and SuiteApp. SuiteScripts branch on codes, never on messages.

export const ERROR_CODES = [
  /** The request to the relay is malformed; `fields` names every bad field. */
  'INVALID_REQUEST',
  /** Signature, timestamp or nonce of a NetSuite call is wrong (deliberately undetailed). */
  'BAD_SIGNATURE',
  /** The idempotency key was used before with a different request body. */
  'IDEMPOTENCY_CONFLICT',
  /** A request with this key is still being processed by another call. */
  'IDEMPOTENCY_IN_PROGRESS',
  /** FedEx rejected the request (4xx other than auth/rate limit): `fedexErrors` says why. */
  'FEDEX_REJECTED',
  /** FedEx kept answering 429 beyond the retry budget. */
  'FEDEX_RATE_LIMITED',
  /** FedEx refused the relay's credentials. */
  'FEDEX_UNAUTHORIZED',
  /** FedEx was unreachable or kept failing (5xx, network) beyond the retry budget. */
  'FEDEX_UNAVAILABLE',
  /**
   * A create may or may not have reached FedEx and the relay could not tell yet. Retried: the next
   * attempt reconciles by customer reference before it creates anything, so it cannot buy twice.
   */
  'FEDEX_OUTCOME_UNKNOWN',
  /** FedEx refused to void a shipment (picked up, delivered): the label stays live and billable. */
  'FEDEX_VOID_REFUSED',
  /** Connector configuration in NetSuite is incomplete (ship method mapping, account number, relay URL). */
  'CONFIGURATION',
  /** The NetSuite data cannot make a valid FedEx shipment (missing phone, bad country...). */
  'INVALID_SHIPMENT_DATA',
  /** The relay could not be reached, answered something that is not the contract, or its shared state (Redis) is down. */
  'RELAY_UNAVAILABLE',
  /**
   * Definite refusal, at once and before anything was sent to FedEx: the request's turn at FedEx's
   * rate would come too late for its deadline. `Retry-After` says when to come back.
   */
  'RELAY_OVERLOADED',
  'INTERNAL',
  /** The fulfillment is not one the connector ships (created from neither a sales order nor a transfer order). */
  'UNSUPPORTED_FULFILLMENT',
  /** FedEx's daily quota for this API is used up: it refuses until 00:00 GMT. */
  'FEDEX_QUOTA_EXCEEDED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes after which the same request may succeed later without anyone changing data. */
export const RETRYABLE_CODES: readonly ErrorCode[] = [
  'IDEMPOTENCY_IN_PROGRESS',
  'FEDEX_RATE_LIMITED',
  'FEDEX_UNAVAILABLE',
  'FEDEX_OUTCOME_UNKNOWN',
  'RELAY_UNAVAILABLE',
  'RELAY_OVERLOADED',
  'INTERNAL',
];

export interface FieldProblem {
  /** Dotted path in the request, e.g. `recipient.address.countryCode`. */
  path: string;
  message: string;
}

export interface FedexErrorDetail {
  code: string;
  message: string;
}

/** The body of every non-2xx relay answer. */
export interface RelayErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    retryable: boolean;
    requestId?: string;
    fields?: FieldProblem[];
    fedexErrors?: FedexErrorDetail[];
    fedexTransactionId?: string;
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
